import { useEffect, useState } from 'react';
import { formatDuration, formatInstant } from '../format/format';
import { t } from '../i18n/dictionary';

function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The API's due instant and the time left until it, counted down every second (display only: the API decides what is due). */
export function Countdown({ due, provisional = false }: { due: string | null | undefined; provisional?: boolean }) {
  const now = useNow();
  if (due === null || due === undefined) return <>—</>;
  const left = Date.parse(due) - now;
  return (
    <span className="due">
      <time dateTime={due}>{formatInstant(due)}</time>
      {provisional && <span className="muted small">{t.common.provisional}</span>}
      <span className={`countdown${left < 0 ? ' overdue' : ''}`} data-testid="countdown">
        {left < 0 ? t.work.overdueBy(formatDuration(-left)) : t.work.timeLeft(formatDuration(left))}
      </span>
    </span>
  );
}
