import {
  lastRecordedInstant,
  rankDepartments,
  yearEndStreamOf,
  type DepartmentEvent,
  type EpochMs,
  type HistoryReplayOptions,
  type RecordedAct,
  type TimeZone,
  type YearOutcome,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { readRecordedHistory, toEngineEvent, type ReferenceData } from '@app/issues';
import type { ScoringStreamReader } from './scoring-stream.reader';

/** A year as the live system recorded it, and whether its final year end is published. */
export type RecordedYear = { outcome: YearOutcome; final: boolean };

/** What a what-if on a year reads from the store: the recorded history, the recorded outcome, how far to replay. */
export type RecordedYearHistory = {
  history: RecordedAct[];
  recorded: RecordedYear;
  options: Pick<HistoryReplayOptions, 'year' | 'zone' | 'until'>;
};

/**
 * What the live system recorded for a year, read as the api answers it (the ledger streams, the published final
 * ranking, the interviews ordered and not withdrawn), in the shape `simulate` prints: what a replay of the history must equal.
 */
export class RecordedOutcomeReader {
  constructor(
    private readonly scoring: ScoringStreamReader,
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  /**
   * The year's recorded history (every year's acts: what carries over) beside its recorded outcome. A year not yet
   * closed is replayed as far as the store speaks of it, just before its year end at most; `until` sets where.
   */
  async history(year: number, zone: TimeZone, until?: EpochMs): Promise<RecordedYearHistory> {
    const [history, recorded, policy] = await Promise.all([
      readRecordedHistory(this.store),
      this.year(year, zone),
      this.reference.policy(),
    ]);
    const yearStart = zone.startOfDay(`${year}-01-01`);
    const { hour, minute } = policy.at(yearStart).yearEnd;
    const yearEnd = zone.atLocalTime(`${year + 1}-01-01`, hour, minute);
    const stop = until ?? (recorded.final ? undefined : Math.min(lastRecordedInstant(history) ?? yearStart, yearEnd - 1));
    return { history, recorded, options: { year, zone, until: stop } };
  }

  async year(year: number, zone: TimeZone): Promise<RecordedYear> {
    const format = (at: string) => zone.format(Date.parse(at));
    const { chart } = await this.reference.snapshot();
    const ledger: YearOutcome['ledger'] = {};
    for (const { id } of chart.departments) {
      const stored = await this.scoring.ledger(id, year);
      ledger[id] = {
        total: stored.total,
        entries: stored.entries.map((e) => ({
          at: format(e.at),
          points: e.points,
          reason: e.reason,
          ...(e.issueId !== undefined ? { issue: e.issueId } : {}),
        })),
      };
    }
    const final = await this.scoring.finalRanking(year);
    // Until the year end publishes one, the ranking is the provisional one: the ledger totals, ranked.
    const ranking = final?.ranking ?? rankDepartments(new Map(Object.entries(ledger).map(([id, l]) => [id, l.total])));
    const assessmentBonuses = (await this.store.readStream(yearEndStreamOf(year)))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .flatMap((e) =>
        e.type === 'AssessmentBonusGranted'
          ? [{ department: e.data.departmentId, partyBuilding: e.data.partyBuilding, stationing: e.data.stationing }]
          : [],
      );
    // As `simulate` lists them: those in force; an overturned appeal's withdrawal takes one out.
    const interviews = (await this.scoring.interviews({ year }))
      .filter((i) => i.withdrawn === undefined)
      .map((i) => ({
        department: i.departmentId,
        at: format(i.at),
        reason: i.reason,
      }));
    return { outcome: { ledger, ranking, assessmentBonuses, interviews }, final: final !== undefined };
  }
}
