import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LEVEL_VALUES } from '../../issues/issue-dto';
import { IssueListQuery } from '../../stations/list-station-issues/list-station-issues.dto';

export class DispatchIssueQuery extends IssueListQuery {
  @ApiPropertyOptional({ enum: LEVEL_VALUES, example: 'district' })
  @IsOptional()
  @IsIn(LEVEL_VALUES)
  level?: (typeof LEVEL_VALUES)[number];
}
