import { DepartmentEvent } from '../department/department.events';
import { DEFAULT_POLICY, PolicyBook } from '../policy/policy';
import { DomainError } from '../shared/domain-error';
import { at } from '../testing/issue-fixtures';
import { SHANGHAI } from '../time/time-zone';
import { YearRecomputation } from './reconciliation';
import { decideYearEnd, foldYearEnd, YearEndCommand } from './year-end.decide';

/** Every event a year end publishes is dated. */
const atOf = (event: DepartmentEvent) => ('at' in event.data ? event.data.at : undefined);
const context = { policy: PolicyBook.of(DEFAULT_POLICY), zone: SHANGHAI };
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { code: (error as DomainError).code, field: (error as DomainError).field };
  }
  return undefined;
};

describe('decideYearEnd (RULES.md §5)', () => {
  const start = (year: number): YearEndCommand => ({ type: 'StartProvisionalYearEnd', year, at: at('2026-01-05T09:00:00+08:00') });

  it('starts a provisional year end for the current year and the year before, until the final one is published', () => {
    expect(decideYearEnd(start(2026), foldYearEnd(2026, []), context)).toEqual([]);
    expect(decideYearEnd(start(2025), foldYearEnd(2025, []), context)).toEqual([]);
    const published = foldYearEnd(2025, [
      {
        type: 'ReconciliationReported',
        data: { year: 2025, at: 'x', final: false, differences: [], interviewDifferences: [], waitingDeadlines: [], openAppeals: [] },
      },
    ]);
    expect(published.finalReported).toBe(false);
    const final = foldYearEnd(2025, [
      {
        type: 'ReconciliationReported',
        data: { year: 2025, at: 'x', final: true, differences: [], interviewDifferences: [], waitingDeadlines: [], openAppeals: [] },
      },
    ]);
    expect(codeOf(() => decideYearEnd(start(2025), final, context))).toEqual({ code: 'RECONCILIATION.FINAL_PUBLISHED', field: undefined });
  });

  it('refuses a year not begun and a year before last, naming the year', () => {
    expect(codeOf(() => decideYearEnd(start(2027), foldYearEnd(2027, []), context))).toEqual({
      code: 'RECONCILIATION.YEAR_IN_FUTURE',
      field: 'year',
    });
    expect(codeOf(() => decideYearEnd(start(2024), foldYearEnd(2024, []), context))).toEqual({
      code: 'RECONCILIATION.YEAR_CLOSED',
      field: 'year',
    });
  });

  const recomputation: YearRecomputation = {
    year: 2026,
    totals: [
      ['a', 62],
      ['b', 60],
      ['c', 55],
      ['d', 55],
    ],
    differences: [],
    interviewDifferences: [],
    waitingDeadlines: [],
    openAppeals: [],
  };

  it('publishes a provisional report and ranking at the instant asked, no bonuses or interviews', () => {
    const events = decideYearEnd(
      { type: 'PublishYearEnd', recomputation, final: false, at: '2026-06-01T01:00:00.000Z' },
      foldYearEnd(2026, []),
      context,
    );
    expect(events.map((e) => [e.type, atOf(e)])).toEqual([
      ['ReconciliationReported', '2026-06-01T01:00:00.000Z'],
      ['YearEndRankingPublished', '2026-06-01T01:00:00.000Z'],
    ]);
  });

  it('publishes a final year end at the year end instant: bonuses for the first three ranks, interviews for every last one', () => {
    const events = decideYearEnd({ type: 'PublishYearEnd', recomputation, final: true, at: 'ignored' }, foldYearEnd(2026, []), context);
    expect(events.map((e) => e.type)).toEqual([
      'ReconciliationReported',
      'YearEndRankingPublished',
      'AssessmentBonusGranted',
      'AssessmentBonusGranted',
      'AssessmentBonusGranted',
      'AssessmentBonusGranted',
      'InterviewOrdered',
      'InterviewOrdered',
    ]);
    expect(new Set(events.map((e) => atOf(e)))).toEqual(new Set(['2026-12-31T16:30:00.000Z']));
    expect(events.slice(-2).map((e) => e.data)).toEqual([
      { departmentId: 'c', at: '2026-12-31T16:30:00.000Z', reason: 'last-in-ranking', year: 2026 },
      { departmentId: 'd', at: '2026-12-31T16:30:00.000Z', reason: 'last-in-ranking', year: 2026 },
    ]);
  });
});
