import { useId } from 'react';
import { t } from '../i18n/dictionary';

/** A status filter that applies as soon as it is chosen (no separate search button on a phone). */
export function StatusSelect({
  value,
  options,
  onChange,
}: {
  value: string | undefined;
  options: Record<string, string>;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{t.common.status}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t.common.all}</option>
        {Object.entries(options).map(([option, label]) => (
          <option key={option} value={option}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}
