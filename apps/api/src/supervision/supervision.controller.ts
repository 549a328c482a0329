import {
  DepartmentRatesRepository,
  IssueStreamReader,
  IssueViewRepository,
  OverviewRepository,
  ScoringStreamReader,
  YearEndRepository,
} from '@app/read-models';
import { Controller, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireOwnUnit } from '../auth/scope';
import { Clock } from '../clock/clock';
import { IssueParams } from '../issues/issue-dto';
import { ReadRoute } from '../reads/read-route.decorator';
import { IssueSummaryPageDto } from '../issues/issue-summary.dto';
import { AssessmentBonusListDto } from './dto/assessment-bonuses.dto';
import { LedgerDto, LedgerParams } from './dto/department-ledger.dto';
import { DepartmentRatesListDto } from './dto/department-rates.dto';
import { InterviewListDto, InterviewQueryParams } from './dto/interviews.dto';
import { AuditTrailDto } from './dto/issue-audit-trail.dto';
import { IssueDetailsDto } from './dto/issue-details.dto';
import { IssueSearchQueryParams } from './dto/issue-search.dto';
import { MonthlyRatesListDto, MonthlyRatesQueryParams } from './dto/monthly-rates.dto';
import { OverviewDto } from './dto/overview.dto';
import { RankingDto, RankingQueryParams } from './dto/ranking.dto';
import { ReconciliationListDto } from './dto/reconciliations.dto';
import { YearParams } from './dto/year-params.dto';

/** Start of a local (Asia/Shanghai, no daylight saving) date as an instant. */
const startOfLocalDate = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);

const supervisor = { roles: ['supervisor' as const] };

/** What supervisors (区委组织部, 区直工委) read: each answer from one reader of libs/read-models. */
@ApiTags('supervision')
@Controller({ path: 'supervision', version: '1' })
export class SupervisionController {
  constructor(
    private readonly overviews: OverviewRepository,
    private readonly issues: IssueViewRepository,
    private readonly issueStreams: IssueStreamReader,
    private readonly scoring: ScoringStreamReader,
    private readonly rates: DepartmentRatesRepository,
    private readonly yearEnd: YearEndRepository,
    private readonly clock: Clock,
  ) {}

  @ReadRoute('overview', {
    ...supervisor,
    summary: 'Issues by level and status; feedback deadlines due today and this week, missed this month; interviews pending',
    type: OverviewDto,
  })
  overview(): Promise<OverviewDto> {
    return this.overviews.overview(this.clock.now());
  }

  @ReadRoute('issues', {
    ...supervisor,
    summary: 'Search issues by station, street, department, status, level and the local date raised; newest first, paginated',
    type: IssueSummaryPageDto,
  })
  search(@Query() query: IssueSearchQueryParams): Promise<IssueSummaryPageDto> {
    return this.issues.search({
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 20,
      stationId: query.stationId,
      streetId: query.streetId,
      departmentId: query.departmentId,
      status: query.status,
      level: query.level,
      raisedFrom: query.raisedFrom !== undefined ? startOfLocalDate(query.raisedFrom) : undefined,
      raisedTo: query.raisedTo !== undefined ? startOfLocalDate(query.raisedTo, 1) : undefined,
    });
  }

  @ReadRoute('issues/:issueId', {
    ...supervisor,
    summary: 'An issue as the read model holds it: four lists, level history, every department deadline and its outcome',
    type: IssueDetailsDto,
    problems: [404],
    recorded: 'issue',
  })
  async issue(@Param() params: IssueParams): Promise<IssueDetailsDto> {
    return found(await this.issues.issue(params.issueId), `issue ${params.issueId} was not found`);
  }

  @ReadRoute('issues/:issueId/audit-trail', {
    ...supervisor,
    summary: 'Every stored event of an issue, with the verification of its hash chain',
    type: AuditTrailDto,
    problems: [404],
    recorded: 'audit-trail',
  })
  async auditTrail(@Param() params: IssueParams): Promise<AuditTrailDto> {
    return found(await this.issueStreams.auditTrail(params.issueId), `issue ${params.issueId} was not found`);
  }

  @ReadRoute('departments/:departmentId/ledger/:year', {
    roles: ['department', 'supervisor'],
    summary: "A department's points ledger for a year, with its hash chain checked",
    description: 'A supervisor reads any department; a department head only their own (another department: 403).',
    type: LedgerDto,
    recorded: 'ledger',
  })
  ledger(@Param() params: LedgerParams, @CurrentActor() actor: Actor): Promise<LedgerDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.scoring.ledger(params.departmentId, params.year);
  }

  @ReadRoute('rates/:year', {
    ...supervisor,
    summary: 'Per district department, station and street: on-time feedback rate, resolution rate, satisfaction rate',
    type: DepartmentRatesListDto,
  })
  async yearRates(@Param() params: YearParams): Promise<DepartmentRatesListDto> {
    const [items, { stations, streets }] = await Promise.all([this.rates.rates({ year: params.year }), this.rates.localUnits(params.year)]);
    return { year: params.year, items, stations, streets };
  }

  @ReadRoute('rates/:year/monthly', {
    ...supervisor,
    summary: 'The three rates per department and month of the year (the trend of GET /supervision/rates/{year})',
    type: MonthlyRatesListDto,
  })
  async monthlyRates(@Param() params: YearParams, @Query() query: MonthlyRatesQueryParams): Promise<MonthlyRatesListDto> {
    return { year: params.year, items: await this.rates.monthly(params.year, query.departmentId) };
  }

  @ReadRoute('assessment-bonuses/:year', {
    ...supervisor,
    summary: 'Assessment bonuses granted at year end to the departments ranked 1, 2 or 3',
    type: AssessmentBonusListDto,
  })
  async bonuses(@Param() params: YearParams): Promise<AssessmentBonusListDto> {
    return { year: params.year, items: await this.yearEnd.bonuses(params.year) };
  }

  @ReadRoute('rankings/:year', {
    ...supervisor,
    summary: 'The ranking of district departments by points (provisional, or final once published)',
    type: RankingDto,
    problems: [404],
  })
  async ranking(@Param() params: YearParams, @Query() query: RankingQueryParams): Promise<RankingDto> {
    if ((query.kind ?? 'provisional') === 'provisional') return this.scoring.provisionalRanking(params.year);
    return found(await this.scoring.finalRanking(params.year), `no final ranking has been published for ${params.year}`);
  }

  @ReadRoute('reconciliations/:year', {
    ...supervisor,
    summary: "The year's reconciliation reports: ledger against recomputation from the events",
    type: ReconciliationListDto,
  })
  async reconciliations(@Param() params: YearParams): Promise<ReconciliationListDto> {
    return { year: params.year, reports: await this.scoring.reconciliations(params.year) };
  }

  @ReadRoute('interviews', {
    ...supervisor,
    summary: 'Interviews (约谈) ordered: two consecutive missed deadlines, or last place at year end',
    type: InterviewListDto,
  })
  async interviews(@Query() query: InterviewQueryParams): Promise<InterviewListDto> {
    return { items: await this.scoring.interviews({ year: query.year, departmentId: query.departmentId }) };
  }
}

/** A reader's "no such thing" as 404. */
function found<T>(answer: T | null | undefined, notFound: string): T {
  if (answer === null || answer === undefined) throw new NotFoundException(notFound);
  return answer;
}
