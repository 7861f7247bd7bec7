import { useId, useState, type FormEvent } from 'react';
import { SEVERITIES, type Incident, type IncidentAccess, type Label, type Severity } from '../api/types';
import { LabelPicker } from '../common/LabelPicker';
import { hasProblems, labelProblems, OPEN_FLOOR } from '../common/labelRules';
import { FormProblemMessage, TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';
import { useSession } from '../shell/SessionContext';
import { severityText } from './IncidentBadges';

const FIELDS = ['title', 'summary', 'severity', 'access', 'label.classification', 'label.releasableTo'] as const;

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 4000;

export interface NewIncidentFormProps {
  onCreated: (incident: Incident) => void;
  onCancel: () => void;
}

/** "New incident": title, summary, severity, a label the creator may assign, and who may read it. */
export function NewIncidentForm({ onCreated, onCancel }: NewIncidentFormProps) {
  const { api, me } = useSession();
  const id = useId();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<Severity>('MEDIUM');
  const [label, setLabel] = useState<Label>(OPEN_FLOOR);
  const [access, setAccess] = useState<IncidentAccess>('MEMBERS');
  const { problem, busy, submit } = useFormSubmit(FIELDS);

  const create = (event?: FormEvent) => {
    event?.preventDefault();
    void submit(
      () => {
        const fields: Record<string, string> = {};
        if (title.trim() === '') fields.title = 'Give the incident a title.';
        else if (title.trim().length > MAX_TITLE) fields.title = `At most ${MAX_TITLE} characters.`;
        if (summary.length > MAX_SUMMARY) fields.summary = `At most ${MAX_SUMMARY.toLocaleString('en')} characters.`;
        return Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, OPEN_FLOOR)) ? fields : null;
      },
      async () => onCreated(await api.createIncident({ title: title.trim(), summary: summary.trim(), severity, label, access })),
    );
  };

  return (
    <form className="composer" onSubmit={create} aria-labelledby={`${id}-heading`} data-testid="new-incident-form">
      <h2 id={`${id}-heading`} className="composer__heading">
        New incident
      </h2>
      <TextField label="Title" value={title} onChange={setTitle} maxLength={MAX_TITLE} error={problem.fields.title} testId="incident-title" autoFocus />
      <TextField
        label="Summary"
        value={summary}
        onChange={setSummary}
        rows={4}
        error={problem.fields.summary}
        hint="What happened, what is affected, what is known so far."
        testId="incident-summary"
      />
      <div className="new-incident__row">
        <div className="field">
          <label htmlFor={`${id}-severity`}>Severity</label>
          <select
            id={`${id}-severity`}
            className="input"
            value={severity}
            onChange={(e) => setSeverity(SEVERITIES.find((s) => s === e.currentTarget.value) ?? 'MEDIUM')}
            aria-invalid={problem.fields.severity ? true : undefined}
            data-testid="incident-severity"
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityText(s)}
              </option>
            ))}
          </select>
          {problem.fields.severity && <p className="field__error">{problem.fields.severity}</p>}
        </div>
        <fieldset className="field new-incident__access">
          <legend>Who may read it</legend>
          <label className="toggle">
            <input type="radio" name={`${id}-access`} checked={access === 'MEMBERS'} onChange={() => setAccess('MEMBERS')} data-testid="incident-access-members" />
            Members only
          </label>
          <label className="toggle">
            <input type="radio" name={`${id}-access`} checked={access === 'CLEARED'} onChange={() => setAccess('CLEARED')} data-testid="incident-access-cleared" />
            Everyone cleared for its label (they may join)
          </label>
          {problem.fields.access && <p className="field__error">{problem.fields.access}</p>}
        </fieldset>
      </div>
      <LabelPicker
        value={label}
        onChange={setLabel}
        floor={OPEN_FLOOR}
        legend="Incident label"
        errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
      />
      <FormProblemMessage message={problem.general} />
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="composer-submit">
          {busy ? 'Creating…' : 'Open incident room'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
