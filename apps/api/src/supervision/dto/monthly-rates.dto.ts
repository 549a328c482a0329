import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { UNIT_ID } from '../../issues/issue-dto';

export class MonthlyRatesQueryParams {
  @ApiPropertyOptional({ example: 'cg' })
  @IsOptional()
  @Matches(UNIT_ID, { message: 'must be 1-40 letters, digits, _ or -' })
  departmentId?: string;
}

export class MonthlyRatesDto {
  @ApiProperty() departmentId!: string;
  @ApiProperty({ example: '2026-03', description: 'Month in Asia/Shanghai (deadlines by due instant, issues by whistle instant)' })
  month!: string;
  @ApiProperty() feedbackDeadlinesMet!: number;
  @ApiProperty() feedbackDeadlinesMissed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met / (met + missed); null without settled deadlines' }) onTimeFeedbackRate!:
    number | null;
  @ApiProperty() issuesWhistled!: number;
  @ApiProperty({ description: 'Of the issues whistled that month, those closed since' }) issuesClosed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'closed / whistled' }) resolutionRate!: number | null;
  @ApiProperty() closingsEvaluated!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '(satisfied + basicallySatisfied) / evaluated closings; null when none was evaluated',
  })
  satisfaction!: number | null;
}

export class MonthlyRatesListDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: [MonthlyRatesDto], description: 'Per department and month, months without activity left out' })
  items!: MonthlyRatesDto[];
}
