import { OrganisationChart } from '../issue/organisation';
import { roundPoints } from '../ledger/ledger';
import { rankDepartments, RankingRow } from '../ranking/ranking';
import { EpochMs, IsoInstant, toIso } from '../time/instant';
import { CircularEvidence, closingSatisfaction, IssueFacts } from './circular-evidence';
import { Ratio, ratioOf } from './ratio';
import { ReportPeriod } from './report-period';
import { stationsEvaluation, StationEvaluation, StreetEvaluation, EvaluationFigures } from './station-evaluation';

/** monthly: the month before, on its first working day; year-end: after the final reconciliation; on-demand: any period. */
export type CircularKind = 'monthly' | 'year-end' | 'on-demand';

export interface DepartmentFigures {
  departmentId: string;
  name: string;
  /** Ledger total of the ranking year at the end of the period, and its rank. */
  total: number;
  rank: number;
  /** Points booked in the period: closing awards (加分, base score left out) and deductions (扣分, negative). */
  awards: number;
  deductions: number;
  interviews: number;
  onTimeFeedback: Ratio;
  resolution: Ratio;
  satisfaction: Ratio;
  /** Year-end circular: the assessment bonuses of its rank (党建考核, 局长驻站考核). */
  assessmentBonus: { partyBuilding: number; stationing: number } | null;
}

export interface OverdueIssue {
  issueId: string;
  title: string;
  stationId: string;
  stationName: string;
  /** The departments that missed a deadline on it, in id order. */
  departments: string[];
  missedDeadlines: number;
  firstMissedDue: IsoInstant;
}

export interface CircularContent {
  kind: CircularKind;
  period: ReportPeriod;
  rankingYear: number;
  ranking: { kind: 'provisional' | 'final'; rows: (RankingRow & { name: string })[] };
  departments: DepartmentFigures[];
  totals: {
    issuesRaised: number;
    issuesWhistled: number;
    issuesClosed: number;
    onTimeFeedback: Ratio;
    awards: number;
    deductions: number;
    interviews: number;
    overdueIssues: number;
  };
  /** District-wide on-time feedback per month of the ranking year up to the end of the period. */
  onTimeTrend: { month: string; onTimeFeedback: Ratio }[];
  interviews: { departmentId: string; name: string; at: IsoInstant; reason: 'consecutive-missed-feedback' | 'last-in-ranking' }[];
  /** Issues with a missed feedback deadline still open at the end of the period: the oldest misses first. */
  overdue: { total: number; listed: OverdueIssue[] };
  stations: StationEvaluation[];
  streets: StreetEvaluation[];
  district: EvaluationFigures;
}

/** How many overdue issues a circular lists by name; the rest are counted. */
export const OVERDUE_LISTED = 30;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function departmentRatios(issues: readonly IssueFacts[], departmentId: string, start: EpochMs, end: EpochMs) {
  const inPeriod = (at: EpochMs | undefined) => at !== undefined && at >= start && at < end;
  const onIssue = issues.filter((i) => i.departments.some((d) => d.departmentId === departmentId));
  const whistled = onIssue.filter((i) => inPeriod(i.whistledAt));
  return {
    resolution: ratioOf(whistled.filter((i) => i.closedAt !== undefined).length, whistled.length),
    satisfaction: closingSatisfaction(onIssue.filter((i) => inPeriod(i.closedAt))),
  };
}

function overdueOf(issues: readonly IssueFacts[], stationName: (id: string) => string): CircularContent['overdue'] {
  const overdue = issues
    .filter((i) => i.closedAt === undefined && i.missed.length > 0)
    .map((i) => ({ issue: i, first: Math.min(...i.missed.map((m) => m.due)) }))
    .sort((a, b) => a.first - b.first || byId(a.issue.issueId, b.issue.issueId));
  return {
    total: overdue.length,
    listed: overdue.slice(0, OVERDUE_LISTED).map(({ issue, first }) => ({
      issueId: issue.issueId,
      title: issue.title,
      stationId: issue.stationId,
      stationName: stationName(issue.stationId),
      departments: [...new Set(issue.missed.map((m) => m.departmentId))].sort(byId),
      missedDeadlines: issue.missed.length,
      firstMissedDue: toIso(first),
    })),
  };
}

/**
 * The content of a circular: a pure function of the evidence of its period and the organisation chart, so the
 * same period read from the same store gives the same content. Every registered district department is ranked
 * (at its ledger total so far, or as the final ranking published it for a year-end circular).
 */
export function circularContent(kind: CircularKind, evidence: CircularEvidence, chart: OrganisationChart): CircularContent {
  const { start, end } = evidence;
  const nameOf = new Map([...chart.departments, ...chart.stations].map((u) => [u.id, u.name]));
  const name = (id: string) => nameOf.get(id) ?? id;
  const final = kind === 'year-end' ? evidence.finalRanking : undefined;
  const rows = final?.ranking ?? rankDepartments(new Map(chart.departments.map((d) => [d.id, evidence.ledgerTotals.get(d.id) ?? 0])));
  const ranking = {
    kind: final === undefined ? ('provisional' as const) : ('final' as const),
    rows: rows.map((r) => ({ ...r, name: name(r.department) })),
  };
  const issues = [...evidence.issues.values()];
  const interviewsOf = (id: string) => evidence.interviews.filter((i) => i.departmentId === id).length;
  const bonusOf = (id: string) => (final === undefined ? undefined : evidence.bonuses.find((b) => b.departmentId === id));
  const departments = ranking.rows.map((row): DepartmentFigures => {
    const deadlines = evidence.deadlinesByDepartment.get(row.department) ?? { met: 0, missed: 0 };
    const bonus = bonusOf(row.department);
    return {
      departmentId: row.department,
      name: row.name,
      total: row.total,
      rank: row.rank,
      awards: roundPoints(evidence.awards.get(row.department) ?? 0),
      deductions: roundPoints(evidence.deductions.get(row.department) ?? 0),
      interviews: interviewsOf(row.department),
      onTimeFeedback: ratioOf(deadlines.met, deadlines.met + deadlines.missed),
      ...departmentRatios(issues, row.department, start, end),
      assessmentBonus: bonus === undefined ? null : { partyBuilding: bonus.partyBuilding, stationing: bonus.stationing },
    };
  });
  const evaluation = stationsEvaluation(evidence, chart);
  const overdue = overdueOf(issues, name);
  const settled = [...evidence.deadlinesByDepartment.values()].reduce(
    (sum, d) => ({ met: sum.met + d.met, missed: sum.missed + d.missed }),
    {
      met: 0,
      missed: 0,
    },
  );
  const sum = (pick: (d: DepartmentFigures) => number) => roundPoints(departments.reduce((total, d) => total + pick(d), 0));
  return {
    kind,
    period: evidence.period,
    rankingYear: evidence.rankingYear,
    ranking,
    departments,
    totals: {
      issuesRaised: evaluation.district.raised,
      issuesWhistled: evaluation.district.whistled,
      issuesClosed: evaluation.district.closed,
      onTimeFeedback: ratioOf(settled.met, settled.met + settled.missed),
      awards: sum((d) => d.awards),
      deductions: sum((d) => d.deductions),
      interviews: evidence.interviews.length,
      overdueIssues: overdue.total,
    },
    onTimeTrend: [...evidence.deadlinesByMonth.entries()]
      .sort(([a], [b]) => byId(a, b))
      .map(([month, d]) => ({ month, onTimeFeedback: ratioOf(d.met, d.met + d.missed) })),
    interviews: evidence.interviews
      .map((i) => ({ departmentId: i.departmentId, name: name(i.departmentId), at: i.at, reason: i.reason }))
      .sort((a, b) => byId(a.at, b.at) || byId(a.departmentId, b.departmentId)),
    overdue,
    stations: evaluation.stations,
    streets: evaluation.streets,
    district: evaluation.district,
  };
}
