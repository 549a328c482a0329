import { decideSurvey, evolveSurveys, organisationOf, SurveyCounts, SurveyEvent, surveyStreamOf, SurveyState, toIso } from '@app/domain';
import { EventStore } from '@app/event-store';
import { decideAndAppend, requirePinnedRevision } from './decide-and-append';
import { derivedEventId, toEngineEvent, toNewEvent } from './event-envelope';
import { ReferenceData } from './reference-data';

export type RecordSurveyRequest = { stationId: string; from: unknown; to: unknown; counts: SurveyCounts; at: number };

export type RecordSurveyResult = { survey: SurveyEvent['data']; revision: number };

/**
 * Records a survey of residents in the station's stream `survey-<stationId>` (decideSurvey of libs/domain), with
 * the survey id derived from the request's cause: the same request twice records it once. A caller that pinned the
 * stream's revision (If-Match) and finds another gets the conflict.
 */
export class SurveyCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  async record(
    request: RecordSurveyRequest,
    options: { causationId: string; actor: { role: string; id?: string }; expectedRevision?: number },
  ): Promise<RecordSurveyResult> {
    const { chart } = await this.reference.snapshot();
    const surveyId = derivedEventId(`survey/${options.causationId}`);
    const streamId = surveyStreamOf(request.stationId);
    return decideAndAppend(this.store, streamId, options.expectedRevision, ({ events, revision }) => {
      const state = events.map((e) => toEngineEvent<SurveyEvent>(e)).reduce(evolveSurveys, [] as SurveyState);
      const earlier = state.find((s) => s.surveyId === surveyId);
      if (earlier !== undefined) return { append: false, answer: { survey: earlier, revision: revision as number } };
      requirePinnedRevision(streamId, options.expectedRevision, revision ?? -1);
      const [event] = decideSurvey(
        {
          type: 'RecordSurvey',
          surveyId,
          stationId: request.stationId,
          from: request.from,
          to: request.to,
          counts: request.counts,
          at: toIso(request.at),
        },
        state,
        organisationOf(chart),
      );
      const metadata = { causationId: options.causationId, actor: options.actor, command: 'RecordSurvey' };
      return {
        append: true,
        events: [toNewEvent(event, derivedEventId(`${options.causationId}/0`), metadata)],
        answer: (next) => ({ survey: event.data, revision: next }),
      };
    });
  }
}
