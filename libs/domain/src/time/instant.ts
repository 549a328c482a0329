/**
 * An instant on the time line, as epoch milliseconds. Domain code never reads a clock:
 * every instant arrives as data (an event's `at`, a command's `at`, a timer's due).
 */
export type EpochMs = number;

/** Instants inside events are ISO-8601 strings in UTC; they read the same in every audit trail. */
export type IsoInstant = string;

const OFFSET_REQUIRED = /(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string): EpochMs {
  if (!OFFSET_REQUIRED.test(text)) {
    throw new RangeError(`"${text}" has no UTC offset (write it like 2026-03-03T09:00:00+08:00)`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not an ISO-8601 instant`);
  return ms;
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
  return typeof text === 'string' && OFFSET_REQUIRED.test(text) && !Number.isNaN(Date.parse(text));
}
