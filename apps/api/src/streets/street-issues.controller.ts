import { IssueViewRepository } from '@app/read-models';
import { Controller, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireOwnUnit } from '../auth/scope';
import { StreetParams } from '../issues/issue-dto';
import { IssueByLevelQuery, IssueSummaryPageDto } from '../issues/issue-summary.dto';
import { ReadRoute } from '../reads/read-route.decorator';

@ApiTags('streets')
@Controller({ path: 'streets/:streetId/issues', version: '1' })
export class StreetIssuesController {
  constructor(private readonly issues: IssueViewRepository) {}

  @ReadRoute('', {
    roles: ['street', 'supervisor'],
    summary: "The issues of the street's stations, newest first, e.g. ?level=street&status=open for those it works",
    type: IssueSummaryPageDto,
  })
  list(@Param() params: StreetParams, @Query() query: IssueByLevelQuery, @CurrentActor() actor: Actor): Promise<IssueSummaryPageDto> {
    requireOwnUnit(actor, params.streetId);
    return this.issues.search({
      streetId: params.streetId,
      level: query.level,
      status: query.status,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
    });
  }
}
