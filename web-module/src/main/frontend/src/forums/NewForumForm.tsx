import { useId, useRef, useState, type FormEvent } from 'react';
import type { Forum, Label } from '../api/types';
import { formProblem, NO_PROBLEM, type FormProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { hasProblems, labelProblems, OPEN_FLOOR } from '../common/labelRules';
import { useSession } from '../shell/SessionContext';

const FIELDS = ['name', 'description', 'label.classification', 'label.releasableTo'] as const;

export interface NewForumFormProps {
  onCreated: (forum: Forum) => void;
  onCancel: () => void;
}

/** "New forum" for moderators: name, description and the forum's label. */
export function NewForumForm({ onCreated, onCancel }: NewForumFormProps) {
  const { api, me } = useSession();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [label, setLabel] = useState<Label>(OPEN_FLOOR);
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (name.trim() === '') fields.name = 'Give the forum a name.';
    else if (name.trim().length > 100) fields.name = 'At most 100 characters.';
    if (description.length > 2000) fields.description = 'At most 2,000 characters.';
    if (Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, OPEN_FLOOR))) {
      setProblem({ fields, general: null });
      return;
    }
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      onCreated(await api.createForum({ name: name.trim(), description: description.trim(), label }));
    } catch (error) {
      setProblem(formProblem(error, FIELDS));
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="composer" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`} data-testid="new-forum-form">
      <h2 id={`${id}-heading`} className="composer__heading">
        New forum
      </h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.currentTarget.value)}
          aria-invalid={problem.fields.name ? true : undefined}
          aria-describedby={problem.fields.name ? `${id}-name-error` : undefined}
          data-testid="forum-name"
          autoFocus
        />
        {problem.fields.name && (
          <p id={`${id}-name-error`} className="field__error">
            {problem.fields.name}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          className="input"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          aria-invalid={problem.fields.description ? true : undefined}
          data-testid="forum-description"
        />
        {problem.fields.description && <p className="field__error">{problem.fields.description}</p>}
      </div>
      <LabelPicker
        value={label}
        onChange={setLabel}
        floor={OPEN_FLOOR}
        legend="Forum label"
        errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
      />
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="composer-submit">
          {busy ? 'Creating…' : 'Create forum'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
