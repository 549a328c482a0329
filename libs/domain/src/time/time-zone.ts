import { EpochMs } from './instant';
import { addDays, LocalDate } from './local-date';

/**
 * Local dates and midnights in an IANA zone, computed with the ICU data that ships with Node.
 * Asia/Shanghai has had no daylight saving since 1991, but nothing here assumes that.
 */
export class TimeZone {
  private readonly parts: Intl.DateTimeFormat;

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
    const fields = this.fields(at);
    const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
  }

  localDate(at: EpochMs): LocalDate {
    const { year, month, day } = this.fields(at);
    return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  }

  /** The first instant of a local date (its 00:00). */
  startOfDay(date: LocalDate): EpochMs {
    return this.atLocalTime(date, 0, 0);
  }

  /** The instant of a local wall-clock time on a date; offsets are re-checked once for zones with transitions. */
  atLocalTime(date: LocalDate, hour: number, minute: number): EpochMs {
    const [y, m, d] = date.split('-').map(Number);
    const wallAsUtc = Date.UTC(y, m - 1, d, hour, minute);
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
    const f = this.fields(at);
    const offset = this.offsetMinutes(at);
    const sign = offset >= 0 ? '+' : '-';
    const abs = Math.abs(offset);
    return (
      `${String(f.year).padStart(4, '0')}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  private fields(at: EpochMs) {
    const values: Record<string, number> = {};
    for (const part of this.parts.formatToParts(new Date(at))) {
      if (part.type !== 'literal') values[part.type] = Number(part.value);
    }
    return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export const SHANGHAI = new TimeZone('Asia/Shanghai');
