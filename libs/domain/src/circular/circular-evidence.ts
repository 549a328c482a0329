import { DepartmentEvent } from '../department/department.events';
import { CONTENT_SATISFACTIONS, IssueEvent, Level, Satisfaction } from '../issue/issue.events';
import { EpochMs, parseInstant } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { SurveyEvent } from '../survey/survey.events';
import { Ratio, ratioOf } from './ratio';
import { periodBounds, periodWithin, rankingYearOf, ReportPeriod } from './report-period';

/** What a circular keeps of one issue, as it stood at the end of the period. */
export interface IssueFacts {
  issueId: string;
  stationId: string;
  streetId: string;
  title: string;
  raisedAt: EpochMs;
  level: Level;
  departments: { departmentId: string; joinedAt: EpochMs }[];
  whistledAt?: EpochMs;
  closedAt?: EpochMs;
  closedAtLevel?: Level;
  /** The resident's verdict recorded with the closing confirmation, if any. */
  satisfaction?: Satisfaction;
  /** Pending feedback deadlines by id: their department and due instant (a Met or Missed names only the id). */
  pending: Map<string, { departmentId: string; due: EpochMs }>;
  /** Deadlines missed before the end of the period. */
  missed: { departmentId: string; due: EpochMs }[];
}

/** The satisfaction rate of closings: content verdicts over those with a verdict (a closing without one is not evaluated). */
export function closingSatisfaction(closings: readonly IssueFacts[]): Ratio {
  const verdicts = closings.flatMap((i) => (i.satisfaction !== undefined ? [i.satisfaction] : []));
  return ratioOf(verdicts.filter((verdict) => CONTENT_SATISFACTIONS.includes(verdict)).length, verdicts.length);
}

/** Feedback deadlines settled, by department (due in the period) or by month of the ranking year (due before its end). */
export interface SettledDeadlines {
  met: number;
  missed: number;
}

type InterviewData = Extract<DepartmentEvent, { type: 'InterviewOrdered' }>['data'];
type RankingData = Extract<DepartmentEvent, { type: 'YearEndRankingPublished' }>['data'];
type BonusData = Extract<DepartmentEvent, { type: 'AssessmentBonusGranted' }>['data'];
export type SurveyData = SurveyEvent['data'];

/**
 * The evidence of one period, gathered event by event from the store (issue, ledger, streak, year-end and survey
 * streams) so that a year of issues needs one pass and no more than a few facts per issue. An event whose instant
 * is at or after the end of the period is not known at the end of the period and is left out: the same period
 * always gives the same evidence.
 */
export class CircularEvidence {
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly rankingYear: number;
  readonly issues = new Map<string, IssueFacts>();
  /** Deadlines due in the period, by department. */
  readonly deadlinesByDepartment = new Map<string, SettledDeadlines>();
  /** Deadlines due in the ranking year before the end of the period, by month `YYYY-MM`. */
  readonly deadlinesByMonth = new Map<string, SettledDeadlines>();
  /** Ledger totals of the ranking year so far, and the awards and deductions booked in the period, by department. */
  readonly ledgerTotals = new Map<string, number>();
  readonly awards = new Map<string, number>();
  readonly deductions = new Map<string, number>();
  readonly interviews: InterviewData[] = [];
  readonly surveys: SurveyData[] = [];
  /** The final ranking of the ranking year and its bonuses, whenever published: only a year-end circular shows them. */
  finalRanking: RankingData | undefined;
  readonly bonuses: BonusData[] = [];

  constructor(
    readonly period: ReportPeriod,
    readonly zone: TimeZone,
  ) {
    ({ start: this.start, end: this.end } = periodBounds(period, zone));
    this.rankingYear = rankingYearOf(period);
  }

  private inPeriod(at: EpochMs): boolean {
    return at >= this.start && at < this.end;
  }

  addIssueEvent(issueId: string, event: IssueEvent): void {
    if (event.type === 'IssueRaised') {
      const at = parseInstant(event.data.at);
      if (at >= this.end) return;
      const { stationId, streetId, title } = event.data;
      this.issues.set(issueId, {
        issueId,
        stationId,
        streetId,
        title,
        raisedAt: at,
        level: 'community',
        departments: [],
        pending: new Map(),
        missed: [],
      });
      return;
    }
    const issue = this.issues.get(issueId);
    if (issue === undefined || issue.closedAt !== undefined) return;
    switch (event.type) {
      case 'IssueEscalated':
        if (parseInstant(event.data.at) < this.end) issue.level = event.data.to;
        return;
      case 'WhistleBlown': {
        const at = parseInstant(event.data.at);
        if (at >= this.end) return;
        issue.whistledAt = at;
        if (event.data.mode === 'transfer') issue.level = 'city';
        issue.departments.push(...event.data.departments.map((departmentId) => ({ departmentId, joinedAt: at })));
        return;
      }
      case 'DepartmentAdded': {
        const at = parseInstant(event.data.at);
        if (at < this.end) issue.departments.push({ departmentId: event.data.departmentId, joinedAt: at });
        return;
      }
      case 'FeedbackDeadlineSet':
        if (parseInstant(event.data.startedAt) < this.end) {
          issue.pending.set(event.data.deadlineId, { departmentId: event.data.departmentId, due: parseInstant(event.data.due) });
        }
        return;
      case 'FeedbackDeadlineRecomputed': {
        const deadline = issue.pending.get(event.data.deadlineId);
        if (deadline !== undefined) deadline.due = parseInstant(event.data.due);
        return;
      }
      case 'FeedbackDeadlineMet':
        this.settle(issue, event.data.deadlineId, 'met', parseInstant(event.data.at));
        return;
      case 'FeedbackDeadlineMissed':
        this.settle(issue, event.data.deadlineId, 'missed', parseInstant(event.data.due));
        return;
      case 'FeedbackDeadlineCancelled':
        if (parseInstant(event.data.at) < this.end) issue.pending.delete(event.data.deadlineId);
        return;
      case 'ClosingConfirmed': {
        const at = parseInstant(event.data.at);
        if (at >= this.end) return;
        issue.closedAt = at;
        issue.closedAtLevel = issue.level;
        issue.satisfaction = event.data.satisfaction;
        issue.pending.clear();
        return;
      }
      default:
        return;
    }
  }

  private settle(issue: IssueFacts, deadlineId: string, outcome: 'met' | 'missed', at: EpochMs): void {
    const deadline = issue.pending.get(deadlineId);
    if (deadline === undefined || at >= this.end) return;
    issue.pending.delete(deadlineId);
    if (outcome === 'missed') issue.missed.push(deadline);
    if (this.inPeriod(deadline.due)) count(this.deadlinesByDepartment, deadline.departmentId, outcome);
    const dueDate = this.zone.localDate(deadline.due);
    if (Number(dueDate.slice(0, 4)) === this.rankingYear) count(this.deadlinesByMonth, dueDate.slice(0, 7), outcome);
  }

  addScoringEvent(event: DepartmentEvent): void {
    switch (event.type) {
      case 'LedgerEntryRecorded': {
        const { departmentId, year, points, reason } = event.data;
        const at = parseInstant(event.data.at);
        if (at >= this.end) return;
        if (year === this.rankingYear) add(this.ledgerTotals, departmentId, points);
        if (!this.inPeriod(at) || reason === 'base') return;
        add(points < 0 ? this.deductions : this.awards, departmentId, points);
        return;
      }
      case 'InterviewOrdered':
        if (this.inPeriod(parseInstant(event.data.at))) this.interviews.push(event.data);
        return;
      case 'YearEndRankingPublished':
        if (event.data.final && event.data.year === this.rankingYear) this.finalRanking = event.data;
        return;
      case 'AssessmentBonusGranted':
        if (event.data.year === this.rankingYear) this.bonuses.push(event.data);
        return;
      default:
        return;
    }
  }

  /** A survey counts in the period its own period ends in, so that each survey counts in one monthly circular. */
  addSurveyEvent(event: SurveyEvent): void {
    const { period } = event.data;
    if (periodWithin({ from: period.to, to: period.to }, this.period)) this.surveys.push(event.data);
  }
}

function count(map: Map<string, SettledDeadlines>, key: string, outcome: 'met' | 'missed'): void {
  const counts = map.get(key) ?? { met: 0, missed: 0 };
  counts[outcome] += 1;
  map.set(key, counts);
}

function add(map: Map<string, number>, key: string, points: number): void {
  map.set(key, (map.get(key) ?? 0) + points);
}
