import { DomainError } from '../shared/domain-error';
import { EpochMs } from '../time/instant';
import { addDays, isLocalDate, LocalDate, yearOf } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';

/** A period a circular or a survey speaks of: whole local days, `from` to `to` inclusive. */
export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
}

/** The longest period a survey or circular may cover: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

/** A period as given by a caller, refused (naming the field) unless both ends are dates, in order, at most a year apart. */
export function reportPeriodOf(from: unknown, to: unknown): ReportPeriod {
  if (!isLocalDate(from)) throw new DomainError('PERIOD.INVALID_DATE', 'from must be a date YYYY-MM-DD', 'from');
  if (!isLocalDate(to)) throw new DomainError('PERIOD.INVALID_DATE', 'to must be a date YYYY-MM-DD', 'to');
  if (to < from) throw new DomainError('PERIOD.ENDS_BEFORE_START', `to ${to} is before from ${from}`, 'to');
  if (to >= addDays(from, MAX_PERIOD_DAYS)) {
    throw new DomainError('PERIOD.TOO_LONG', `a period covers at most ${MAX_PERIOD_DAYS} days`, 'to');
  }
  return { from, to };
}

/** The instants of a period: [start of `from`, start of the day after `to`) in the zone. */
export function periodBounds(period: ReportPeriod, zone: TimeZone): { start: EpochMs; end: EpochMs } {
  return { start: zone.startOfDay(period.from), end: zone.startOfDay(addDays(period.to, 1)) };
}

export const monthPeriod = (month: string): ReportPeriod => {
  const from = `${month}-01`;
  return { from, to: addDays(`${nextMonth(month)}-01`, -1) };
};

export const yearPeriod = (year: number): ReportPeriod => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** `YYYY-MM` of the month after. */
export function nextMonth(month: string): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  return monthOfYear === 12 ? `${year + 1}-01` : `${year}-${String(monthOfYear + 1).padStart(2, '0')}`;
}

/** `YYYY-MM` of the month before. */
export function previousMonth(month: string): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  return monthOfYear === 1 ? `${year - 1}-12` : `${year}-${String(monthOfYear - 1).padStart(2, '0')}`;
}

/** The year the ranking of a period is counted in: the year of its last day. */
export const rankingYearOf = (period: ReportPeriod): number => yearOf(period.to);

/** The first working day of a month (`YYYY-MM`), by the calendar as it stands. */
export function firstWorkingDayOf(month: string, calendar: WorkingDayCalendar): LocalDate {
  let date = `${month}-01`;
  while (!calendar.day(date).working) date = addDays(date, 1);
  return date;
}

/** Whether a period lies within another, ends included. */
export const periodWithin = (inner: ReportPeriod, outer: ReportPeriod): boolean => inner.from >= outer.from && inner.to <= outer.to;
