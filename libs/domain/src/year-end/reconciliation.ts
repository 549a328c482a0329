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

/**
 * Where the fold hands each expected ledger entry once nothing can change it: an entry of a final issue when the
 * issue becomes final, the base, decided and live issues' entries at completeExpectedLedger. Each entry id comes once.
 */
export type ExpectedEntrySink = (entryId: string, entry: ExpectedPoints) => void;

/** An entry id and its points (rounded, as the comparison takes them) hashed to 64 bits; the caller's, the domain takes no crypto. */
export type EntryHash = (entryId: string, points: number) => bigint;

const DIGEST_MASK = (1n << 64n) - 1n;

/**
 * Each department's ledger entries reduced to what tells two ledgers apart without holding them: how many, and the sum
 * of their hashes mod 2^64, which no order changes. Fed the expected entries (as an ExpectedEntrySink) on one side and
 * the recorded ones on the other; a department whose tallies disagree is compared entry by entry.
 */
export class LedgerTallies {
  private readonly tallies = new Map<string, { count: number; digest: bigint }>();

  constructor(private readonly hash: EntryHash) {}

  /** One entry; an entry id must come once per department (the comparison takes the last of a stream, as a map does). */
  readonly add = (entryId: string, entry: ExpectedPoints): void => {
    const tally = this.tallies.get(entry.departmentId) ?? { count: 0, digest: 0n };
    tally.count += 1;
    tally.digest = (tally.digest + this.hash(entryId, roundPoints(entry.points))) & DIGEST_MASK;
    this.tallies.set(entry.departmentId, tally);
  };

  agree(departmentId: string, other: LedgerTallies): boolean {
    const mine = this.tallies.get(departmentId);
    const theirs = other.tallies.get(departmentId);
    return (mine?.count ?? 0) === (theirs?.count ?? 0) && (mine?.digest ?? 0n) === (theirs?.digest ?? 0n);
  }
}

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

/**
 * An issue that may still change: its state, the commit order of each of its deadlines' settings (by sequence) and
 * the year's ledger entries its events caused so far, by entry id (a later event may set an entry again).
 */
interface LiveIssue {
  state: IssueState;
  setOrders: number[];
  entries: Map<string, ExpectedPoints>;
}

/**
 * The issue log folded for one year's recomputation, event by event in global order: each issue's state and ledger
 * entries while it may still change, and, once an issue is final, only its deadlines as the streaks count them and
 * each department's sum of points; its entries go to the sink. The base entry of each registered department and the
 * decided entries are held to the end: they are few.
 *
 * An issue is final when it is closed, every deadline is settled and none is provisional: a closed issue takes no
 * act (decide refuses it), a tick finds nothing due, and a published schedule recomputes provisional periods only,
 * so no event can follow that changes its state, its deadlines or its ledger entries. Its state is then dropped.
 * An entry id names its issue (missed:<deadline>, closed:<issue>:<department>) or its decision, so no two issues,
 * and no issue and decision, share one.
 */
export class YearIssueFold {
  private readonly live = new Map<string, LiveIssue>();
  private readonly settled = new Map<string, SettledDeadlines>();
  /** Each department's points on the entries of final issues. */
  private readonly finalPoints = new Map<string, number>();
  /** The base entries and the decided ones, by entry id. */
  private readonly outsideIssues = new Map<string, ExpectedPoints>();

  constructor(
    readonly year: number,
    readonly departments: readonly string[],
    private readonly policy: PolicyBook,
    private readonly zone: TimeZone,
    private readonly sink: ExpectedEntrySink,
  ) {
    for (const departmentId of departments) {
      const base = baseEntryOfYear(departmentId, year, policy, zone);
      this.expect(this.outsideIssues, base);
    }
  }

  /** How many issues the fold holds in full: those not final yet. */
  get liveIssues(): number {
    return this.live.size;
  }

  add(streamId: string, event: IssueEvent, globalPosition: number): void {
    const issue: LiveIssue = this.live.get(streamId) ?? { state: null, setOrders: [], entries: new Map() };
    const before = issue.state;
    if (before !== null) {
      for (const entry of ledgerEntriesFor(event, before, (at) => this.policy.at(at), this.zone)) {
        if (entry.year === this.year) this.expect(issue.entries, entry);
      }
    }
    issue.state = evolve(before, event);
    if (event.type === 'FeedbackDeadlineSet') issue.setOrders.push(globalPosition);
    if (issue.state !== null && isFinal(issue.state)) {
      this.settle(issue.state, issue.setOrders);
      for (const [entryId, entry] of issue.entries) {
        this.finalPoints.set(entry.departmentId, (this.finalPoints.get(entry.departmentId) ?? 0) + entry.points);
        this.sink(entryId, entry);
      }
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
    for (const entry of entries) if (entry.year === this.year) this.expect(this.outsideIssues, entry);
  }

  private expect(entries: Map<string, ExpectedPoints>, entry: LedgerEntry): void {
    entries.set(entry.entryId, { departmentId: entry.departmentId, points: entry.points });
  }

  /** The entries the fold holds, which completeExpectedLedger hands over: the live issues', then the base and decided ones. */
  private *heldEntries(): Iterable<[string, ExpectedPoints]> {
    for (const { entries } of this.live.values()) yield* entries;
    yield* this.outsideIssues;
  }

  /** Hands the entries still held to the sink, once, after the last event and the last decided entry. */
  completeExpectedLedger(): void {
    for (const [entryId, entry] of this.heldEntries()) this.sink(entryId, entry);
  }

  /** Every department the year speaks of: the registered ones and any with an entry. */
  scoredDepartments(): Set<string> {
    return new Set([...this.departments, ...this.finalPoints.keys(), ...[...this.heldEntries()].map(([, e]) => e.departmentId)]);
  }

  /** Each registered department's recomputed total, in id order. */
  totals(): [string, number][] {
    const sums = new Map(this.finalPoints);
    for (const [, { departmentId, points }] of this.heldEntries()) sums.set(departmentId, (sums.get(departmentId) ?? 0) + points);
    return [...this.departments].sort().map((id): [string, number] => [id, roundPoints(sums.get(id) ?? 0)]);
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
