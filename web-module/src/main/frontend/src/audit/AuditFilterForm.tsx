import { useEffect, useId, useState, type FormEvent } from 'react';
import { type AuditFilters, instantToLocalInput, localInputToInstant, NO_FILTERS } from './auditSearch';

/** What the inputs hold: text as typed, times as `datetime-local` values in local time. */
interface Draft {
  actor: string;
  action: string;
  object: string;
  from: string;
  to: string;
}

function draftOf(filters: AuditFilters): Draft {
  return {
    actor: filters.actor,
    action: filters.action,
    object: filters.object,
    from: instantToLocalInput(filters.from),
    to: instantToLocalInput(filters.to),
  };
}

export interface AuditFilterFormProps {
  /** The filters in force (from the address); the form shows them and follows their changes. */
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
}

/**
 * The audit filters. A plain form: Enter in any field applies it, every input has a visible
 * label, and a problem with the time range is announced and tied to its field.
 */
export function AuditFilterForm({ filters, onApply, onClear }: AuditFilterFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const [rangeError, setRangeError] = useState<string | null>(null);
  const id = useId();
  const errorId = `${id}-range-error`;

  // Back/forward, a shared link or "Clear" change the filters from outside: show them.
  useEffect(() => {
    setDraft(draftOf(filters));
    setRangeError(null);
  }, [filters]);

  const field = (key: keyof Draft) => ({
    id: `${id}-${key}`,
    name: key,
    value: draft[key],
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const { value } = event.currentTarget;
      setDraft((previous) => ({ ...previous, [key]: value }));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const from = localInputToInstant(draft.from);
    const to = localInputToInstant(draft.to);
    if (from === undefined || to === undefined) {
      setRangeError('Enter complete dates and times, or leave them empty.');
      return;
    }
    if (from && to && Date.parse(from) > Date.parse(to)) {
      setRangeError('“From” must not be later than “To”.');
      return;
    }
    setRangeError(null);
    onApply({ actor: draft.actor.trim(), action: draft.action.trim(), object: draft.object.trim(), from, to });
  };

  const clear = () => {
    // Also when the address has no filters (nothing would change there): empty what was typed.
    setDraft(draftOf(NO_FILTERS));
    setRangeError(null);
    onClear();
  };

  const rangeProps = (key: 'from' | 'to') => ({
    'aria-describedby': rangeError ? `${errorId} ${id}-${key}-hint` : `${id}-${key}-hint`,
    ...(rangeError ? { 'aria-invalid': true } : {}),
  });

  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Filter the audit trail" data-testid="audit-filters">
      <div className="filters__fields">
        <div className="field">
          <label htmlFor={`${id}-actor`}>Actor</label>
          <input
            {...field('actor')}
            type="text"
            className="input"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-actor-hint`}
            data-testid="audit-filter-actor"
          />
          <span id={`${id}-actor-hint`} className="field__hint">
            Exact username
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-action`}>Action</label>
          <input
            {...field('action')}
            type="text"
            className="input"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-action-hint`}
            data-testid="audit-filter-action"
          />
          <span id={`${id}-action-hint`} className="field__hint">
            Name or dotted prefix, e.g. <code>identity.</code>
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-object`}>Object</label>
          <input
            {...field('object')}
            type="text"
            className="input"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-object-hint`}
            data-testid="audit-filter-object"
          />
          <span id={`${id}-object-hint`} className="field__hint">
            Object type or id
          </span>
        </div>
        <div className="field field--time">
          <label htmlFor={`${id}-from`}>From</label>
          <input
            {...field('from')}
            {...rangeProps('from')}
            type="datetime-local"
            step={1}
            className="input"
            data-testid="audit-filter-from"
          />
          <span id={`${id}-from-hint`} className="field__hint">
            From this time on
          </span>
        </div>
        <div className="field field--time">
          <label htmlFor={`${id}-to`}>To</label>
          <input
            {...field('to')}
            {...rangeProps('to')}
            type="datetime-local"
            step={1}
            className="input"
            data-testid="audit-filter-to"
          />
          <span id={`${id}-to-hint`} className="field__hint">
            Before this time
          </span>
        </div>
      </div>
      {rangeError && (
        <p id={errorId} className="field__error" role="alert" data-testid="audit-filter-error">
          {rangeError}
        </p>
      )}
      <p className="filters__note">Times are in your time zone; the address keeps them in UTC.</p>
      <div className="filters__actions">
        <button type="submit" className="button button--primary" data-testid="audit-filter-apply">
          Apply filters
        </button>
        <button type="button" className="button button--secondary" onClick={clear} data-testid="audit-filter-clear">
          Clear
        </button>
      </div>
    </form>
  );
}
