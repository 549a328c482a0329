import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { StationParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { IssueListQuery, IssueSummaryPageDto } from './list-station-issues.dto';
import { ListStationIssuesQuery } from './list-station-issues.query';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class ListStationIssuesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('station', 'supervisor')
  @ApiOperation({ summary: "The station's own issues, oldest first" })
  @ApiOkResponse({ type: IssueSummaryPageDto })
  @ApiProblems()
  list(@Param() params: StationParams, @QueryParams() query: IssueListQuery, @CurrentActor() actor: Actor): Promise<IssueSummaryPageDto> {
    requireOwnUnit(actor, params.stationId);
    return this.queryBus.execute(new ListStationIssuesQuery(params.stationId, query.page ?? 1, query.pageSize ?? 50, query.status));
  }
}
