import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ISSUE_STATUS_VALUES, LEVEL_VALUES, PageInfoDto, PageQuery } from '../../issues/issue-dto';

export class IssueListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ISSUE_STATUS_VALUES })
  @IsOptional()
  @IsIn(ISSUE_STATUS_VALUES)
  status?: (typeof ISSUE_STATUS_VALUES)[number];
}

export class IssueSummaryDto {
  @ApiProperty() issueId!: string;
  @ApiProperty() stationId!: string;
  @ApiProperty() streetId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ISSUE_STATUS_VALUES }) status!: string;
  @ApiProperty({ enum: LEVEL_VALUES }) level!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ enum: ['single', 'joint', 'transfer'], nullable: true, type: String }) whistleMode!: string | null;
  @ApiProperty({ type: [String] }) departments!: string[];
  @ApiProperty() revision!: number;
}

export class IssueSummaryPageDto extends PageInfoDto {
  @ApiProperty({ type: [IssueSummaryDto] })
  items!: IssueSummaryDto[];
}
