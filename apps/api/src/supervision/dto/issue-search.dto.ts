import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ISSUE_STATUS_VALUES, LEVEL_VALUES, PageQuery, UNIT_ID } from '../../issues/issue-dto';

const UNIT_MESSAGE = 'must be 1-40 letters, digits, _ or -';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IssueSearchQueryParams extends PageQuery {
  @ApiPropertyOptional({ example: 's1' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_MESSAGE })
  stationId?: string;

  @ApiPropertyOptional({ example: 'st1' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_MESSAGE })
  streetId?: string;

  @ApiPropertyOptional({ example: 'cg', description: 'Issues routed to this department' })
  @IsOptional()
  @Matches(UNIT_ID, { message: UNIT_MESSAGE })
  departmentId?: string;

  @ApiPropertyOptional({ enum: ISSUE_STATUS_VALUES })
  @IsOptional()
  @IsIn(ISSUE_STATUS_VALUES)
  status?: (typeof ISSUE_STATUS_VALUES)[number];

  @ApiPropertyOptional({ enum: LEVEL_VALUES })
  @IsOptional()
  @IsIn(LEVEL_VALUES)
  level?: (typeof LEVEL_VALUES)[number];

  @ApiPropertyOptional({ format: 'date', example: '2026-03-01', description: 'Raised on or after this local date (Asia/Shanghai)' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  raisedFrom?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-31', description: 'Raised on or before this local date (Asia/Shanghai)' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  raisedTo?: string;
}
