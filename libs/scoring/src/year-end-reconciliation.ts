import { createHash } from 'node:crypto';
import {
  Appeal,
  AppealEvent,
  appealsAtReconciliation,
  decideYearEnd,
  DepartmentEvent,
  EntryHash,
  ExpectedEntrySink,
  ExpectedPoints,
  foldAppeal,
  foldStreakHistory,
  foldYearEnd,
  InterviewDifference,
  interviewDifferences,
  IsoInstant,
  IssueEvent,
  LedgerEntry,
  ledgerDifferences,
  LedgerTallies,
  ledgerEntriesOf,
  ledgerStreamOf,
  parseInstant,
  streakStreamOf,
  YearIssueFold,
  YearRecomputation,
  YearStreaks,
  yearEndStreamOf,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import {
  decideAndAppend,
  derivedEventId,
  ReferenceData,
  ReferenceSnapshot,
  STREAM_CATEGORIES,
  streamsOfCategory,
  toEngineEvent,
  toNewEvent,
} from '@app/issues';
import { InMemoryYearDeadlineSort, YearDeadlineSort } from './year-deadline-sort';

export interface YearEndReconciliationDeps {
  store: EventStore;
  reference: ReferenceData;
  /** Events read per page of the issue category. */
  pageSize?: number;
  /**
   * Opens where the year's deadlines are sorted for the streaks, once per recomputation: PostgreSQL in the worker
   * (PostgresYearDeadlineSort); in memory when not given, which holds the year's deadlines.
   */
  openDeadlineSort?: () => Promise<YearDeadlineSort>;
}

/** Called as the work goes on (a page read, a department compared): the Temporal activity heartbeats with it. */
export type Progress = (note: string) => void;

/**
 * The year end (RULES.md §5): recomputes a year from the issue events with libs/domain, sets it against the ledger
 * and streak streams, and publishes the report and the ranking in `yearend-<year>` (decideYearEnd).
 */
export class YearEndReconciliation {
  private readonly pageSize: number;
  private readonly openDeadlineSort: () => Promise<YearDeadlineSort>;

  constructor(private readonly deps: YearEndReconciliationDeps) {
    this.pageSize = deps.pageSize ?? 1000;
    this.openDeadlineSort = deps.openDeadlineSort ?? (async () => new InMemoryYearDeadlineSort());
  }

  /**
   * Recomputes every department's ledger of `year` and its interviews for consecutive missed deadlines, compares them
   * entry by entry and run by run with the ledger and streak streams, and lists the year's deadlines still waiting at
   * `at` for a schedule to be published and the appeals of its deductions still open. Appeals decided by `at` count:
   * an overturn's entry is expected and its deadline counts as met; base-score decisions are taken as recorded. Pages
   * through the issue category; a retry starts over (the fold needs every issue from its first event).
   *
   * The ledgers are compared by their tallies (LedgerTallies), one department's recorded ledger read at a time; only
   * for the departments whose tallies disagree is the issue category read again, keeping just their expected entries,
   * to list the differences entry by entry. The deadlines go to a YearDeadlineSort as their issues become final and
   * are taken back in order by YearStreaks, so the process holds the issues still open, not the year.
   */
  async recompute(year: number, at: IsoInstant, progress: Progress = () => undefined): Promise<YearRecomputation> {
    const snapshot = await this.deps.reference.snapshot();
    const { recomputation, disagreeing, decided } = await this.recomputeByTallies(snapshot, year, at, progress);
    if (disagreeing.length === 0) return recomputation;
    const expected = new Map<string, ExpectedPoints>();
    const targeted = new Set(disagreeing);
    const fold = await this.foldIssues(
      snapshot,
      year,
      (entryId, entry) => {
        if (targeted.has(entry.departmentId)) expected.set(entryId, entry);
      },
      progress,
    );
    fold.addDecided(decided);
    fold.completeExpectedLedger();
    const recorded = new Map<string, ExpectedPoints>();
    for (const departmentId of disagreeing) {
      for (const [entryId, entry] of (await this.recordedLedger(departmentId, year)).entries) recorded.set(entryId, entry);
      progress(`differences ${departmentId}`);
    }
    return { ...recomputation, differences: ledgerDifferences(expected, recorded) };
  }

  /**
   * The recomputation without its ledger differences, and the departments whose expected and recorded tallies
   * disagree (in the order their ledgers were read), with the decided entries a second fold of the issues needs.
   */
  private async recomputeByTallies(
    snapshot: ReferenceSnapshot,
    year: number,
    at: IsoInstant,
    progress: Progress,
  ): Promise<{ recomputation: YearRecomputation; disagreeing: string[]; decided: LedgerEntry[] }> {
    const expectedTallies = new LedgerTallies(entryHash);
    const deadlines = await this.openDeadlineSort();
    try {
      const fold = await this.foldIssues(snapshot, year, expectedTallies.add, progress, deadlines);
      fold.completeDeadlines();
      await deadlines.flush();
      const appeals = appealsAtReconciliation(await this.appeals(), year, parseInstant(at));
      fold.addDecided(appeals.entries);
      const departments = fold.scoredDepartments();
      const recordedTallies = new LedgerTallies(entryHash);
      const baseAdjustments: LedgerEntry[] = [];
      for (const departmentId of departments) {
        const ledger = await this.recordedLedger(departmentId, year);
        for (const [entryId, entry] of ledger.entries) recordedTallies.add(entryId, entry);
        baseAdjustments.push(...ledger.baseAdjustments);
        progress(departmentId);
      }
      // A base-score decision is its own source: the recomputation takes it as recorded.
      fold.addDecided(baseAdjustments);
      fold.completeExpectedLedger();
      const streaks = new YearStreaks(year, (due) => snapshot.policy.at(due).consecutiveMissesForInterview, appeals.overturned);
      for await (const deadline of deadlines.sorted()) streaks.take(deadline);
      progress('deadlines taken in due order');
      const expectedInterviews = streaks.interviews();
      const interviews: InterviewDifference[] = [];
      for (const departmentId of [...new Set([...departments, ...expectedInterviews.keys()])].sort()) {
        const { inForce } = foldStreakHistory(await this.departmentEvents(streakStreamOf(departmentId)));
        const ordered = new Map(inForce.filter((i) => i.year === year).map((i) => [i.deadlineIds.join(','), i.deadlineIds]));
        interviews.push(...interviewDifferences(departmentId, expectedInterviews.get(departmentId) ?? new Map(), ordered));
        progress(`interviews ${departmentId}`);
      }
      return {
        recomputation: {
          year,
          totals: fold.totals(),
          differences: [],
          interviewDifferences: interviews,
          waitingDeadlines: fold.waitingDeadlines(parseInstant(at)),
          openAppeals: appeals.open,
        },
        disagreeing: [...departments].filter((id) => !expectedTallies.agree(id, recordedTallies)),
        decided: [...appeals.entries, ...baseAdjustments],
      };
    } finally {
      await deadlines.close();
    }
  }

  /**
   * The issue category folded for `year`, page by page, handing the expected entries to `entries` and, when given, the
   * deadlines to `deadlines`, flushed after each page so that what waits to be written is a page's worth.
   */
  private async foldIssues(
    snapshot: ReferenceSnapshot,
    year: number,
    entries: ExpectedEntrySink,
    progress: Progress,
    deadlines?: YearDeadlineSort,
  ): Promise<YearIssueFold> {
    const fold = new YearIssueFold(
      year,
      snapshot.chart.departments.map((d) => d.id),
      snapshot.policy,
      snapshot.zone,
      { entries, deadlines: deadlines === undefined ? () => undefined : (deadline) => deadlines.add(deadline) },
    );
    let position: bigint | undefined;
    for (;;) {
      const page = await this.deps.store.readAll({ category: STREAM_CATEGORIES.issue, fromPosition: position, maxCount: this.pageSize });
      for (const recorded of page) fold.add(recorded.streamId, toEngineEvent<IssueEvent>(recorded), Number(recorded.globalPosition));
      if (page.length === 0) break;
      await deadlines?.flush();
      position = page[page.length - 1].globalPosition;
      progress(`${position} (${fold.liveIssues} issues not final)`);
    }
    return fold;
  }

  /** A department's ledger of `year` as recorded, by entry id (the last of an id counts), and its base-score decisions. */
  private async recordedLedger(
    departmentId: string,
    year: number,
  ): Promise<{ entries: Map<string, ExpectedPoints>; baseAdjustments: LedgerEntry[] }> {
    const entries = new Map<string, ExpectedPoints>();
    const baseAdjustments: LedgerEntry[] = [];
    for (const entry of ledgerEntriesOf(await this.departmentEvents(ledgerStreamOf(departmentId, year)))) {
      entries.set(entry.entryId, { departmentId, points: entry.points });
      if (entry.reason === 'base-adjusted') baseAdjustments.push(entry);
    }
    return { entries, baseAdjustments };
  }

  /**
   * Appends the reconciliation report and the ranking to `yearend-<year>`; a final run adds the assessment bonuses
   * and the last-place interviews. Ids derive from `publicationId`, and events already stored are skipped, so
   * running it again adds nothing. Returns the number of events appended.
   */
  async publish(input: { recomputation: YearRecomputation; final: boolean; publicationId: string; at: IsoInstant }): Promise<number> {
    const { store, reference } = this.deps;
    const { year } = input.recomputation;
    const snapshot = await reference.snapshot();
    return decideAndAppend(store, yearEndStreamOf(year), undefined, ({ events: stored }) => {
      const state = foldYearEnd(
        year,
        stored.map((e) => toEngineEvent<DepartmentEvent>(e)),
      );
      const events = decideYearEnd(
        { type: 'PublishYearEnd', recomputation: input.recomputation, final: input.final, at: input.at },
        state,
        { policy: snapshot.policy, zone: snapshot.zone },
      );
      const storedIds = new Set(stored.map((e) => e.id.toLowerCase()));
      const missing = events
        .map((event) =>
          toNewEvent(event, derivedEventId(`${input.publicationId}/${publicationStepOf(event)}`), { publicationId: input.publicationId }),
        )
        .filter((event) => !storedIds.has(event.id));
      return missing.length === 0 ? { append: false, answer: 0 } : { append: true, events: missing, answer: () => missing.length };
    });
  }

  /** Every appeal filed, each folded from its stream (`appeal-<deadlineId>`). */
  private async appeals(): Promise<Appeal[]> {
    const streams = await streamsOfCategory(this.deps.store, STREAM_CATEGORIES.appeal, this.pageSize);
    return [...streams.values()].flatMap((events) => foldAppeal(events.map((e) => toEngineEvent<AppealEvent>(e))) ?? []);
  }

  private async departmentEvents(streamId: string): Promise<DepartmentEvent[]> {
    return (await this.deps.store.readStream(streamId)).map((e) => toEngineEvent<DepartmentEvent>(e));
  }
}

/** The ledger tallies' entry hash: the first 8 bytes of sha256 over `entryId|points`. */
const entryHash: EntryHash = (entryId, points) => createHash('sha256').update(`${entryId}|${points}`).digest().readBigUInt64BE(0);

/** A publication's step names its event (and so derives its id): one report, one ranking, a bonus or interview each. */
function publicationStepOf(event: DepartmentEvent): string {
  switch (event.type) {
    case 'ReconciliationReported':
      return 'reconciliation';
    case 'YearEndRankingPublished':
      return 'ranking';
    case 'AssessmentBonusGranted':
      return `bonus:${event.data.departmentId}`;
    default:
      return `interview:${event.data.departmentId}`;
  }
}
