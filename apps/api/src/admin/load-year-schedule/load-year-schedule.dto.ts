import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LoadYearScheduleDto {
  @ApiProperty({ example: 2027, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
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
