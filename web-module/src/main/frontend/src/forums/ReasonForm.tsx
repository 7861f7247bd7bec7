import { useId, useState, type FormEvent } from 'react';
import { formProblem, NO_PROBLEM, type FormProblem } from '../common/formProblem';

export interface ReasonFormProps {
  /** What the moderator is about to do, e.g. "Lock thread"; also the submit button's text. */
  action: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
  testId?: string;
}

/** Asks a moderator for the (required, audited) reason of a moderation action. */
export function ReasonForm({ action, onSubmit, onCancel, testId = 'reason-form' }: ReasonFormProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    if (trimmed === '') {
      setProblem({ fields: { reason: 'A reason is required; it is recorded in the audit trail.' }, general: null });
      return;
    }
    if (trimmed.length > 500) {
      setProblem({ fields: { reason: 'At most 500 characters.' }, general: null });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      await onSubmit(trimmed);
    } catch (error) {
      setProblem(formProblem(error, ['reason']));
      setBusy(false);
    }
  };

  return (
    <form className="reason-form" onSubmit={(e) => void submit(e)} aria-label={action} data-testid={testId}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason ({action.toLowerCase()})</label>
        <input
          id={`${id}-reason`}
          className="input"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.currentTarget.value)}
          aria-invalid={problem.fields.reason ? true : undefined}
          aria-describedby={problem.fields.reason ? `${id}-error` : undefined}
          data-testid="reason-input"
          autoFocus
        />
        {problem.fields.reason && (
          <p id={`${id}-error`} className="field__error">
            {problem.fields.reason}
          </p>
        )}
      </div>
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy} data-testid="reason-submit">
          {action}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
