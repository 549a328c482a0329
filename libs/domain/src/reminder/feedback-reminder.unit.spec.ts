import { periodDue } from '../calendar/period';
import { FeedbackDeadline } from '../issue/issue.state';
import { PolicyBook, resolvePolicy } from '../policy/policy';
import { at, testContext } from '../testing/issue-fixtures';
import { SHANGHAI } from '../time/time-zone';
import { feedbackReminderAt, feedbackReminderFor, ReminderContext } from './feedback-reminder';

const context: ReminderContext = testContext;
const withPolicy = (overrides: unknown): ReminderContext => ({ ...context, policy: PolicyBook.of(resolvePolicy(overrides)) });

/** A feedback deadline set at `whistle` under the context's feedback period, as the issue decider sets it. */
function deadline(whistle: string, ctx: ReminderContext = context, change: Partial<FeedbackDeadline> = {}): FeedbackDeadline {
  const startedAt = at(whistle);
  const { due, lastDay, provisional } = periodDue(startedAt, ctx.policy.at(startedAt).feedback, ctx.calendar, SHANGHAI);
  return { deadlineId: 'I1#1', departmentId: 'cg', cause: 'whistle', startedAt, due, lastDay, provisional, outcome: 'pending', ...change };
}
const reminderOf = (whistle: string, ctx: ReminderContext = context) => {
  const reminder = feedbackReminderAt(deadline(whistle, ctx), ctx);
  return reminder && SHANGHAI.format(reminder.at);
};

describe(feedbackReminderAt.name, () => {
  it('reminds at 09:00 on the last working day before the due instant: the deadline’s last day', () => {
    // Whistle Tue Mar 3 → Mar 4, 5, 6 → due Mar 7 00:00.
    expect(reminderOf('2026-03-03T09:00:00+08:00')).toBe('2026-03-06T09:00:00+08:00');
  });

  it('falls on a makeup Saturday before the Spring Festival break (2026: Sat Feb 14 worked, Feb 15–23 off)', () => {
    // Whistle Wed Feb 11 → Feb 12, 13, Sat Feb 14 → due Feb 15 00:00.
    expect(reminderOf('2026-02-11T10:00:00+08:00')).toBe('2026-02-14T09:00:00+08:00');
  });

  it('counts back across the holiday to the makeup Saturday when policy asks for earlier reminders', () => {
    // Whistle Fri Feb 13 → Sat Feb 14, [Feb 15–23], Tue Feb 24, Wed Feb 25 → due Feb 26 00:00.
    expect(reminderOf('2026-02-13T10:00:00+08:00')).toBe('2026-02-25T09:00:00+08:00');
    expect(reminderOf('2026-02-13T10:00:00+08:00', withPolicy({ reminder: { workingDaysBefore: 2 } }))).toBe('2026-02-24T09:00:00+08:00');
    expect(reminderOf('2026-02-13T10:00:00+08:00', withPolicy({ reminder: { workingDaysBefore: 3 } }))).toBe('2026-02-14T09:00:00+08:00');
  });

  it('falls on the makeup Sunday before the Mid-Autumn break and after the National Day break', () => {
    // Whistle Thu Sep 17 → Fri 18, Sun Sep 20 (worked), Mon 21 → due Sep 22 00:00; two working days before: Sun Sep 20.
    expect(reminderOf('2026-09-17T10:00:00+08:00', withPolicy({ reminder: { workingDaysBefore: 2 } }))).toBe('2026-09-20T09:00:00+08:00');
    // Whistle Tue Sep 29 16:00 → Sep 30, [Oct 1–7], Oct 8, Oct 9 → due Oct 10 00:00 (RULES.md §3's example).
    expect(reminderOf('2026-09-29T16:00:00+08:00')).toBe('2026-10-09T09:00:00+08:00');
    expect(reminderOf('2026-09-29T16:00:00+08:00', withPolicy({ reminder: { workingDaysBefore: 3 } }))).toBe('2026-09-30T09:00:00+08:00');
  });

  it('follows a calendar-day period run on to the next working day, and the policy’s hour', () => {
    // 3 calendar days from Fri Feb 13 end on Mon Feb 16, a holiday: the period runs to the end of Tue Feb 24.
    const ctx = withPolicy({ feedback: { unit: 'calendarDays' }, reminder: { hour: 16, minute: 30 } });
    expect(reminderOf('2026-02-13T10:00:00+08:00', ctx)).toBe('2026-02-24T16:30:00+08:00');
  });

  it('gives none when the instant is not after the deadline was set', () => {
    // Whistle Fri Feb 13 10:00; the fourth working day before its due is Feb 13 itself, and 09:00 has passed.
    expect(reminderOf('2026-02-13T10:00:00+08:00', withPolicy({ reminder: { workingDaysBefore: 4 } }))).toBeUndefined();
  });

  it('is provisional when a day it scans lies in a year not published yet', () => {
    // Whistle Wed Dec 30 → Dec 31, (2027: Jan 1 元旦, weekend), Jan 4, Jan 5 → due Jan 6 00:00, reminder Jan 5 09:00.
    const reminder = feedbackReminderAt(deadline('2026-12-30T10:00:00+08:00'), context);
    expect(reminder).toEqual({ at: at('2027-01-05T09:00:00+08:00'), day: '2027-01-05', provisional: true });
  });
});

describe(feedbackReminderFor.name, () => {
  const whistle = '2026-03-03T09:00:00+08:00';

  it('reminds a department that still owes feedback, or that answers only at or after the reminder', () => {
    expect(feedbackReminderFor(deadline(whistle), context)?.at).toBe(at('2026-03-06T09:00:00+08:00'));
    const metAtReminder = deadline(whistle, context, { outcome: 'met', settledAt: at('2026-03-06T09:00:00+08:00') });
    expect(feedbackReminderFor(metAtReminder, context)).toBeDefined();
    const missed = deadline(whistle, context, { outcome: 'missed', settledAt: at('2026-03-07T00:00:00+08:00') });
    expect(feedbackReminderFor(missed, context)).toBeDefined();
  });

  it('gives none when the deadline was met or cancelled first', () => {
    const met = deadline(whistle, context, { outcome: 'met', settledAt: at('2026-03-06T08:59:00+08:00') });
    expect(feedbackReminderFor(met, context)).toBeUndefined();
    const cancelled = deadline(whistle, context, { outcome: 'cancelled', settledAt: at('2026-03-05T10:00:00+08:00') });
    expect(feedbackReminderFor(cancelled, context)).toBeUndefined();
  });
});
