import { useId, useRef, useState, type ReactNode } from 'react';
import type { Problem } from '../api/client';
import type { IssueCommandResult } from '../api/types';
import { useCommand } from '../api/use-command';
import { textFault, type FieldFault, type TextRule } from '../forms/validation';
import { t } from '../i18n/dictionary';
import { ProblemView } from './problem-view';

/** The text of a field's fault: the console's own check, else the API's reason for that field. */
export function faultText(fault: FieldFault | undefined, apiReason: string | undefined): string | undefined {
  if (fault?.kind === 'required') return t.work.required;
  if (fault?.kind === 'tooLong') return t.work.tooLong(fault.maxLength);
  if (fault?.kind === 'unstorable') return t.work.unstorable;
  if (fault?.kind === 'tooMany') return t.work.tooMany(fault.max);
  if (fault?.kind === 'notANumber') return t.work.notANumber;
  if (fault?.kind === 'notAnIssueId') return t.work.notAnIssueId(fault.value);
  return apiReason === undefined ? undefined : t.work.apiSays(apiReason);
}

/** A labelled text input or textarea, its fault shown under it and tied to it for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  error,
  multiline = false,
  hint,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  multiline?: boolean;
  hint?: string;
  /** A single-line input's kind: a date picker (YYYY-MM-DD) or a number (its text as typed). */
  type?: 'text' | 'date' | 'number';
}) {
  const id = useId();
  const described =
    [hint !== undefined ? `${id}-hint` : '', error !== undefined ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const control = {
    id,
    value,
    'aria-invalid': error !== undefined,
    'aria-describedby': described,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
  };
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...control} /> : <input type={type} {...(type === 'number' ? { step: 'any' } : {})} {...control} />}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span id={`${id}-error`} className="error field-error" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A labelled choice, its fault under it (the API's reason for that field). */
export function SelectField({
  label,
  value,
  onChange,
  options,
  empty,
  apiReason,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [value: string, label: string][];
  /** The first option's label, whose value is '' (nothing chosen). */
  empty: string;
  apiReason?: string;
}) {
  const id = useId();
  const error = faultText(undefined, apiReason);
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
      >
        <option value="">{empty}</option>
        {options.map(([option, optionLabel]) => (
          <option key={option} value={option}>
            {optionLabel}
          </option>
        ))}
      </select>
      {error !== undefined && (
        <span id={`${id}-error`} className="error field-error" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** A command's form: its fields, the API's refusal when it names no field of the form, send and cancel. */
export function CommandForm({
  submitLabel,
  command: { busy, problem },
  onSubmit,
  onCancel,
  children,
  testId,
}: {
  submitLabel: string;
  /** The command's state (useCommand): sending, or the API's refusal. */
  command: { busy: boolean; problem?: Problem };
  /** False when the console's own check found faults: the first faulty field gets the focus. */
  onSubmit: () => boolean | void;
  onCancel?: () => void;
  children?: ReactNode;
  testId?: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={form}
      className="command-form"
      noValidate
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        if (onSubmit() === false) requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      }}
    >
      {children}
      {problem !== undefined && <ProblemView problem={problem} title={t.work.refused} />}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t.work.sending : submitLabel}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t.work.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * A command with at most one text (a reason, a feedback's content, an urging's note) besides what the row fixes
 * (`fixed`: an appeal's deadline and outcome): a sentence saying what it does, then send.
 */
export function TextCommandForm<Result = IssueCommandResult>({
  path,
  submitLabel,
  explain,
  text,
  fixed = {},
  onDone,
  onCancel,
  testId,
}: {
  path: string;
  submitLabel: string;
  explain: string;
  text?: { field: string; label: string; rule: TextRule };
  fixed?: Record<string, unknown>;
  onDone: (result: Result) => void;
  onCancel: () => void;
  testId?: string;
}) {
  const [value, setValue] = useState('');
  const command = useCommand(text === undefined ? [] : [text.field]);
  const fault = text === undefined ? undefined : textFault(value, text.rule);
  const submit = () => {
    if (fault !== undefined) return false;
    const body = text === undefined || value === '' ? fixed : { ...fixed, [text.field]: value };
    void command.run<Result>(path, body).then((result) => result !== undefined && onDone(result));
  };
  return (
    <CommandForm testId={testId} submitLabel={submitLabel} command={command} onSubmit={submit} onCancel={onCancel}>
      <p className="muted">{explain}</p>
      {text !== undefined && (
        <TextField
          label={text.label}
          value={value}
          multiline
          hint={text.rule.required ? t.work.maxLength(text.rule.maxLength) : t.work.optional(text.rule.maxLength)}
          error={faultText(fault, command.fieldReasons[text.field])}
          onChange={setValue}
        />
      )}
    </CommandForm>
  );
}

/** What a command's form is given: leave without sending, or the API's answer once it accepted the command. */
export type FormHandlers<Result = IssueCommandResult> = { onCancel: () => void; onDone: (result: Result) => void };

/**
 * A row's commands as buttons; the one chosen opens its form under them (in the row's cell, or its card on a phone),
 * which closes when it is cancelled or done; `onDone` then hears which command it was.
 */
export function RowActions<Action extends string, Result = IssueCommandResult>({
  actions,
  label,
  onDone,
  form,
}: {
  actions: readonly Action[];
  label: (action: Action) => string;
  onDone: (label: string, result: Result) => void;
  form: (action: Action, handlers: FormHandlers<Result>) => ReactNode;
}) {
  const [open, setOpen] = useState<Action>();
  if (actions.length === 0) return <>—</>;
  return (
    <div className="row-actions">
      <div className="action-buttons">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className="secondary"
            aria-expanded={open === action}
            onClick={() => setOpen(open === action ? undefined : action)}
          >
            {label(action)}
          </button>
        ))}
      </div>
      {open !== undefined && (
        <div key={open}>
          {form(open, {
            onCancel: () => setOpen(undefined),
            onDone: (result) => {
              setOpen(undefined);
              onDone(label(open), result);
            },
          })}
        </div>
      )}
    </div>
  );
}
