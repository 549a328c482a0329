import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UNIT_ID } from '../issues/issue-dto';
import { IsEngineYear, YEAR_SCHEMA } from '../supervision/dto/year-params.dto';

export class RegisterUnitDto {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source, description: 'Unique across the whole organisation' })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -, starting with a letter or digit' })
  id!: string;

  @ApiProperty({ example: '区城管委', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class RegisterStationDto extends RegisterUnitDto {
  @ApiProperty({ example: 'st1', description: 'The street the station belongs to (registered first)' })
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -, starting with a letter or digit' })
  streetId!: string;
}

export class AdoptPolicyVersionDto {
  @ApiProperty({
    format: 'date-time',
    example: '2027-01-01T00:00:00+08:00',
    description: 'Not before now, and after the newest version: never retroactive',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveFrom!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { feedback: { count: 3, unit: 'calendarDays' } },
    description:
      'Overrides of the default policy (feedback, communityLimit, streetLimit, points, deductionPer: deadline | issue, singleWithAddedDepartments: coHandled | namedOnly, consecutiveMissesForInterview, ranking incl. lastPlaceWhenAllTied, yearEnd, appealPeriod: a period like feedback (申诉 within it, from the missed deadline), reminder: workingDaysBefore, hour, minute (督办提醒)); unknown keys are refused, the result is validated',
  })
  @IsObject()
  policy!: Record<string, unknown>;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LoadYearScheduleDto {
  @ApiProperty({ example: 2027, ...YEAR_SCHEMA })
  @IsEngineYear()
  year!: number;

  @ApiProperty({ type: [String], example: ['2027-01-01'], description: 'Days off (YYYY-MM-DD, in the year)' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(LOCAL_DATE, { each: true, message: 'each date must be YYYY-MM-DD' })
  holidays!: string[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: 'Weekend days worked instead (调休)' })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(LOCAL_DATE, { each: true, message: 'each date must be YYYY-MM-DD' })
  workdays!: string[];

  @ApiPropertyOptional({ example: '国办发明电〔2026〕xx号', maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source?: string;
}
