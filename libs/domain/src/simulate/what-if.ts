import { roundPoints } from '../ledger/ledger';
import { HistoryProblems, HistoryReplayOptions, RecordedAct, replayHistory } from './from-history';
import { MootAppeal, SimulationResult } from './simulation';

/** What the live system recorded for a year, in the shape `simulate` prints it (without the issues). */
export type YearOutcome = Pick<SimulationResult, 'ledger' | 'ranking' | 'assessmentBonuses' | 'interviews'>;
/** A replayed year, with the recorded appeals its rules make moot. */
export type ReplayedOutcome = YearOutcome & Pick<SimulationResult, 'mootAppeals'>;

/** One measure of a department under the current rules and the alternative; `change` is alternative − current. */
export interface Change {
  current: number;
  alternative: number;
  change: number;
}

export interface DepartmentChange {
  department: string;
  total: Change;
  /** A smaller rank is better: a negative change is a department moving up. */
  rank: Change;
  /** Feedback deadlines booked as missed, and the points they cost. */
  deductions: Change;
  deductionPoints: Change;
  /** Points for issues confirmed closed. */
  closingPoints: Change;
  partyBuildingBonus: Change;
  stationingBonus: Change;
  interviews: Change;
}

export interface WhatIfComparison {
  /** Every department, those gaining most first, then by id. */
  departments: DepartmentChange[];
  /** Who gains points and who loses them under the alternative, and by how much (losses as negative numbers). */
  gains: { department: string; by: number }[];
  losses: { department: string; by: number }[];
  /** The recorded appeals the alternative rules make moot: they change nothing there (docs/simulate.md). */
  mootAppeals: { count: number; appeals: MootAppeal[] };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The same text for the same content, whatever the order of its keys (a stored payload's keys come back reordered). */
const key = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareText(a, b)))
      : v,
  );

/** Department by department, what the alternative run changes against the current one. */
export function compareRuns(current: YearOutcome, alternative: ReplayedOutcome): WhatIfComparison {
  const departments = [...new Set([...Object.keys(current.ledger), ...Object.keys(alternative.ledger)])].sort();
  const measure =
    (of: (run: YearOutcome, department: string) => number) =>
    (department: string): Change => {
      const a = of(current, department);
      const b = of(alternative, department);
      return { current: a, alternative: b, change: roundPoints(b - a) };
    };
  const entries = (run: YearOutcome, department: string) => run.ledger[department]?.entries ?? [];
  const points = (run: YearOutcome, department: string, keep: (reason: string) => boolean) =>
    roundPoints(entries(run, department).reduce((sum, e) => (keep(e.reason) ? sum + e.points : sum), 0));
  const bonus = (run: YearOutcome, department: string) => run.assessmentBonuses.find((b) => b.department === department);
  const measures = {
    total: measure((run, d) => run.ledger[d]?.total ?? 0),
    rank: measure((run, d) => run.ranking.find((row) => row.department === d)?.rank ?? run.ranking.length + 1),
    deductions: measure((run, d) => entries(run, d).filter((e) => e.reason === 'feedback-missed').length),
    deductionPoints: measure((run, d) => points(run, d, (reason) => reason === 'feedback-missed')),
    closingPoints: measure((run, d) => points(run, d, (reason) => reason.endsWith('-closed'))),
    partyBuildingBonus: measure((run, d) => bonus(run, d)?.partyBuilding ?? 0),
    stationingBonus: measure((run, d) => bonus(run, d)?.stationing ?? 0),
    interviews: measure((run, d) => run.interviews.filter((i) => i.department === d).length),
  };
  const rows: DepartmentChange[] = departments
    .map((department) => ({
      department,
      ...(Object.fromEntries(Object.entries(measures).map(([name, of]) => [name, of(department)])) as Omit<DepartmentChange, 'department'>),
    }))
    .sort((a, b) => b.total.change - a.total.change || compareText(a.department, b.department));
  return {
    departments: rows,
    gains: rows.filter((r) => r.total.change > 0).map((r) => ({ department: r.department, by: r.total.change })),
    losses: rows
      .filter((r) => r.total.change < 0)
      .sort((a, b) => a.total.change - b.total.change || compareText(a.department, b.department))
      .map((r) => ({ department: r.department, by: r.total.change })),
    mootAppeals: { count: alternative.mootAppeals?.length ?? 0, appeals: alternative.mootAppeals ?? [] },
  };
}

/**
 * Where a replay of the recorded history and what the live system recorded disagree, one line each (empty: they
 * agree). Ledger entries and interviews are compared as collections: their order at one instant is not part of the
 * contract (FORMAT.md). Under the recorded rules no recorded appeal is moot: the live system filed it on a missed
 * deadline, in time.
 */
export function differencesFromRecord(replayed: ReplayedOutcome, recorded: YearOutcome): string[] {
  const lines: string[] = [];
  const departments = [...new Set([...Object.keys(replayed.ledger), ...Object.keys(recorded.ledger)])].sort();
  for (const department of departments) {
    const mine = replayed.ledger[department];
    const theirs = recorded.ledger[department];
    if (mine?.total !== theirs?.total)
      lines.push(`ledger ${department}: total ${mine?.total ?? 'absent'} replayed, ${theirs?.total ?? 'absent'} recorded`);
    lines.push(...onlyOnOneSide(`ledger ${department}: entry`, mine?.entries ?? [], theirs?.entries ?? []));
  }
  lines.push(...onlyOnOneSide('ranking: row', replayed.ranking, recorded.ranking));
  lines.push(...onlyOnOneSide('assessment bonus', replayed.assessmentBonuses, recorded.assessmentBonuses));
  lines.push(...onlyOnOneSide('interview', replayed.interviews, recorded.interviews));
  for (const appeal of replayed.mootAppeals ?? [])
    lines.push(`appeal of deadline ${appeal.deadlineId}: moot in the replay (${appeal.because}), filed in the record`);
  return lines;
}

/** The items of two collections that the other lacks (counting repeats), as lines. */
function onlyOnOneSide(what: string, replayed: readonly unknown[], recorded: readonly unknown[]): string[] {
  const counts = new Map<string, number>();
  for (const item of replayed) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  for (const item of recorded) counts.set(key(item), (counts.get(key(item)) ?? 0) - 1);
  const lines: string[] = [];
  for (const [item, count] of [...counts].sort((a, b) => compareText(a[0], b[0]))) {
    for (let n = 0; n < Math.abs(count); n += 1)
      lines.push(`${what} ${item} ${count > 0 ? 'replayed, not recorded' : 'recorded, not replayed'}`);
  }
  return lines;
}

/** Both runs of a what-if and what changes between them: what `simulate --from-store --compare` prints. */
export interface WhatIfReport {
  year: number;
  policy: unknown;
  current: YearOutcome;
  alternative: YearOutcome;
  changes: WhatIfComparison;
}

export type WhatIfAnswer =
  | { kind: 'compared'; report: WhatIfReport; differences: string[] }
  | { kind: 'refused'; run: 'current' | 'alternative'; problems: string[] };

const outcomeOf = ({ ledger, ranking, assessmentBonuses, interviews }: SimulationResult): YearOutcome => ({
  ledger,
  ranking,
  assessmentBonuses,
  interviews,
});

/**
 * The recorded year under the recorded rules and under `overrides` (none: the recorded rules again), side by side,
 * with where the first run differs from what the live system recorded. Rules that refuse recorded acts are an answer
 * (which run, each problem naming the event); overrides that are not policy values and a history no step stands for
 * throw HistoryProblems.
 */
export function whatIfOfHistory(
  history: readonly RecordedAct[],
  options: Omit<HistoryReplayOptions, 'overrides'>,
  overrides: unknown,
  recorded: YearOutcome,
): WhatIfAnswer {
  const run = (which: 'current' | 'alternative', replayOptions: HistoryReplayOptions) => {
    try {
      return replayHistory(history, replayOptions);
    } catch (error) {
      if (error instanceof HistoryProblems && error.kind === 'refused')
        return { kind: 'refused' as const, run: which, problems: error.problems };
      throw error;
    }
  };
  const current = run('current', options);
  if ('kind' in current) return current;
  const alternative = overrides === undefined ? current : run('alternative', { ...options, overrides });
  if ('kind' in alternative) return alternative;
  return {
    kind: 'compared',
    report: {
      year: options.year,
      policy: overrides ?? {},
      current: outcomeOf(current),
      alternative: outcomeOf(alternative),
      changes: compareRuns(current, alternative),
    },
    differences: differencesFromRecord(current, recorded),
  };
}
