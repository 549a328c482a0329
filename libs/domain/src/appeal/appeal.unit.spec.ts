import { FeedbackDeadline } from '../issue/issue.state';
import { LedgerEntry } from '../ledger/ledger';
import { PolicyBook, resolvePolicy } from '../policy/policy';
import { isDomainError } from '../shared/domain-error';
import { at, testContext } from '../testing/issue-fixtures';
import {
  Appeal,
  AppealCommand,
  AppealContext,
  AppealState,
  appealsAtReconciliation,
  decideAppeal,
  foldAppeal,
  overturnEntryOf,
} from './appeal';
import { AppealEvent } from './appeal.events';

// jt's deadline on I2: whistled Mon May 11 → due Fri May 15 00:00, missed and booked −3.
const DUE = at('2026-05-15T00:00:00+08:00');
const missed: FeedbackDeadline = {
  deadlineId: 'I2#1',
  departmentId: 'jt',
  cause: 'whistle',
  startedAt: at('2026-05-11T10:00:00+08:00'),
  due: DUE,
  lastDay: '2026-05-14',
  provisional: false,
  outcome: 'missed',
  settledAt: DUE,
};
const deduction: LedgerEntry = {
  entryId: 'missed:I2#1',
  departmentId: 'jt',
  year: 2026,
  at: DUE,
  points: -3,
  reason: 'feedback-missed',
  issueId: 'I2',
  deadlineId: 'I2#1',
};

/** `booked` null: no deduction was booked for the deadline. */
function contextWith(
  deadline: FeedbackDeadline = missed,
  booked: LedgerEntry | null = deduction,
  policy = testContext.policy,
): AppealContext {
  return {
    ...testContext,
    policy,
    deadlineOf: (issueId, deadlineId) =>
      issueId === 'I2' && deadlineId === deadline.deadlineId ? { deadline, deduction: booked ?? undefined } : undefined,
  };
}

const file = (when: string, change: Partial<Extract<AppealCommand, { type: 'FileAppeal' }>> = {}): AppealCommand => ({
  type: 'FileAppeal',
  departmentId: 'jt',
  issueId: 'I2',
  deadlineId: 'I2#1',
  reason: '通知未送达',
  attachments: ['att-001'],
  at: at(when),
  ...change,
});
const decision = (
  outcome: 'upheld' | 'overturned',
  when = '2026-05-27T15:00:00+08:00',
): Extract<AppealCommand, { type: 'DecideAppeal' }> => ({
  type: 'DecideAppeal',
  outcome,
  reason: '经复核，派单未送达',
  at: at(when),
});

/** given(events) / when(command) / then(events or the code it is refused with). */
function when(given: AppealEvent[], command: AppealCommand, context = contextWith()): AppealEvent[] | string {
  try {
    return decideAppeal(command, foldAppeal(given), context);
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}
const filed = decideAppeal(file('2026-05-20T10:00:00+08:00'), null, contextWith());
const appealAfter = (events: AppealEvent[]) => foldAppeal(events) as Appeal;

describe(decideAppeal.name, () => {
  it('files an appeal of a missed deadline, linked to its deduction, with the reason and attachments', () => {
    expect(filed).toEqual([
      {
        type: 'AppealFiled',
        data: {
          appealId: 'appeal:I2#1',
          departmentId: 'jt',
          issueId: 'I2',
          deadlineId: 'I2#1',
          due: '2026-05-14T16:00:00.000Z',
          lastDay: '2026-05-14',
          entryId: 'missed:I2#1',
          deductedPoints: -3,
          reason: '通知未送达',
          attachments: ['att-001'],
          at: '2026-05-20T02:00:00.000Z',
        },
      },
    ]);
  });

  it('takes an appeal until the end of the 5th working day after the due instant’s date, and not at that end', () => {
    // Fri May 15 does not count: May 18, 19, 20, 21, 22 → the period ends May 23 00:00.
    expect(when([], file('2026-05-22T23:59:59+08:00'))).toHaveLength(1);
    expect(when([], file('2026-05-23T00:00:00+08:00'))).toBe('APPEAL.OUT_OF_TIME');
    const calendarDays = PolicyBook.of(resolvePolicy({ appealPeriod: { count: 2, unit: 'calendarDays' } }));
    // 2 calendar days after May 15 end on Sun May 17, a day off: the period runs to the end of Mon May 18.
    expect(when([], file('2026-05-18T23:00:00+08:00'), contextWith(missed, deduction, calendarDays))).toHaveLength(1);
    expect(when([], file('2026-05-19T00:00:00+08:00'), contextWith(missed, deduction, calendarDays))).toBe('APPEAL.OUT_OF_TIME');
  });

  it('refuses an appeal of something that is not a missed deadline of the department', () => {
    expect(when([], file('2026-05-20T10:00:00+08:00', { deadlineId: 'I2#9' }))).toBe('APPEAL.NO_SUCH_DEADLINE');
    const met = { ...missed, outcome: 'met' as const, settledAt: at('2026-05-13T10:00:00+08:00') };
    expect(when([], file('2026-05-20T10:00:00+08:00'), contextWith(met, null))).toBe('APPEAL.NOT_FEEDBACK_MISSED');
    expect(when([], file('2026-05-20T10:00:00+08:00'), contextWith({ ...missed, outcome: 'pending' }, null))).toBe(
      'APPEAL.NOT_FEEDBACK_MISSED',
    );
    expect(when([], file('2026-05-20T10:00:00+08:00', { departmentId: 'cg' }))).toBe('APPEAL.NOT_OWN_DEADLINE');
  });

  it('refuses a second appeal, an appeal without a reason and a bad attachment reference', () => {
    expect(when(filed, file('2026-05-21T10:00:00+08:00'))).toBe('APPEAL.ALREADY_FILED');
    expect(when([], file('2026-05-20T10:00:00+08:00', { reason: '  ' }))).toBe('APPEAL.REASON_REQUIRED');
    expect(when([], file('2026-05-20T10:00:00+08:00', { attachments: ['a', ''] }))).toBe('APPEAL.INVALID_ATTACHMENT');
    expect(when([], file('2026-05-20T10:00:00+08:00', { attachments: ['a', 'a'] }))).toBe('APPEAL.INVALID_ATTACHMENT');
  });

  it('decides an open appeal once, with a reason; a decision on a closed appeal is refused', () => {
    const overturned = when(filed, decision('overturned'));
    expect(overturned).toEqual([
      { type: 'AppealOverturned', data: { appealId: 'appeal:I2#1', reason: '经复核，派单未送达', at: '2026-05-27T07:00:00.000Z' } },
    ]);
    const upheld = when(filed, decision('upheld')) as AppealEvent[];
    expect(upheld[0].type).toBe('AppealUpheld');
    expect(when([...filed, ...upheld], decision('overturned'))).toBe('APPEAL.CLOSED');
    expect(when([...filed, ...(overturned as AppealEvent[])], decision('upheld'))).toBe('APPEAL.CLOSED');
    expect(when([], decision('upheld'))).toBe('APPEAL.NOT_FOUND');
    expect(when(filed, { ...decision('upheld'), reason: '' })).toBe('APPEAL.REASON_REQUIRED');
    expect(when(filed, { ...decision('upheld'), outcome: 'granted' as 'upheld' })).toBe('APPEAL.UNKNOWN_OUTCOME');
  });
});

describe(overturnEntryOf.name, () => {
  it('gives the deduction back at the decision, in the deduction’s year, linked to the appeal', () => {
    const appeal = appealAfter([...filed, ...decideAppeal(decision('overturned'), appealAfter(filed), contextWith())]);
    expect(overturnEntryOf(appeal)).toEqual({
      entryId: 'overturned:I2#1',
      departmentId: 'jt',
      year: 2026,
      at: at('2026-05-27T15:00:00+08:00'),
      points: 3,
      reason: 'deduction-overturned',
      issueId: 'I2',
      deadlineId: 'I2#1',
      appealId: 'appeal:I2#1',
      explanation: '经复核，派单未送达',
    });
  });

  it('books nothing for an upheld appeal, nor for an overturned one whose deadline booked no deduction', () => {
    const upheld = appealAfter([...filed, ...decideAppeal(decision('upheld'), appealAfter(filed), contextWith())]);
    expect(overturnEntryOf(upheld)).toBeUndefined();
    const unbooked = decideAppeal(file('2026-05-20T10:00:00+08:00'), null, contextWith(missed, null));
    const overturned = appealAfter([...unbooked, ...decideAppeal(decision('overturned'), appealAfter(unbooked), contextWith())]);
    expect(overturned.status).toBe('overturned');
    expect(overturnEntryOf(overturned)).toBeUndefined();
  });
});

describe(appealsAtReconciliation.name, () => {
  const YEAR_END = at('2027-01-01T00:30:00+08:00');
  const decided = (events: AppealEvent[], outcome: 'upheld' | 'overturned', when: string): AppealState =>
    foldAppeal([...events, ...decideAppeal(decision(outcome, when), foldAppeal(events), contextWith())]);

  it('lists the year’s appeals still open, and books the overturns decided by then', () => {
    const december = { ...missed, deadlineId: 'I2#2', due: at('2026-12-29T00:00:00+08:00'), lastDay: '2026-12-28' };
    const late = decideAppeal(
      file('2026-12-30T10:00:00+08:00', { deadlineId: 'I2#2' }),
      null,
      contextWith(december, { ...deduction, entryId: 'missed:I2#2', deadlineId: 'I2#2' }),
    );
    const appeals = [
      decided(filed, 'overturned', '2026-05-27T15:00:00+08:00'),
      decided(late, 'upheld', '2027-01-04T10:00:00+08:00'),
    ] as Appeal[];
    const { entries, overturned, open } = appealsAtReconciliation(appeals, 2026, YEAR_END);
    expect(entries.map((e) => [e.entryId, e.points])).toEqual([['overturned:I2#1', 3]]);
    expect([...overturned]).toEqual(['I2#1']);
    expect(open).toEqual([
      {
        appealId: 'appeal:I2#2',
        departmentId: 'jt',
        issueId: 'I2',
        deadlineId: 'I2#2',
        due: '2026-12-28T16:00:00.000Z',
        filedAt: '2026-12-30T02:00:00.000Z',
      },
    ]);
    // Run again after the decision, the appeal is no longer open; another year lists none of 2026's.
    expect(appealsAtReconciliation(appeals, 2026, at('2027-01-05T00:00:00+08:00')).open).toEqual([]);
    expect(appealsAtReconciliation(appeals, 2027, YEAR_END)).toMatchObject({ entries: [], open: [] });
  });
});
