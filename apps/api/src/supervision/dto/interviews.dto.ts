import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { UNIT_ID } from '../../issues/issue-dto';
import { IsEngineYear, YEAR_SCHEMA } from './year-params.dto';

export class InterviewQueryParams {
  @ApiPropertyOptional({ example: 2026, ...YEAR_SCHEMA })
  @IsOptional()
  @Type(() => Number)
  @IsEngineYear()
  year?: number;

  @ApiPropertyOptional({ example: 'cg' })
  @IsOptional()
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  departmentId?: string;
}

export class InterviewWithdrawalDto {
  @ApiProperty({ format: 'date-time', description: 'The decision that withdrew it' }) at!: string;
  @ApiProperty({ example: 'appeal:20260302-4f9a1c#1' }) appealId!: string;
}

export class InterviewDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['consecutive-missed-feedback', 'last-in-ranking'] }) reason!: string;
  @ApiProperty() year!: number;
  @ApiPropertyOptional({ type: [String] }) deadlineIds?: string[];
  @ApiPropertyOptional({ description: "The appeal whose overturn ordered it (the streak's recount at the decision)" }) appealId?: string;
  @ApiPropertyOptional({ type: InterviewWithdrawalDto, description: 'Present when an overturned appeal withdrew it' })
  withdrawn?: InterviewWithdrawalDto;
  @ApiProperty({ description: 'Stream the order was recorded in' }) streamId!: string;
}

export class InterviewListDto {
  @ApiProperty({ type: [InterviewDto] }) items!: InterviewDto[];
}
