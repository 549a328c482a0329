import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { IssueSummaryPageDto } from '../../stations/list-station-issues/list-station-issues.dto';
import { DispatchIssueQuery } from './list-issues.dto';
import { ListIssuesQuery } from './list-issues.query';

@ApiTags('dispatch')
@Controller({ path: 'dispatch/issues', version: '1' })
export class ListIssuesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('dispatch', 'supervisor')
  @ApiOperation({ summary: 'All issues, e.g. ?level=district&status=open for those awaiting a whistle' })
  @ApiOkResponse({ type: IssueSummaryPageDto })
  @ApiProblems()
  list(@QueryParams() query: DispatchIssueQuery): Promise<IssueSummaryPageDto> {
    return this.queryBus.execute(new ListIssuesQuery(query.page ?? 1, query.pageSize ?? 50, query.level, query.status));
  }
}
