import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { addDays, dayOfWeek, LocalDate } from '../time/local-date';

/** The years the lunar and solar-term tables of chinese-days cover and the engine accepts (RULES.md §3). */
export const CALENDAR_YEARS = { first: 2004, last: 2100 } as const;

const pad = (n: number) => String(n).padStart(2, '0');
const lunar = (year: number, month: number, day: number): LocalDate => getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
const isWeekend = (date: LocalDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

/**
 * The holidays that 《全国年节及纪念日放假办法》 (as revised in 2024, in force from 2025) fixes for a solar year:
 * 元旦 Jan 1; 春节 lunar New Year's Eve and lunar 1–3 of the first month; 清明 the Qingming solar term; 劳动节 May 1–2;
 * 端午 lunar 5/5; 中秋 lunar 8/15; 国庆 Oct 1–3. A lunar year's Eve and New Year fall in January or February, so
 * the lunar holidays of solar year Y are those of lunar year Y.
 */
export function statutoryHolidays(year: number): LocalDate[] {
  const newYear = lunar(year, 1, 1);
  const dates = [
    `${year}-01-01`,
    addDays(newYear, -1),
    newYear,
    addDays(newYear, 1),
    addDays(newYear, 2),
    getSolarTermDate(year, 4, 'pure_brightness'),
    `${year}-05-01`,
    `${year}-05-02`,
    lunar(year, 5, 5),
    lunar(year, 8, 15),
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
  return [...new Set(dates)].sort();
}

/**
 * The rest days a year has by law before its schedule is published, weekends aside: its statutory holidays, and
 * for each holiday on a Saturday or Sunday, in date order, the next weekday that is neither a holiday nor already
 * such a rest day (补假: "适逢周六、周日，应当在工作日补假"). A date two holidays share counts once.
 */
export function statutoryRestDays(year: number): LocalDate[] {
  const holidays = statutoryHolidays(year);
  const rest = new Set(holidays);
  for (const holiday of holidays) {
    if (!isWeekend(holiday)) continue;
    let day = addDays(holiday, 1);
    while (isWeekend(day) || rest.has(day)) day = addDays(day, 1);
    rest.add(day);
  }
  return [...rest].sort();
}
