import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { IssueSummaryPageDto } from '../../stations/list-station-issues/list-station-issues.dto';
import { IssueSearchQueryParams } from './issue-search.dto';
import { IssueSearchQuery } from './issue-search.query';

/** Start of a local (Asia/Shanghai, no daylight saving) date as an instant. */
const startOfLocalDate = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);

@ApiTags('supervision')
@Controller({ path: 'supervision/issues', version: '1' })
export class IssueSearchController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Search issues by station, street, department, status, level and the local date raised; newest first, paginated' })
  @ApiOkResponse({ type: IssueSummaryPageDto })
  @ApiProblems()
  search(@QueryParams() query: IssueSearchQueryParams): Promise<IssueSummaryPageDto> {
    return this.queryBus.execute(
      new IssueSearchQuery({
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        stationId: query.stationId,
        streetId: query.streetId,
        departmentId: query.departmentId,
        status: query.status,
        level: query.level,
        raisedFrom: query.raisedFrom !== undefined ? startOfLocalDate(query.raisedFrom) : undefined,
        raisedTo: query.raisedTo !== undefined ? startOfLocalDate(query.raisedTo, 1) : undefined,
      }),
    );
  }
}
