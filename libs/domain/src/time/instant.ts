/**
 * An instant on the time line, as epoch milliseconds. Domain code never reads a clock:
 * every instant arrives as data (an event's `at`, a command's `at`, a timer's due).
 */
export type EpochMs = number;

/** Instants inside events are ISO-8601 strings in UTC; they read the same in every audit trail. */
export type IsoInstant = string;

const OFFSET_REQUIRED = /(Z|[+-]\d{2}:\d{2})$/;
/** ISO 8601 date and time with seconds optional, a fraction optional, and an offset required. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads an ISO 8601 instant with an offset. Strict where Date.parse is lenient: a day that does not exist
 * (2026-02-30) or the hour 24 is refused rather than rolled over into the next day.
 */
export function parseInstant(text: string): EpochMs {
  const written = canonicalInstant(text);
  if (written !== undefined) return written;
  if (!OFFSET_REQUIRED.test(text)) {
    throw new RangeError(`"${text}" has no UTC offset (write it like 2026-03-03T09:00:00+08:00)`);
  }
  const match = ISO_INSTANT.exec(text);
  if (!match) throw new RangeError(`"${text}" is not an ISO-8601 instant (write it like 2026-03-03T09:00:00+08:00)`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) throw new RangeError(`"${text}" names a day that does not exist`);
  if (hour > 23 || minute > 59 || second > 59)
    throw new RangeError(`"${text}" names a time of day that does not exist (00:00 to 23:59:59)`);
  if (offsetHours > 23 || offsetMinutes > 59) throw new RangeError(`"${text}" has an offset that does not exist`);
  return Date.parse(text);
}

const DAY_MS = 86_400_000;
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const twoDigits = (text: string, at: number) => {
  const tens = digit(text, at);
  const ones = digit(text, at + 1);
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
};

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12), as Date.UTC counts them. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : 30 + ((month + Math.floor(month / 8)) % 2);

/**
 * The two forms instants are mostly written in, read without a regular expression or Date.parse (a generated year has
 * millions): `YYYY-MM-DDTHH:MM:SS±HH:MM` (scenarios, the API) and toIso's `YYYY-MM-DDTHH:MM:SS.sssZ` (events).
 * Undefined for any other form or any field out of range, which the general reader then reads or refuses.
 */
function canonicalInstant(text: string): EpochMs | undefined {
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  let sign = 0;
  let offsetHours = 0;
  let offsetMinutes = 0;
  let millis = 0;
  if (text.length === 25 && text[22] === ':') {
    sign = text[19] === '+' ? 1 : text[19] === '-' ? -1 : 0;
    offsetHours = twoDigits(text, 20);
    offsetMinutes = twoDigits(text, 23);
  } else if (text.length === 24 && text[19] === '.' && text[23] === 'Z') {
    sign = 1;
    millis = twoDigits(text, 20) * 10 + digit(text, 22);
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const [month, day, hour, minute, second] = [twoDigits(text, 5), twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17)];
  const valid =
    sign !== 0 &&
    year >= 0 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59 &&
    millis >= 0 &&
    millis <= 999;
  if (!valid) return undefined;
  const wall = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

// The instants toIso wrote last, for toIso and instantOf both: a decision writes an instant into an event and the
// fold reads it straight back, and one command's events mostly carry the same few instants.
const RECENT = 4;
const recentMs: EpochMs[] = new Array<EpochMs>(RECENT).fill(Number.NaN);
const recentIso: IsoInstant[] = new Array<IsoInstant>(RECENT).fill('');
let recentNext = 0;

/** Reads an instant this code wrote itself (an event field made by toIso): no checks, as it is on every fold. */
export function instantOf(iso: IsoInstant): EpochMs {
  for (let i = 0; i < RECENT; i += 1) if (recentIso[i] === iso) return recentMs[i];
  // toIso's own form, `YYYY-MM-DDTHH:MM:SS.sssZ`, is read by its digits: Date.parse is several times slower.
  if (iso.length !== 24 || iso[23] !== 'Z' || iso[19] !== '.') return Date.parse(iso);
  const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
  const clock = (twoDigits(iso, 11) * 60 + twoDigits(iso, 14)) * 60 + twoDigits(iso, 17);
  const millis = digit(iso, 20) * 100 + twoDigits(iso, 21);
  return daysFromCivil(year, twoDigits(iso, 5), twoDigits(iso, 8)) * DAY_MS + clock * 1000 + millis;
}

/** `YYYY-MM-DD` of a UTC day number, by day: a year of instants falls on a few hundred days. */
const dateOfDay = new Map<number, string>();
const PADDED = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** 10000-01-01T00:00Z: Date's ISO form has six-digit years from there on. */
const YEAR_10000 = 253_402_300_800_000;

/** The date (`YYYY-MM-DD`) and the time of day (`HH:MM:SS`) of an instant read on the UTC clock. */
export function utcDateAndClock(ms: EpochMs): { date: string; clock: string; millis: number } {
  const day = Math.floor(ms / DAY_MS);
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateOfDay.set(day, date);
  }
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  return { date, clock: `${PADDED[(rest - minutes) / 60]}:${PADDED[minutes]}:${PADDED[seconds]}`, millis };
}

export function toIso(ms: EpochMs): IsoInstant {
  for (let i = 0; i < RECENT; i += 1) if (recentMs[i] === ms) return recentIso[i];
  // Built from its digits (Date's toISOString is several times slower); the rare instant before 1970 goes to Date.
  if (!(Number.isSafeInteger(ms) && ms >= 0 && ms < YEAR_10000)) return new Date(ms).toISOString();
  const { date, clock, millis } = utcDateAndClock(ms);
  const iso = `${date}T${clock}.${String(millis).padStart(3, '0')}Z`;
  recentMs[recentNext] = ms;
  recentIso[recentNext] = iso;
  recentNext = (recentNext + 1) % RECENT;
  return iso;
}

export function isIsoInstant(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}
