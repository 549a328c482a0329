import { EpochMs } from '../time/instant';
import { addDays, LocalDate } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { WorkingDayCalendar } from './working-day-calendar';

export type PeriodUnit = 'workingDays' | 'calendarDays';

export interface Period {
  count: number;
  unit: PeriodUnit;
}

export interface Due {
  /** The first instant that is late: 24:00 of the period's last day. */
  due: EpochMs;
  /** The period's last day, whose year a missed deadline is booked to. */
  lastDay: LocalDate;
  /** True when a day counted lies in a year whose official schedule is not published yet. */
  provisional: boolean;
}

/** Longest run of days off in any official schedule is 9 (Spring Festival 2026); this bounds a broken calendar. */
const MAX_DAYS_SCANNED_PER_WORKING_DAY = 40;

/**
 * RULES.md §3: count N days strictly after the local date of `start` (the starting day never counts,
 * Civil Code art. 201); the deadline is the end of the N-th day, 24:00 (art. 203). A period of calendar days
 * whose N-th day is not a working day runs to the end of the next working day (art. 203).
 */
export function periodDue(start: EpochMs, period: Period, calendar: WorkingDayCalendar, zone: TimeZone): Due {
  const startDate = zone.localDate(start);
  const { lastDay, provisional } =
    period.unit === 'calendarDays'
      ? calendar.memo(`${startDate}+${period.count}d`, () => countCalendarDays(startDate, period.count, calendar))
      : calendar.memo(`${startDate}+${period.count}`, () => countWorkingDays(startDate, period.count, calendar));
  return { due: zone.endOfDay(lastDay), lastDay, provisional };
}

/** Plain days; only the N-th day and any rest days after it ask the calendar, so only they can make it provisional. */
function countCalendarDays(
  startDate: LocalDate,
  count: number,
  calendar: WorkingDayCalendar,
): { lastDay: LocalDate; provisional: boolean } {
  let day = addDays(startDate, count);
  let provisional = false;
  for (let scanned = 0; ; scanned += 1) {
    const calendarDay = calendar.day(day);
    if (!calendarDay.known) provisional = true;
    if (calendarDay.working) return { lastDay: day, provisional };
    if (scanned > MAX_DAYS_SCANNED_PER_WORKING_DAY) throw new RangeError(`no working day found after ${day}: the calendar is broken`);
    day = addDays(day, 1);
  }
}

function countWorkingDays(startDate: LocalDate, count: number, calendar: WorkingDayCalendar): { lastDay: LocalDate; provisional: boolean } {
  let day = startDate;
  let counted = 0;
  let provisional = false;
  let scanned = 0;
  while (counted < count) {
    day = addDays(day, 1);
    const calendarDay = calendar.day(day);
    if (!calendarDay.known) provisional = true;
    if (calendarDay.working) counted += 1;
    scanned += 1;
    if (scanned > count * MAX_DAYS_SCANNED_PER_WORKING_DAY) {
      throw new RangeError(`no ${count} working days found after ${startDate}: the calendar is broken`);
    }
  }
  return { lastDay: day, provisional };
}
