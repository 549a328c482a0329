import { EpochMs, utcDateAndClock } from './instant';
import { addDays, LocalDate } from './local-date';

/**
 * Local dates and midnights in an IANA zone, computed with the ICU data that ships with Node.
 * Asia/Shanghai has had no daylight saving since 1991, but nothing here assumes that.
 */
export class TimeZone {
  private readonly parts: Intl.DateTimeFormat;
  /** Offsets by quarter hour: every zone's transitions fall on quarter hours, and Intl is slow. */
  private readonly offsets = new Map<number, number>();
  /** The offset of a whole UTC day, by day number; null for a day with a transition (its quarters are asked). */
  private readonly dayOffsets = new Map<number, number | null>();
  private lastLocalDate = { at: Number.NaN, date: '' };
  /** Local midnights read on the UTC clock, by date: a year of instants falls on a few hundred dates. */
  private readonly midnights = new Map<LocalDate, number>();

  constructor(readonly name: string) {
    try {
      this.parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`unknown time zone "${name}"`);
    }
  }

  /** Offset east of UTC, in minutes, at this instant. */
  offsetMinutes(at: EpochMs): number {
    const day = Math.floor(at / DAY_MS);
    let dayOffset = this.dayOffsets.get(day);
    if (dayOffset === undefined) {
      // A UTC day whose two ends have one offset keeps it throughout: transitions in the tz database are months apart.
      const start = this.quarterOffset(day * QUARTER_HOURS_PER_DAY);
      dayOffset = start === this.quarterOffset((day + 1) * QUARTER_HOURS_PER_DAY) ? start : null;
      this.dayOffsets.set(day, dayOffset);
    }
    return dayOffset ?? this.quarterOffset(Math.floor(at / QUARTER_HOUR_MS));
  }

  private quarterOffset(quarter: number): number {
    let offset = this.offsets.get(quarter);
    if (offset === undefined) {
      const start = quarter * QUARTER_HOUR_MS;
      const fields = this.fields(start);
      const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
      offset = Math.round((asUtc - start) / 60_000);
      this.offsets.set(quarter, offset);
    }
    return offset;
  }

  localDate(at: EpochMs): LocalDate {
    if (at !== this.lastLocalDate.at) this.lastLocalDate = { at, date: utcDateAndClock(this.wallClock(at)).date };
    return this.lastLocalDate.date;
  }

  /** The first instant of a local date (its 00:00). */
  startOfDay(date: LocalDate): EpochMs {
    return this.atLocalTime(date, 0, 0);
  }

  /** The instant of a local wall-clock time on a date; offsets are re-checked once for zones with transitions. */
  atLocalTime(date: LocalDate, hour: number, minute: number): EpochMs {
    let midnight = this.midnights.get(date);
    if (midnight === undefined) {
      const [y, m, d] = date.split('-').map(Number);
      midnight = Date.UTC(y, m - 1, d);
      this.midnights.set(date, midnight);
    }
    const wallAsUtc = midnight + (hour * 60 + minute) * 60_000;
    let guess = wallAsUtc - this.offsetMinutes(wallAsUtc) * 60_000;
    guess = wallAsUtc - this.offsetMinutes(guess) * 60_000;
    return guess;
  }

  /** The instant that ends a local date: 24:00, the first instant of the next day. */
  endOfDay(date: LocalDate): EpochMs {
    return this.startOfDay(addDays(date, 1));
  }

  /** `2026-03-07T00:00:00+08:00`: seconds, no fractions, explicit offset (scenarios/FORMAT.md). */
  format(at: EpochMs): string {
    const offset = this.offsetMinutes(at);
    const sign = offset >= 0 ? '+' : '-';
    const abs = Math.abs(offset);
    const wall = utcDateAndClock(this.wallClock(at));
    return `${wall.date}T${wall.clock}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  /** The local wall-clock time, read on the UTC clock. */
  private wallClock(at: EpochMs): EpochMs {
    return at + this.offsetMinutes(at) * 60_000;
  }

  private fields(at: EpochMs) {
    const values: Record<string, number> = {};
    for (const part of this.parts.formatToParts(new Date(at))) {
      if (part.type !== 'literal') values[part.type] = Number(part.value);
    }
    return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
  }
}

const QUARTER_HOUR_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const QUARTER_HOURS_PER_DAY = DAY_MS / QUARTER_HOUR_MS;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export const SHANGHAI = new TimeZone('Asia/Shanghai');
