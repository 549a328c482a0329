import {
  CircularEvent,
  CircularEvidence,
  circularStreamOf,
  DepartmentEvent,
  IssueEvent,
  OrganisationChart,
  ReportPeriod,
  stationsEvaluation,
  surveyStreamOf,
  SurveyEvent,
  yearEndStreamOf,
  type StationsEvaluation,
} from '@app/domain';
import { categoryOf, type EventStore, type RecordedEvent } from '@app/event-store';
import { readCategory } from './read-category';
import { issueIdOfStream, STREAM_CATEGORIES, toEngineEvent, type ReferenceData } from '@app/issues';

export type PublishedCircular = CircularEvent['data'] & { streamId: string; revision: number };
export type RecordedSurvey = SurveyEvent['data'];

/** The evidence of a period as read from the log, up to which global position, and the organisation it is named by. */
export type PeriodEvidence = { evidence: CircularEvidence; chart: OrganisationChart; throughPosition: bigint };

const SCORING_CATEGORIES: ReadonlySet<string> = new Set([STREAM_CATEGORIES.ledger, STREAM_CATEGORIES.streak, STREAM_CATEGORIES.yearEnd]);

/**
 * Reads what circulars and the stations' evaluation are made of from the event store itself (never a read model),
 * so that a circular is the log's: issues, ledgers, streaks, year ends and surveys in one pass over the log in
 * global order, and the published circulars from their streams.
 */
export class CircularStreamReader {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
    private readonly pageSize = 5000,
  ) {}

  /** The evidence of the period in the log up to `throughPosition` (default: all of it as it stands now). */
  async evidence(period: ReportPeriod, throughPosition?: bigint): Promise<PeriodEvidence> {
    const snapshot = await this.reference.snapshot();
    const evidence = new CircularEvidence(period, snapshot.zone);
    let position: bigint | undefined;
    let last = 0n;
    for (;;) {
      const page = await this.store.readAll({ ...(position !== undefined ? { fromPosition: position } : {}), maxCount: this.pageSize });
      const within = throughPosition === undefined ? page : page.filter((e) => e.globalPosition <= throughPosition);
      for (const recorded of within) this.add(evidence, recorded);
      if (within.length > 0) last = within[within.length - 1].globalPosition;
      if (within.length < page.length || page.length === 0) break;
      position = page[page.length - 1].globalPosition;
    }
    return { evidence, chart: snapshot.chart, throughPosition: throughPosition ?? last };
  }

  private add(evidence: CircularEvidence, recorded: RecordedEvent): void {
    const category = categoryOf(recorded.streamId);
    const issueId = issueIdOfStream(recorded.streamId);
    if (issueId !== undefined) evidence.addIssueEvent(issueId, toEngineEvent<IssueEvent>(recorded));
    else if (SCORING_CATEGORIES.has(category)) evidence.addScoringEvent(toEngineEvent<DepartmentEvent>(recorded));
    else if (category === STREAM_CATEGORIES.survey) evidence.addSurveyEvent(toEngineEvent<SurveyEvent>(recorded));
  }

  /** 考核评议 of every station and street over the period, from the log as it stands. */
  async stationsEvaluation(period: ReportPeriod): Promise<StationsEvaluation> {
    const { evidence, chart } = await this.evidence(period);
    return stationsEvaluation(evidence, chart);
  }

  /** Every circular published, newest first. */
  async circulars(): Promise<PublishedCircular[]> {
    const published = (await readCategory(this.store, STREAM_CATEGORIES.circular)).flatMap((recorded) => {
      const event = toEngineEvent<CircularEvent>(recorded);
      return event.type === 'CircularPublished' ? [{ ...event.data, streamId: recorded.streamId, revision: recorded.revision }] : [];
    });
    return published.reverse();
  }

  async circular(circularId: string): Promise<PublishedCircular | undefined> {
    return (await this.circulars()).find((c) => c.circularId === circularId);
  }

  /** The circulars of one year of issue, in order: the stream that numbers them. */
  async circularsOfYear(year: number): Promise<{ revision: number | undefined; circulars: CircularEvent['data'][] }> {
    const recorded = await this.store.readStream(circularStreamOf(year));
    return {
      revision: recorded.length === 0 ? undefined : recorded[recorded.length - 1].revision,
      circulars: recorded.map((e) => toEngineEvent<CircularEvent>(e).data),
    };
  }

  /** Whether the final reconciliation of the year is reported: the year-end circular follows it. */
  async finalReconciliationReported(year: number): Promise<boolean> {
    return (await this.store.readStream(yearEndStreamOf(year)))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .some((e) => e.type === 'ReconciliationReported' && e.data.final);
  }

  /** The surveys of one station, or of every station, in the order recorded. */
  async surveys(stationId?: string): Promise<RecordedSurvey[]> {
    const recorded =
      stationId === undefined
        ? await readCategory(this.store, STREAM_CATEGORIES.survey)
        : await this.store.readStream(surveyStreamOf(stationId));
    return recorded.map((e) => toEngineEvent<SurveyEvent>(e).data);
  }
}
