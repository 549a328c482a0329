import { LOCALE, t } from '../i18n/dictionary';

const shanghai = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant from the API shown in Asia/Shanghai; display only, nothing is computed from it. */
export function formatInstant(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** The current year in Asia/Shanghai: only the default of a year picker. */
export function currentYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}

/** A rate with the counts it comes from, e.g. 80.0%（96/120）: never a rate without its denominator. */
export function formatRatio(ratio: { part: number; whole: number; rate: number | null }): string {
  return `${formatRate(ratio.rate)}（${ratio.part}/${ratio.whole}）`;
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD: only the default of a period picker. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A span of time as days and hh:mm:ss (a countdown's text). */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const clock = [Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${t.work.days(days)} ${clock}` : clock;
}
