import officialSchedules from 'chinese-days/dist/chinese-days.json';
import { DomainError } from '../shared/domain-error';
import { isLocalDate, LocalDate, dayOfWeek, yearOf } from '../time/local-date';
import { CALENDAR_YEARS, statutoryRestDays } from './statutory-rest-days';

/**
 * One year's official holiday arrangement (国务院办公厅关于…部分节假日安排的通知):
 * the days off, and the weekend days that are worked instead (调休).
 */
export interface YearSchedule {
  year: number;
  holidays: LocalDate[];
  workdays: LocalDate[];
  /** Where the schedule comes from, e.g. the notice's document number. */
  source?: string;
}

export interface CalendarDay {
  working: boolean;
  /** False when the day's year has no published schedule: its answer is the statutory rest days' (provisional). */
  known: boolean;
}

/** The years a published schedule may be given for, and the first the engine carries (RULES.md §3, FORMAT.md). */
export const SCHEDULE_YEARS = { first: 2004, last: 2099 } as const;

// The statutory rest days of each year asked about, computed once: they depend on the year alone.
const restDaysOfYear = new Map<number, ReadonlySet<LocalDate>>();

function statutoryRestDaysOf(year: number): ReadonlySet<LocalDate> {
  let days = restDaysOfYear.get(year);
  if (days === undefined) {
    days = new Set(statutoryRestDays(year));
    restDaysOfYear.set(year, days);
  }
  return days;
}

/** The working-day calendar of mainland China. Immutable: loading a year gives a new calendar. */
export class WorkingDayCalendar {
  /** Answers computed from this (immutable) calendar, so each is computed once. */
  private readonly answers = new Map<string, { lastDay: LocalDate; provisional: boolean }>();

  private constructor(
    private readonly holidays: ReadonlySet<LocalDate>,
    private readonly workdays: ReadonlySet<LocalDate>,
    private readonly publishedYears: ReadonlySet<number>,
  ) {}

  static empty(): WorkingDayCalendar {
    return new WorkingDayCalendar(new Set(), new Set(), new Set());
  }

  /**
   * Every year published in the `chinese-days` package (2004 to the newest notice it carries).
   * A year counts as published when the package lists at least one holiday in it.
   */
  static official(): WorkingDayCalendar {
    const holidays = Object.keys(officialSchedules.holidays);
    const workdays = Object.keys(officialSchedules.workdays);
    const years = new Set(holidays.map(yearOf));
    return new WorkingDayCalendar(new Set(holidays), new Set(workdays), years);
  }

  withYear(schedule: YearSchedule): WorkingDayCalendar {
    const problems = validateYearSchedule(schedule);
    if (problems.length > 0) {
      throw new DomainError('CALENDAR.INVALID_SCHEDULE', `schedule for ${schedule.year}: ${problems.join('; ')}`);
    }
    const holidays = new Set([...this.holidays].filter((d) => yearOf(d) !== schedule.year));
    const workdays = new Set([...this.workdays].filter((d) => yearOf(d) !== schedule.year));
    schedule.holidays.forEach((d) => holidays.add(d));
    schedule.workdays.forEach((d) => workdays.add(d));
    return new WorkingDayCalendar(holidays, workdays, new Set([...this.publishedYears, schedule.year]));
  }

  memo(key: string, compute: () => { lastDay: LocalDate; provisional: boolean }): { lastDay: LocalDate; provisional: boolean } {
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = compute();
      this.answers.set(key, answer);
    }
    return answer;
  }

  isPublished(year: number): boolean {
    return this.publishedYears.has(year);
  }

  get years(): number[] {
    return [...this.publishedYears].sort((a, b) => a - b);
  }

  /**
   * A published year follows its schedule. A year not published yet is counted with the rest days the law fixes
   * (weekends, statutory holidays, 补假) and no adjusted working days; its answers are provisional.
   */
  day(date: LocalDate): CalendarDay {
    const year = yearOf(date);
    if (year < CALENDAR_YEARS.first || year > CALENDAR_YEARS.last) {
      throw new DomainError(
        'CALENDAR.YEAR_OUT_OF_RANGE',
        `${date} is outside the working-day calendar, which covers ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}`,
      );
    }
    const weekday = dayOfWeek(date);
    const weekend = weekday === 0 || weekday === 6;
    if (!this.publishedYears.has(year)) return { working: !weekend && !statutoryRestDaysOf(year).has(date), known: false };
    if (this.holidays.has(date)) return { working: false, known: true };
    if (this.workdays.has(date)) return { working: true, known: true };
    return { working: !weekend, known: true };
  }

  scheduleOf(year: number): YearSchedule | undefined {
    if (!this.publishedYears.has(year)) return undefined;
    const inYear = (d: LocalDate) => yearOf(d) === year;
    return {
      year,
      holidays: [...this.holidays].filter(inYear).sort(),
      workdays: [...this.workdays].filter(inYear).sort(),
    };
  }
}

/** What is wrong with a year schedule, one error per fault, each naming its field (`holidays.2`, `workdays`, `year`). */
export function scheduleProblems(schedule: YearSchedule): DomainError[] {
  const problem = (field: string, reason: string) => new DomainError('CALENDAR.INVALID_SCHEDULE', reason, field);
  if (!Number.isInteger(schedule.year) || schedule.year < SCHEDULE_YEARS.first || schedule.year > SCHEDULE_YEARS.last) {
    return [problem('year', `year must be a whole number from ${SCHEDULE_YEARS.first} to ${SCHEDULE_YEARS.last}`)];
  }
  const problems: DomainError[] = [];
  for (const field of ['holidays', 'workdays'] as const) {
    const dates = schedule[field];
    if (!Array.isArray(dates)) {
      problems.push(problem(field, `${field} must be a list of dates`));
      continue;
    }
    dates.forEach((d, i) => {
      if (!isLocalDate(d)) problems.push(problem(`${field}.${i}`, `${field}[${i}] "${String(d)}" is not a date YYYY-MM-DD`));
      else if (yearOf(d) !== schedule.year) problems.push(problem(`${field}.${i}`, `${field}[${i}] ${d} is not in ${schedule.year}`));
    });
  }
  if (problems.length === 0) {
    const holidays = new Set(schedule.holidays);
    schedule.workdays
      .filter((d) => holidays.has(d))
      .forEach((d) => problems.push(problem('workdays', `${d} is both a holiday and a working day`)));
    schedule.workdays
      .filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
      .forEach((d) => problems.push(problem('workdays', `working day ${d} is not a weekend day, so it cannot be an adjusted working day`)));
  }
  return problems;
}

/** The reasons of scheduleProblems, for callers that report faults as text. */
export function validateYearSchedule(schedule: YearSchedule): string[] {
  return scheduleProblems(schedule).map((p) => p.message);
}
