import { IsoInstant } from '../time/instant';
import { ReportPeriod } from '../circular/report-period';

/** The counts of one survey of residents (知晓率和满意度测评) of a station. */
export interface SurveyCounts {
  respondents: number;
  /** Knew of the station (知晓). */
  aware: number;
  satisfied: number;
  basicallySatisfied: number;
}

/** A survey's result as recorded by a supervisor, in stream `survey-<stationId>`. */
export type SurveyEvent = {
  type: 'SurveyRecorded';
  data: SurveyCounts & { surveyId: string; stationId: string; period: ReportPeriod; at: IsoInstant };
};

export const SURVEY_EVENT_SCHEMA_VERSIONS: Record<SurveyEvent['type'], number> = { SurveyRecorded: 1 };

export const surveyStreamOf = (stationId: string) => `survey-${stationId}`;
