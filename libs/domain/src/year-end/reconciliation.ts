import { OpenAppeal } from '../appeal/appeal';
import { InterviewDifference, LedgerDifference, WaitingDeadline } from '../department/department.events';
import { replayStreak, StreakDeadline, streakDeadlineOf } from '../department/feedback-streak';
import { IssueEvent } from '../issue/issue.events';
import { deadlineIdOf } from '../issue/issue.decide';
import { evolve, isWaiting, Issue, IssueState } from '../issue/issue.state';
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

/** What the ledger comparison and the totals take of an expected entry: the rest of it would be held for nothing. */
export type ExpectedPoints = Pick<LedgerEntry, 'departmentId' | 'points'>;

/** A settled deadline's outcome as a column code. */
const OUTCOMES = ['met', 'missed', 'cancelled'] as const;

/**
 * One department's deadlines on final issues, as the streak rule sees them, in parallel number columns: a year's
 * worth of deadline objects is most of what the fold would otherwise hold. The deadline id is rebuilt from the issue
 * and the sequence (deadlineIdOf), or kept when it was not made that way.
 */
class SettledDeadlines {
  readonly issueIds: string[] = [];
  readonly sequences: number[] = [];
  readonly setAts: number[] = [];
  readonly setOrders: number[] = [];
  readonly dues: number[] = [];
  readonly outcomes: number[] = [];
  /** The year of each deadline's last day: an interview counts in the year of its last miss. */
  readonly lastYears: number[] = [];
  readonly otherIds = new Map<number, string>();

  add(deadline: StreakDeadline, lastDay: string): void {
    const index = this.issueIds.length;
    this.issueIds.push(deadline.issueId);
    this.sequences.push(deadline.sequence);
    this.setAts.push(deadline.setAt);
    this.setOrders.push(deadline.setOrder);
    this.dues.push(deadline.due);
    this.outcomes.push(OUTCOMES.indexOf(deadline.outcome as (typeof OUTCOMES)[number]));
    this.lastYears.push(yearOf(lastDay));
    if (deadline.deadlineId !== deadlineIdOf(deadline.issueId, deadline.sequence)) this.otherIds.set(index, deadline.deadlineId);
  }

  streakDeadline(index: number): StreakDeadline {
    const issueId = this.issueIds[index];
    const sequence = this.sequences[index];
    return {
      deadlineId: this.otherIds.get(index) ?? deadlineIdOf(issueId, sequence),
      issueId,
      setAt: this.setAts[index],
      setOrder: this.setOrders[index],
      sequence,
      due: this.dues[index],
      outcome: OUTCOMES[this.outcomes[index]],
      provisional: false,
    };
  }
}

/** An issue that may still change: its state and the commit order of each of its deadlines' settings, by sequence. */
interface LiveIssue {
  state: IssueState;
  setOrders: number[];
}

/**
 * The issue log folded for one year's recomputation, event by event in global order: each issue's state while it may
 * still change, the year's ledger entries the events cause (from the base entry of each registered department on),
 * and, once an issue is final, only its deadlines as the streaks count them.
 *
 * An issue is final when it is closed, every deadline is settled and none is provisional: a closed issue takes no
 * act (decide refuses it), a tick finds nothing due, and a published schedule recomputes provisional periods only,
 * so no event can follow that changes its state, its deadlines or its ledger entries. Its state is then dropped.
 */
export class YearIssueFold {
  private readonly live = new Map<string, LiveIssue>();
  private readonly settled = new Map<string, SettledDeadlines>();
  /** The year's expected ledger entries, by entry id. */
  readonly expected = new Map<string, ExpectedPoints>();

  constructor(
    readonly year: number,
    readonly departments: readonly string[],
    private readonly policy: PolicyBook,
    private readonly zone: TimeZone,
  ) {
    for (const departmentId of departments) {
      const base = baseEntryOfYear(departmentId, year, policy, zone);
      this.expect(base);
    }
  }

  /** How many issues the fold holds in full: those not final yet. */
  get liveIssues(): number {
    return this.live.size;
  }

  add(streamId: string, event: IssueEvent, globalPosition: number): void {
    const issue = this.live.get(streamId) ?? { state: null, setOrders: [] };
    const before = issue.state;
    if (before !== null) {
      for (const entry of ledgerEntriesFor(event, before, (at) => this.policy.at(at), this.zone)) {
        if (entry.year === this.year) this.expect(entry);
      }
    }
    issue.state = evolve(before, event);
    if (event.type === 'FeedbackDeadlineSet') issue.setOrders.push(globalPosition);
    if (issue.state !== null && isFinal(issue.state)) {
      this.settle(issue.state, issue.setOrders);
      this.live.delete(streamId);
    } else {
      this.live.set(streamId, issue);
    }
  }

  private settle(issue: Issue, setOrders: readonly number[]): void {
    issue.deadlines.forEach((deadline, index) => {
      const columns = this.settled.get(deadline.departmentId) ?? new SettledDeadlines();
      columns.add(streakDeadlineOf(issue, deadline, setOrders[index]), deadline.lastDay);
      this.settled.set(deadline.departmentId, columns);
    });
  }

  /**
   * The entries a person decided, which no issue event causes: base-score adjustments (taken as recorded, the decision
   * is their source) and the overturns of the appeals decided by the reconciliation (appealsAtReconciliation).
   */
  addDecided(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) if (entry.year === this.year) this.expect(entry);
  }

  private expect(entry: LedgerEntry): void {
    this.expected.set(entry.entryId, { departmentId: entry.departmentId, points: entry.points });
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
    const liveDeadlines = new Map<string, { deadline: StreakDeadline; lastYear: number }[]>();
    for (const { state, setOrders } of this.live.values()) {
      state?.deadlines.forEach((deadline, index) => {
        const list = liveDeadlines.get(deadline.departmentId) ?? [];
        list.push({ deadline: streakDeadlineOf(state, deadline, setOrders[index]), lastYear: yearOf(deadline.lastDay) });
        liveDeadlines.set(deadline.departmentId, list);
      });
    }
    const interviews = new Map<string, Map<string, string[]>>();
    for (const departmentId of new Set([...this.settled.keys(), ...liveDeadlines.keys()])) {
      // One department's deadlines as objects at a time.
      const lastYears = new Map<string, number>();
      const list: StreakDeadline[] = [];
      const settled = this.settled.get(departmentId);
      for (let index = 0; index < (settled?.issueIds.length ?? 0); index += 1) {
        const deadline = (settled as SettledDeadlines).streakDeadline(index);
        list.push(deadline);
        lastYears.set(deadline.deadlineId, (settled as SettledDeadlines).lastYears[index]);
      }
      for (const { deadline, lastYear } of liveDeadlines.get(departmentId) ?? []) {
        list.push(deadline);
        lastYears.set(deadline.deadlineId, lastYear);
      }
      const expected = new Map<string, string[]>();
      for (const interview of replayStreak(departmentId, list, thresholdAt, overturned)) {
        const last = interview.deadlineIds[interview.deadlineIds.length - 1];
        if (lastYears.get(last) === this.year) expected.set(interview.deadlineIds.join(','), interview.deadlineIds);
      }
      interviews.set(departmentId, expected);
    }
    return interviews;
  }

  /** RULES.md §3: the year's feedback deadlines pending past their provisional due instant at `at`, by due instant. */
  waitingDeadlines(at: EpochMs): WaitingDeadline[] {
    const waiting: WaitingDeadline[] = [];
    // A final issue has no pending deadline.
    for (const { state: issue } of this.live.values()) {
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

/** Closed, every deadline settled and none provisional: nothing can change the issue any more (see YearIssueFold). */
function isFinal(issue: Issue): boolean {
  return issue.status === 'closed' && issue.deadlines.every((d) => d.outcome !== 'pending' && !d.provisional);
}

/** The ledger entries the recomputation expects and the ledger holds, entry by entry, where they disagree (by entry id). */
export function ledgerDifferences(
  expected: ReadonlyMap<string, ExpectedPoints>,
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
