import { useId } from 'react';
import { t } from '../i18n/dictionary';

export function YearPicker({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{t.common.year}</label>
      <input id={id} type="number" min={2000} max={2100} value={year} onChange={(e) => onChange(Number(e.target.value))} />
    </span>
  );
}
