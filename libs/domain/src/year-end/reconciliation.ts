import { OpenAppeal } from '../appeal/appeal';
import { InterviewDifference, LedgerDifference, WaitingDeadline } from '../department/department.events';
import { compareStreakDeadlines, countedDeadline, StreakDeadline, streakDeadlineOf } from '../department/feedback-streak';
import { IssueEvent } from '../issue/issue.events';
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

/** One of the year's feedback deadlines as the year-end streaks take it: its department's, with the year of its last day. */
export interface YearDeadline extends StreakDeadline {
  departmentId: string;
  /** An interview counts in the year of its last miss's last day. */
  lastYear: number;
}

/**
 * Where the fold hands each deadline once nothing can change it: a final issue's deadlines when the issue becomes
 * final, the live issues' at completeDeadlines. Each deadline comes once.
 */
export type YearDeadlineSink = (deadline: YearDeadline) => void;

/** The order YearStreaks takes deadlines in: by department, then as the streak rule orders them (compareStreakDeadlines). */
export function compareYearDeadlines(a: YearDeadline, b: YearDeadline): number {
  return (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0) || compareStreakDeadlines(a, b);
}

/**
 * RULES.md §5 recomputed at year end, from every department's deadlines over every issue taken one at a time in
 * compareYearDeadlines order: only the current department's run is held, so a year's deadlines can come from a sorted
 * read rather than from memory. Taken in due order, a deadline settled is counted at once, and the first one pending
 * or provisional holds every later one (as replayStreak has it). Deadlines overturned on appeal count as met. The
 * interviews kept are those called in `year` (the year of the run's last miss), keyed by their deadline ids; every
 * department with a deadline is listed, with or without an interview.
 */
export class YearStreaks {
  private readonly called = new Map<string, Map<string, string[]>>();
  private last: YearDeadline | undefined;
  private run: string[] = [];
  private held = false;

  constructor(
    readonly year: number,
    private readonly thresholdAt: (due: EpochMs) => number,
    private readonly overturned: ReadonlySet<string> = new Set(),
  ) {}

  /** The next deadline; one out of order is refused, as every interview after it would be wrong. */
  take(deadline: YearDeadline): void {
    if (this.last !== undefined && compareYearDeadlines(this.last, deadline) > 0) {
      throw new Error(`deadline ${deadline.deadlineId} of ${deadline.departmentId} comes out of order, after ${this.last.deadlineId}`);
    }
    if (this.last?.departmentId !== deadline.departmentId) {
      this.called.set(deadline.departmentId, new Map());
      this.run = [];
      this.held = false;
    }
    this.last = deadline;
    const counted = countedDeadline(deadline, this.overturned);
    if (this.held) return;
    if (counted.outcome === 'pending' || counted.provisional) {
      this.held = true;
      return;
    }
    if (counted.outcome === 'met') this.run = [];
    if (counted.outcome !== 'missed') return;
    this.run.push(counted.deadlineId);
    if (this.run.length < this.thresholdAt(counted.due)) return;
    if (deadline.lastYear === this.year) this.called.get(deadline.departmentId)?.set(this.run.join(','), this.run);
    this.run = [];
  }

  /** Each department's interviews so far, by department in the order taken. */
  interviews(): Map<string, Map<string, string[]>> {
    return this.called;
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
 * entries while it may still change, and, once an issue is final, only each department's sum of points: its entries
 * and its deadlines go to the sinks, so what the fold holds grows with the issues still open, not with the year. The
 * base entry of each registered department and the decided entries are held to the end: they are few.
 *
 * An issue is final when it is closed, every deadline is settled and none is provisional: a closed issue takes no
 * act (decide refuses it), a tick finds nothing due, and a published schedule recomputes provisional periods only,
 * so no event can follow that changes its state, its deadlines or its ledger entries. Its state is then dropped.
 * An entry id names its issue (missed:<deadline>, closed:<issue>:<department>) or its decision, so no two issues,
 * and no issue and decision, share one.
 */
export class YearIssueFold {
  private readonly live = new Map<string, LiveIssue>();
  /** Each department's points on the entries of final issues. */
  private readonly finalPoints = new Map<string, number>();
  /** The base entries and the decided ones, by entry id. */
  private readonly outsideIssues = new Map<string, ExpectedPoints>();

  constructor(
    readonly year: number,
    readonly departments: readonly string[],
    private readonly policy: PolicyBook,
    private readonly zone: TimeZone,
    private readonly sinks: { entries: ExpectedEntrySink; deadlines: YearDeadlineSink },
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
      this.handDeadlines(issue.state, issue.setOrders);
      for (const [entryId, entry] of issue.entries) {
        this.finalPoints.set(entry.departmentId, (this.finalPoints.get(entry.departmentId) ?? 0) + entry.points);
        this.sinks.entries(entryId, entry);
      }
      this.live.delete(streamId);
    } else {
      this.live.set(streamId, issue);
    }
  }

  private handDeadlines(issue: Issue, setOrders: readonly number[]): void {
    issue.deadlines.forEach((deadline, index) => {
      this.sinks.deadlines({
        ...streakDeadlineOf(issue, deadline, setOrders[index]),
        departmentId: deadline.departmentId,
        lastYear: yearOf(deadline.lastDay),
      });
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
    for (const [entryId, entry] of this.heldEntries()) this.sinks.entries(entryId, entry);
  }

  /** Hands the live issues' deadlines to the sink, once, after the last event: YearStreaks then takes them with the rest. */
  completeDeadlines(): void {
    for (const { state, setOrders } of this.live.values()) if (state !== null) this.handDeadlines(state, setOrders);
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
