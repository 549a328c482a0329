import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { FeedbackDeadline } from '../issue/issue.state';
import { PolicyBook } from '../policy/policy';
import { EpochMs } from '../time/instant';
import { addDays, LocalDate } from '../time/local-date';
import { TimeZone } from '../time/time-zone';

/** 督办提醒: when a department that still owes feedback is reminded of a deadline. */
export interface FeedbackReminder {
  at: EpochMs;
  /** The working day it falls on. */
  day: LocalDate;
  /** A day scanned lies in a year not published yet: recompute it with the deadline at publication. */
  provisional: boolean;
}

export interface ReminderContext {
  policy: PolicyBook;
  calendar: WorkingDayCalendar;
  zone: TimeZone;
}

/** The longest run of days off in any official schedule is 9; this bounds a broken calendar. */
const MAX_DAYS_SCANNED_PER_WORKING_DAY = 40;

/**
 * The reminder instant of a feedback deadline (policy `reminder`, in force when the deadline was set): the local time
 * on the N-th working day before its due instant, 09:00 on the last working day by default — the deadline's last day,
 * or, for a period that ends on a day off, the working day before it. None when that instant is not after the
 * deadline was set (a reminder is never in the past).
 */
export function feedbackReminderAt(
  deadline: Pick<FeedbackDeadline, 'startedAt' | 'due'>,
  context: ReminderContext,
): FeedbackReminder | undefined {
  const { workingDaysBefore, hour, minute } = context.policy.at(deadline.startedAt).reminder;
  let day = context.zone.localDate(deadline.due - 1);
  let provisional = false;
  for (let counted = 0, scanned = 0; ; day = addDays(day, -1), scanned += 1) {
    if (scanned > workingDaysBefore * MAX_DAYS_SCANNED_PER_WORKING_DAY) {
      throw new RangeError(`no ${workingDaysBefore} working days found before ${day}: the calendar is broken`);
    }
    const calendarDay = context.calendar.day(day);
    if (!calendarDay.known) provisional = true;
    if (calendarDay.working) counted += 1;
    if (counted === workingDaysBefore) break;
  }
  const at = context.zone.atLocalTime(day, hour, minute);
  return at > deadline.startedAt ? { at, day, provisional } : undefined;
}

/**
 * The reminder a deadline gets, if any: none when it was met or cancelled before the reminder instant. At the
 * instant itself the reminder comes first (timers fire before the acts of their instant).
 */
export function feedbackReminderFor(deadline: FeedbackDeadline, context: ReminderContext): FeedbackReminder | undefined {
  const reminder = feedbackReminderAt(deadline, context);
  if (reminder === undefined) return undefined;
  const settledFirst = deadline.outcome !== 'pending' && deadline.settledAt !== undefined && deadline.settledAt < reminder.at;
  return settledFirst ? undefined : reminder;
}
