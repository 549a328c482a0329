/** A civil date, `YYYY-MM-DD`, with no time zone attached. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A year of deadlines touches a few hundred distinct dates millions of times: both directions are memoised.
const msOfDate = new Map<LocalDate, number>();
const dateOfMs = new Map<number, LocalDate>();

function toUtcMs(date: LocalDate): number {
  const known = msOfDate.get(date);
  if (known !== undefined) return known;
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date of the form YYYY-MM-DD`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (fromUtcMs(ms) !== date) throw new RangeError(`"${date}" is not a real calendar date`);
  msOfDate.set(date, ms);
  return ms;
}

function fromUtcMs(ms: number): LocalDate {
  let date = dateOfMs.get(ms);
  if (date === undefined) {
    date = new Date(ms).toISOString().slice(0, 10);
    dateOfMs.set(ms, date);
  }
  return date;
}

const DAY_MS = 86_400_000;

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  // By its digits: every deadline event asks, and slicing made a string each time.
  let year = 0;
  for (let i = 0; i < 4; i += 1) {
    const digit = date.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9) || date[4] !== '-') return Number(date.slice(0, 4));
    year = year * 10 + digit;
  }
  return year;
}

export function isLocalDate(text: unknown): text is LocalDate {
  if (typeof text !== 'string' || !LOCAL_DATE.test(text)) return false;
  try {
    toUtcMs(text);
    return true;
  } catch {
    return false;
  }
}
