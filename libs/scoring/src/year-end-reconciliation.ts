import {
  Appeal,
  AppealEvent,
  appealsAtReconciliation,
  decideYearEnd,
  DepartmentEvent,
  foldAppeal,
  foldStreakHistory,
  foldYearEnd,
  InterviewDifference,
  interviewDifferences,
  IsoInstant,
  IssueEvent,
  LedgerEntry,
  ledgerDifferences,
  ledgerEntriesOf,
  ledgerStreamOf,
  parseInstant,
  streakStreamOf,
  YearIssueFold,
  YearRecomputation,
  yearEndStreamOf,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import {
  decideAndAppend,
  derivedEventId,
  ReferenceData,
  STREAM_CATEGORIES,
  streamsOfCategory,
  toEngineEvent,
  toNewEvent,
} from '@app/issues';

export interface YearEndReconciliationDeps {
  store: EventStore;
  reference: ReferenceData;
  /** Events read per page of the issue category. */
  pageSize?: number;
}

/** Called as the work goes on (a page read, a department compared): the Temporal activity heartbeats with it. */
export type Progress = (note: string) => void;

/**
 * The year end (RULES.md §5): recomputes a year from the issue events with libs/domain, sets it against the ledger
 * and streak streams, and publishes the report and the ranking in `yearend-<year>` (decideYearEnd).
 */
export class YearEndReconciliation {
  private readonly pageSize: number;

  constructor(private readonly deps: YearEndReconciliationDeps) {
    this.pageSize = deps.pageSize ?? 1000;
  }

  /**
   * Recomputes every department's ledger of `year` and its interviews for consecutive missed deadlines, compares them
   * entry by entry and run by run with the ledger and streak streams, and lists the year's deadlines still waiting at
   * `at` for a schedule to be published and the appeals of its deductions still open. Appeals decided by `at` count:
   * an overturn's entry is expected and its deadline counts as met; base-score decisions are taken as recorded. Pages through the issue category; a retry starts over (the fold needs every
   * issue from its first event).
   */
  async recompute(year: number, at: IsoInstant, progress: Progress = () => undefined): Promise<YearRecomputation> {
    const { store, reference } = this.deps;
    const snapshot = await reference.snapshot();
    const fold = new YearIssueFold(
      year,
      snapshot.chart.departments.map((d) => d.id),
      snapshot.policy,
      snapshot.zone,
    );
    let position: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ category: STREAM_CATEGORIES.issue, fromPosition: position, maxCount: this.pageSize });
      for (const recorded of page) fold.add(recorded.streamId, toEngineEvent<IssueEvent>(recorded), Number(recorded.globalPosition));
      if (page.length === 0) break;
      position = page[page.length - 1].globalPosition;
      progress(`${position} (${fold.liveIssues} issues not final)`);
    }
    const appeals = appealsAtReconciliation(await this.appeals(), year, parseInstant(at));
    fold.addDecided(appeals.entries);
    const departments = fold.scoredDepartments();
    const recorded = new Map<string, { departmentId: string; points: number }>();
    const baseAdjustments: LedgerEntry[] = [];
    for (const departmentId of departments) {
      for (const entry of ledgerEntriesOf(await this.departmentEvents(ledgerStreamOf(departmentId, year)))) {
        recorded.set(entry.entryId, { departmentId, points: entry.points });
        if (entry.reason === 'base-adjusted') baseAdjustments.push(entry);
      }
      progress(departmentId);
    }
    // A base-score decision is its own source: the recomputation takes it as recorded.
    fold.addDecided(baseAdjustments);
    const expectedInterviews = fold.interviews((due) => snapshot.policy.at(due).consecutiveMissesForInterview, appeals.overturned);
    const interviews: InterviewDifference[] = [];
    for (const departmentId of [...new Set([...departments, ...expectedInterviews.keys()])].sort()) {
      const { inForce } = foldStreakHistory(await this.departmentEvents(streakStreamOf(departmentId)));
      const ordered = new Map(inForce.filter((i) => i.year === year).map((i) => [i.deadlineIds.join(','), i.deadlineIds]));
      interviews.push(...interviewDifferences(departmentId, expectedInterviews.get(departmentId) ?? new Map(), ordered));
      progress(`interviews ${departmentId}`);
    }
    return {
      year,
      totals: fold.totals(),
      differences: ledgerDifferences(fold.expected, recorded),
      interviewDifferences: interviews,
      waitingDeadlines: fold.waitingDeadlines(parseInstant(at)),
      openAppeals: appeals.open,
    };
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
