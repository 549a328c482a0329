import { useId } from 'react';
import { t } from '../i18n/dictionary';

export type PeriodValue = { from: string; to: string };

/** Two dates, the ends of a period (inclusive); the API checks them and names the one at fault. */
export function PeriodPicker({ period, onChange }: { period: PeriodValue; onChange: (period: PeriodValue) => void }) {
  const fromId = useId();
  const toId = useId();
  return (
    <>
      <span className="field">
        <label htmlFor={fromId}>{t.period.from}</label>
        <input id={fromId} type="date" value={period.from} onChange={(e) => onChange({ ...period, from: e.target.value })} />
      </span>
      <span className="field">
        <label htmlFor={toId}>{t.period.to}</label>
        <input id={toId} type="date" value={period.to} onChange={(e) => onChange({ ...period, to: e.target.value })} />
      </span>
    </>
  );
}
