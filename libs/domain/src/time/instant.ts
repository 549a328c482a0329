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

let lastParsedIso = '';
let lastParsedMs = Number.NaN;

/** Reads an instant this code wrote itself (an event field made by toIso): no checks, as it is on every fold. */
export function instantOf(iso: IsoInstant): EpochMs {
  if (iso !== lastParsedIso) {
    lastParsedMs = Date.parse(iso);
    lastParsedIso = iso;
  }
  return lastParsedMs;
}

// One command's events all carry its instant: remembering the last conversion saves most of them.
let lastMs = Number.NaN;
let lastIso = '';

export function toIso(ms: EpochMs): IsoInstant {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
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
