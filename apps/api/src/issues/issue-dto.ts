import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const UNIT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
export const ISSUE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const UNIT_ID_MESSAGE = 'must be 1-40 letters, digits, _ or -, starting with a letter or digit';
const ISSUE_ID_MESSAGE = 'must be 1-64 letters, digits, _ or -, starting with a letter or digit';

export const LEVEL_VALUES = ['community', 'street', 'district', 'city'] as const;
export const ISSUE_STATUS_VALUES = ['open', 'resolved', 'closed'] as const;

export class StationParams {
  @ApiProperty({ example: 's1', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  stationId!: string;
}

export class StreetParams {
  @ApiProperty({ example: 'st1', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  streetId!: string;
}

export class IssueParams {
  @ApiProperty({ example: '20260302-4f9a1c', pattern: ISSUE_ID.source })
  @Matches(ISSUE_ID, { message: ISSUE_ID_MESSAGE })
  issueId!: string;
}

export class DepartmentParams {
  @ApiProperty({ example: 'cg', pattern: UNIT_ID.source })
  @Matches(UNIT_ID, { message: UNIT_ID_MESSAGE })
  departmentId!: string;
}

/** An issue below its unit's path (stations/:stationId/issues/:issueId, …): both ids validated. */
export class StationIssueParams extends IntersectionType(StationParams, IssueParams) {}
export class StreetIssueParams extends IntersectionType(StreetParams, IssueParams) {}
export class DepartmentTaskParams extends IntersectionType(DepartmentParams, IssueParams) {}

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class AppendedEventDto {
  @ApiProperty({ example: 'IssueEscalated' })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
}

export class IssueCommandResultDto {
  @ApiProperty()
  issueId!: string;

  @ApiProperty({ description: 'Revision of the issue stream after the command (send it as If-Match next time)' })
  revision!: number;

  @ApiProperty({ enum: ISSUE_STATUS_VALUES })
  status!: string;

  @ApiProperty({ enum: LEVEL_VALUES })
  level!: string;

  @ApiProperty({ type: [AppendedEventDto], description: 'The events this command appended, in order' })
  appended!: AppendedEventDto[];
}

export class PageInfoDto {
  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;

  @ApiProperty()
  total!: number;
}
