import { DomainError } from '../shared/domain-error';
import { testContext } from '../testing/issue-fixtures';
import { decideSurvey, evolveSurveys, RecordSurvey, SurveyState } from './survey.decide';

const record = (overrides: Partial<RecordSurvey> = {}, counts: Partial<RecordSurvey['counts']> = {}): RecordSurvey => ({
  type: 'RecordSurvey',
  surveyId: 'S1',
  stationId: 'hbc',
  from: '2026-03-01',
  to: '2026-03-31',
  counts: { respondents: 100, aware: 80, satisfied: 60, basicallySatisfied: 25, ...counts },
  at: '2026-04-02T01:00:00.000Z',
  ...overrides,
});

const refusal = (command: RecordSurvey, state: SurveyState = []) => {
  try {
    decideSurvey(command, state, testContext.organisation);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  return undefined;
};

describe(decideSurvey.name, () => {
  it('records the counts of a survey of a registered station for its period', () => {
    expect(decideSurvey(record(), [], testContext.organisation)).toEqual([
      {
        type: 'SurveyRecorded',
        data: {
          surveyId: 'S1',
          stationId: 'hbc',
          period: { from: '2026-03-01', to: '2026-03-31' },
          respondents: 100,
          aware: 80,
          satisfied: 60,
          basicallySatisfied: 25,
          at: '2026-04-02T01:00:00.000Z',
        },
      },
    ]);
  });

  it.each([
    [{ aware: 101 }, 'SURVEY.AWARE_EXCEEDS_RESPONDENTS', 'aware'],
    [{ satisfied: 80, basicallySatisfied: 21 }, 'SURVEY.SATISFIED_EXCEEDS_RESPONDENTS', 'basicallySatisfied'],
    [{ respondents: 0, aware: 0, satisfied: 0, basicallySatisfied: 0 }, 'SURVEY.NO_RESPONDENTS', 'respondents'],
    [{ aware: -1 }, 'SURVEY.COUNT_INVALID', 'aware'],
    [{ satisfied: 1.5 }, 'SURVEY.COUNT_INVALID', 'satisfied'],
  ])('refuses counts %j with %s naming %s', (counts, code, field) => {
    expect(refusal(record({}, counts))).toEqual({ code, field });
  });

  it('accepts every respondent aware and satisfied or basically satisfied', () => {
    expect(decideSurvey(record({}, { aware: 100, satisfied: 75, basicallySatisfied: 25 }), [], testContext.organisation)).toHaveLength(1);
  });

  it.each([
    [{ stationId: 'nowhere' }, 'ORGANISATION.UNKNOWN_STATION', 'stationId'],
    [{ from: '2026-02-30' }, 'PERIOD.INVALID_DATE', 'from'],
    [{ to: '2026-02-28' }, 'PERIOD.ENDS_BEFORE_START', 'to'],
    [{ to: '2027-03-31' }, 'PERIOD.TOO_LONG', 'to'],
  ])('refuses %j with %s naming %s', (overrides, code, field) => {
    expect(refusal(record(overrides))).toEqual({ code, field });
  });

  it('refuses a second survey of the station for the same period, and changes nothing for the same survey id', () => {
    const state = decideSurvey(record(), [], testContext.organisation).reduce(evolveSurveys, [] as SurveyState);
    expect(refusal(record({ surveyId: 'S2' }), state)).toEqual({ code: 'SURVEY.ALREADY_RECORDED', field: 'from' });
    expect(decideSurvey(record(), state, testContext.organisation)).toEqual([]);
    expect(decideSurvey(record({ surveyId: 'S3', from: '2026-04-01', to: '2026-04-30' }), state, testContext.organisation)).toHaveLength(1);
  });
});
