import { useId, type ReactNode } from 'react';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A message from the browser's check or the server, shown under the field. */
  error?: string | undefined;
  hint?: ReactNode;
  testId: string;
  maxLength?: number;
  /** A textarea with this many rows instead of a one-line input. */
  rows?: number;
  autoFocus?: boolean;
  autoComplete?: string;
  placeholder?: string;
}

/**
 * A labelled input (or textarea) with its hint and error wired for assistive technology:
 * `aria-invalid` while there is an error, `aria-describedby` pointing at hint and error.
 * The error's test id is `<testId>-error`.
 */
export function TextField({ label, value, onChange, error, hint, testId, maxLength, rows, autoFocus, autoComplete, placeholder }: TextFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    className: 'input',
    value,
    maxLength,
    autoFocus,
    autoComplete,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The general problem of a form (409, 413, 429, network…), announced when it appears. */
export function FormProblemMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-problem" role="alert" data-testid="form-problem">
      {message}
    </p>
  );
}
