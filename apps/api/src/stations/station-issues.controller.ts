import { IssueViewRepository } from '@app/read-models';
import { Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireOwnUnit } from '../auth/scope';
import { StationParams } from '../issues/issue-dto';
import { IssueListQuery, IssueSummaryPageDto } from '../issues/issue-summary.dto';
import { ReadRoute } from '../reads/read-route.decorator';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class StationIssuesController {
  constructor(private readonly issues: IssueViewRepository) {}

  @ReadRoute('', { roles: ['station', 'supervisor'], summary: "The station's own issues, newest first", type: IssueSummaryPageDto })
  list(@Param() params: StationParams, @Query() query: IssueListQuery, @CurrentActor() actor: Actor): Promise<IssueSummaryPageDto> {
    requireOwnUnit(actor, params.stationId);
    return this.issues.search({ stationId: params.stationId, status: query.status, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }
}
