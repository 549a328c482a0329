import { OpenAppeal } from '../appeal/appeal';
import { InterviewDifference, LedgerDifference, WaitingDeadline } from '../department/department.events';
import { replayStreak, StreakDeadline, streakDeadlineOf } from '../department/feedback-streak';
import { IssueEvent } from '../issue/issue.events';
import { evolve, isWaiting, IssueState } from '../issue/issue.state';
import { baseEntryOfYear } from '../ledger/ledger-booking';
import { LedgerEntry, ledgerEntriesFor, roundPoints } from '../ledger/ledger';
import { PolicyBook } from '../policy/policy';
import { EpochMs, toIso } from '../time/instant';
import { yearOf } from '../time/local-date';
import { TimeZone } from '../time/time-zone';

/** A year recomputed from the issue events, set against the ledger and streak streams (RULES.md §5). */
export interface YearRecomputation {
  year: number;
  /** Every registered district department's recomputed total, in id order. */
  totals: [string, number][];
  differences: LedgerDifference[];
  interviewDifferences: InterviewDifference[];
  waitingDeadlines: WaitingDeadline[];
  openAppeals: OpenAppeal[];
}

/**
 * The issue log folded for one year's recomputation, event by event in global order: every issue's state, the commit
 * order of each deadline's setting (the global position of its FeedbackDeadlineSet), and the year's ledger entries
 * the events cause, from the base entry of each registered department on.
 */
export class YearIssueFold {
  readonly issues = new Map<string, IssueState>();
  readonly setOrders = new Map<string, number>();
  readonly expected = new Map<string, LedgerEntry>();

  constructor(
    readonly year: number,
    readonly departments: readonly string[],
    private readonly policy: PolicyBook,
    private readonly zone: TimeZone,
  ) {
    for (const departmentId of departments) {
      const base = baseEntryOfYear(departmentId, year, policy, zone);
      this.expected.set(base.entryId, base);
    }
  }

  add(streamId: string, event: IssueEvent, globalPosition: number): void {
    const before = this.issues.get(streamId) ?? null;
    if (before !== null) {
      for (const entry of ledgerEntriesFor(event, before, (at) => this.policy.at(at), this.zone)) {
        if (entry.year === this.year) this.expected.set(entry.entryId, entry);
      }
    }
    this.issues.set(streamId, evolve(before, event));
    if (event.type === 'FeedbackDeadlineSet') this.setOrders.set(event.data.deadlineId, globalPosition);
  }

  /**
   * The entries a person decided, which no issue event causes: base-score adjustments (taken as recorded, the decision
   * is their source) and the overturns of the appeals decided by the reconciliation (appealsAtReconciliation).
   */
  addDecided(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) if (entry.year === this.year) this.expected.set(entry.entryId, entry);
  }

  /** Every department the year speaks of: the registered ones and any with an entry. */
  scoredDepartments(): Set<string> {
    return new Set([...this.departments, ...[...this.expected.values()].map((e) => e.departmentId)]);
  }

  /** Each registered department's recomputed total, in id order. */
  totals(): [string, number][] {
    return [...this.departments]
      .sort()
      .map((id): [string, number] => [
        id,
        roundPoints([...this.expected.values()].filter((e) => e.departmentId === id).reduce((sum, e) => sum + e.points, 0)),
      ]);
  }

  /**
   * RULES.md §5 recomputed: each department's deadlines over every issue, taken in due order, and the interviews for
   * consecutive misses they call in `year` (the year of the run's last missed deadline), keyed by their deadline ids.
   * Every department with a deadline is listed, with or without an interview. Deadlines overturned on appeal count as met.
   */
  interviews(thresholdAt: (due: EpochMs) => number, overturned: ReadonlySet<string> = new Set()): Map<string, Map<string, string[]>> {
    const deadlines = new Map<string, StreakDeadline[]>();
    const lastDays = new Map<string, string>();
    for (const issue of this.issues.values()) {
      if (issue === null) continue;
      for (const deadline of issue.deadlines) {
        lastDays.set(deadline.deadlineId, deadline.lastDay);
        const list = deadlines.get(deadline.departmentId) ?? [];
        list.push(streakDeadlineOf(issue, deadline, this.setOrders.get(deadline.deadlineId) as number));
        deadlines.set(deadline.departmentId, list);
      }
    }
    const interviews = new Map<string, Map<string, string[]>>();
    for (const [departmentId, list] of deadlines) {
      const expected = new Map<string, string[]>();
      for (const interview of replayStreak(departmentId, list, thresholdAt, overturned)) {
        const last = interview.deadlineIds[interview.deadlineIds.length - 1];
        if (yearOf(lastDays.get(last) as string) === this.year) expected.set(interview.deadlineIds.join(','), interview.deadlineIds);
      }
      interviews.set(departmentId, expected);
    }
    return interviews;
  }

  /** RULES.md §3: the year's feedback deadlines pending past their provisional due instant at `at`, by due instant. */
  waitingDeadlines(at: EpochMs): WaitingDeadline[] {
    const waiting: WaitingDeadline[] = [];
    for (const issue of this.issues.values()) {
      for (const deadline of issue?.deadlines ?? []) {
        if (issue === null || !isWaiting(deadline, at) || yearOf(deadline.lastDay) !== this.year) continue;
        waiting.push({
          departmentId: deadline.departmentId,
          issueId: issue.issueId,
          deadlineId: deadline.deadlineId,
          due: toIso(deadline.due),
        });
      }
    }
    return waiting.sort((a, b) => a.due.localeCompare(b.due) || a.deadlineId.localeCompare(b.deadlineId));
  }
}

/** The ledger entries the recomputation expects and the ledger holds, entry by entry, where they disagree (by entry id). */
export function ledgerDifferences(
  expected: ReadonlyMap<string, LedgerEntry>,
  recorded: ReadonlyMap<string, { departmentId: string; points: number }>,
): LedgerDifference[] {
  const differences: LedgerDifference[] = [];
  for (const entryId of [...new Set([...expected.keys(), ...recorded.keys()])].sort()) {
    const want = expected.get(entryId);
    const have = recorded.get(entryId);
    if (want !== undefined && have !== undefined && roundPoints(want.points) === roundPoints(have.points)) continue;
    differences.push({
      departmentId: (want?.departmentId ?? have?.departmentId) as string,
      entryId,
      expected: want?.points ?? null,
      recorded: have?.points ?? null,
    });
  }
  return differences;
}

/** A department's interviews for consecutive misses, recomputed and ordered, where they disagree (by their deadline ids). */
export function interviewDifferences(
  departmentId: string,
  expected: ReadonlyMap<string, string[]>,
  recorded: ReadonlyMap<string, string[]>,
): InterviewDifference[] {
  const differences: InterviewDifference[] = [];
  for (const key of [...new Set([...expected.keys(), ...recorded.keys()])].sort()) {
    if (expected.has(key) && recorded.has(key)) continue;
    differences.push({
      departmentId,
      deadlineIds: (expected.get(key) ?? recorded.get(key)) as string[],
      expected: expected.has(key),
      recorded: recorded.has(key),
    });
  }
  return differences;
}
