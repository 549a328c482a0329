import {
  foldYearEnd,
  ledgerStreamOf,
  rankDepartments,
  roundPoints,
  yearEndStreamOf,
  type DepartmentEvent,
  type RankingRow,
  type YearEndState,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { STREAM_CATEGORIES, toEngineEvent, type ReferenceData } from '@app/issues';
import type { LedgerRepository } from '../queries/ledger.repository';
import { readCategory } from './read-category';
import { verificationOf, type StreamVerification } from './stream-verification';

type EventData<T extends DepartmentEvent['type']> = Extract<DepartmentEvent, { type: T }>['data'];

export type LedgerStreamEntry = Omit<EventData<'LedgerEntryRecorded'>, 'departmentId' | 'year'>;
export type VerifiedLedger = {
  departmentId: string;
  year: number;
  total: number;
  entries: LedgerStreamEntry[];
  verification: StreamVerification;
};
export type Ranking = { year: number; kind: 'provisional' | 'final'; publishedAt?: string; ranking: RankingRow[] };
export type OrderedInterview = EventData<'InterviewOrdered'> & {
  streamId: string;
  /** An overturned appeal withdrew it: when, and which appeal. */
  withdrawn?: { at: string; appealId: string };
};
export type InterviewFilter = { year?: number; departmentId?: string };
/** Where a year's year-end stream stands: its revision (null: no report yet) and the state its decisions read. */
export type YearEndStreamHead = { streamId: string; revision: number | null; state: YearEndState };

/**
 * Reads the scoring streams themselves (ledger-<dept>-<year>, streak-<dept>, yearend-<year>): small streams, read
 * whole, so an answer is what was stored and a ledger comes with its hash chain checked.
 */
export class ScoringStreamReader {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
    private readonly ledgers: LedgerRepository,
  ) {}

  async ledger(departmentId: string, year: number): Promise<VerifiedLedger> {
    const streamId = ledgerStreamOf(departmentId, year);
    const entries = (await this.events(streamId, 'LedgerEntryRecorded')).map((d) => ({
      entryId: d.entryId,
      at: d.at,
      points: d.points,
      reason: d.reason,
      ...(d.issueId !== undefined ? { issueId: d.issueId } : {}),
      ...(d.deadlineId !== undefined ? { deadlineId: d.deadlineId } : {}),
      ...(d.explanation !== undefined ? { explanation: d.explanation } : {}),
      ...(d.appealId !== undefined ? { appealId: d.appealId } : {}),
      ...(d.causedBy !== undefined ? { causedBy: d.causedBy } : {}),
    }));
    return {
      departmentId,
      year,
      total: roundPoints(entries.reduce((sum, e) => sum + e.points, 0)),
      entries,
      verification: verificationOf(await this.store.verifyStream(streamId)),
    };
  }

  /** The final ranking as published at year end; undefined until it is. */
  async finalRanking(year: number): Promise<Ranking | undefined> {
    const published = (await this.events(yearEndStreamOf(year), 'YearEndRankingPublished')).filter((d) => d.final).pop();
    return published === undefined ? undefined : { year, kind: 'final', publishedAt: published.at, ranking: published.ranking };
  }

  /** Every registered district department at its ledger total so far (the ledger read model, one GROUP BY). */
  async provisionalRanking(year: number): Promise<Ranking> {
    const [{ chart }, totals] = await Promise.all([this.reference.snapshot(), this.ledgers.totals(year)]);
    const byDepartment = new Map(totals.map((t) => [t.departmentId, t.total]));
    return {
      year,
      kind: 'provisional',
      ranking: rankDepartments(new Map(chart.departments.map((d) => [d.id, byDepartment.get(d.id) ?? 0]))),
    };
  }

  async yearEndState(year: number): Promise<YearEndStreamHead> {
    const streamId = yearEndStreamOf(year);
    const recorded = await this.store.readStream(streamId);
    const state = foldYearEnd(
      year,
      recorded.map((e) => toEngineEvent<DepartmentEvent>(e)),
    );
    return { streamId, revision: recorded.length === 0 ? null : recorded[recorded.length - 1].revision, state };
  }

  async reconciliations(year: number): Promise<EventData<'ReconciliationReported'>[]> {
    return this.events(yearEndStreamOf(year), 'ReconciliationReported');
  }

  /**
   * Interviews are ordered in streak-<dept> (consecutive misses) and yearend-<year> (last in the ranking), in global
   * order; one an overturned appeal withdrew (InterviewWithdrawn, same department and run) is listed with it.
   */
  async interviews(filter: InterviewFilter): Promise<OrderedInterview[]> {
    const recorded = [...(await readCategory(this.store, STREAM_CATEGORIES.streak)), ...(await readCategory(this.store, STREAM_CATEGORIES.yearEnd))];
    const interviews: OrderedInterview[] = [];
    const runOf = (departmentId: string, deadlineIds: string[] = []) => `${departmentId}:${deadlineIds.join(',')}`;
    const open = new Map<string, OrderedInterview>();
    for (const stored of recorded.sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1))) {
      const event = toEngineEvent<DepartmentEvent>(stored);
      if (event.type === 'InterviewOrdered') {
        const interview = { ...event.data, streamId: stored.streamId };
        interviews.push(interview);
        if (event.data.deadlineIds !== undefined) open.set(runOf(event.data.departmentId, event.data.deadlineIds), interview);
      }
      if (event.type === 'InterviewWithdrawn') {
        const run = runOf(event.data.departmentId, event.data.deadlineIds);
        const interview = open.get(run);
        if (interview !== undefined) interview.withdrawn = { at: event.data.at, appealId: event.data.appealId };
        open.delete(run);
      }
    }
    return interviews.filter(
      (i) =>
        (filter.year === undefined || i.year === filter.year) &&
        (filter.departmentId === undefined || i.departmentId === filter.departmentId),
    );
  }

  private async events<T extends DepartmentEvent['type']>(streamId: string, type: T): Promise<EventData<T>[]> {
    return (await this.store.readStream(streamId))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .flatMap((e) => (e.type === type ? [e.data as EventData<T>] : []));
  }
}
