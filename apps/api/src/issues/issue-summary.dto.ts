import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ISSUE_STATUS_VALUES, LEVEL_VALUES, PageInfoDto, PageQuery } from './issue-dto';

export class IssueListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ISSUE_STATUS_VALUES })
  @IsOptional()
  @IsIn(ISSUE_STATUS_VALUES)
  status?: (typeof ISSUE_STATUS_VALUES)[number];
}

/** Dispatch and streets list issues by level too, e.g. those at district level awaiting a whistle. */
export class IssueByLevelQuery extends IssueListQuery {
  @ApiPropertyOptional({ enum: LEVEL_VALUES, example: 'district' })
  @IsOptional()
  @IsIn(LEVEL_VALUES)
  level?: (typeof LEVEL_VALUES)[number];
}

export class TimeLimitDto {
  @ApiProperty({ format: 'date-time' }) due!: string;
  @ApiProperty({ description: 'The due instant depends on a year whose official calendar is not published yet' }) provisional!: boolean;
}

export class IssueSummaryDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty() streetId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ISSUE_STATUS_VALUES }) status!: string;
  @ApiProperty({ enum: LEVEL_VALUES }) level!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ enum: ['single', 'joint', 'transfer'], nullable: true, type: String }) whistleMode!: string | null;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty({ type: TimeLimitDto, nullable: true, description: "The current level's time limit (本级办理时限), while one runs" })
  timeLimit!: TimeLimitDto | null;
}

export class IssueSummaryPageDto extends PageInfoDto {
  @ApiProperty({ type: [IssueSummaryDto], description: 'Newest first (from the issue read model; follows the event store within moments)' })
  items!: IssueSummaryDto[];
}
