import { DomainError } from '../shared/domain-error';
import { IsoInstant } from '../time/instant';
import { Organisation } from '../issue/organisation';
import { ReportPeriod, reportPeriodOf } from '../circular/report-period';
import { SurveyCounts, SurveyEvent } from './survey.events';

export type RecordSurvey = {
  type: 'RecordSurvey';
  surveyId: string;
  stationId: string;
  from: unknown;
  to: unknown;
  counts: SurveyCounts;
  at: IsoInstant;
};

export type RecordedSurvey = SurveyEvent['data'];

/** A station's surveys, in the order recorded. */
export type SurveyState = readonly RecordedSurvey[];

export const evolveSurveys = (state: SurveyState, event: SurveyEvent): SurveyState => [...state, event.data];

const COUNT_FIELDS = ['respondents', 'aware', 'satisfied', 'basicallySatisfied'] as const;

/**
 * The counts must be whole numbers that fit the respondents: no more aware than asked, and no more satisfied and
 * basically satisfied together than asked (each respondent gives one answer).
 */
export function validateSurveyCounts(counts: SurveyCounts): void {
  for (const field of COUNT_FIELDS) {
    const value = counts[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new DomainError('SURVEY.COUNT_INVALID', `${field} must be a whole number, 0 or more`, field);
    }
  }
  if (counts.respondents === 0) throw new DomainError('SURVEY.NO_RESPONDENTS', 'a survey has at least one respondent', 'respondents');
  if (counts.aware > counts.respondents) {
    throw new DomainError('SURVEY.AWARE_EXCEEDS_RESPONDENTS', `aware ${counts.aware} exceeds respondents ${counts.respondents}`, 'aware');
  }
  if (counts.satisfied + counts.basicallySatisfied > counts.respondents) {
    throw new DomainError(
      'SURVEY.SATISFIED_EXCEEDS_RESPONDENTS',
      `satisfied ${counts.satisfied} and basically satisfied ${counts.basicallySatisfied} exceed respondents ${counts.respondents}`,
      'basicallySatisfied',
    );
  }
}

const samePeriod = (a: ReportPeriod, b: ReportPeriod) => a.from === b.from && a.to === b.to;

/**
 * Records a survey of a registered station. One survey per station and period: a second one for the same
 * period is refused (the first stands as recorded); the same survey id again changes nothing.
 */
export function decideSurvey(command: RecordSurvey, state: SurveyState, organisation: Organisation): SurveyEvent[] {
  if (state.some((s) => s.surveyId === command.surveyId)) return [];
  if (organisation.streetOfStation(command.stationId) === undefined) {
    throw new DomainError('ORGANISATION.UNKNOWN_STATION', `station ${command.stationId} is not registered`, 'stationId');
  }
  const period = reportPeriodOf(command.from, command.to);
  validateSurveyCounts(command.counts);
  const existing = state.find((s) => samePeriod(s.period, period));
  if (existing !== undefined) {
    throw new DomainError(
      'SURVEY.ALREADY_RECORDED',
      `station ${command.stationId} has survey ${existing.surveyId} for ${period.from}..${period.to}`,
      'from',
    );
  }
  const { respondents, aware, satisfied, basicallySatisfied } = command.counts;
  return [
    {
      type: 'SurveyRecorded',
      data: {
        surveyId: command.surveyId,
        stationId: command.stationId,
        period,
        respondents,
        aware,
        satisfied,
        basicallySatisfied,
        at: command.at,
      },
    },
  ];
}
