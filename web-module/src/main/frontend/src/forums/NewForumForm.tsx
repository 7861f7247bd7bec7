import { useId, useState, type FormEvent } from 'react';
import type { Forum, Label } from '../api/types';
import { LabelPicker } from '../common/LabelPicker';
import { hasProblems, labelProblems, OPEN_FLOOR } from '../common/labelRules';
import { FormProblemMessage, TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';
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
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [label, setLabel] = useState<Label>(OPEN_FLOOR);
  const { problem, busy, submit } = useFormSubmit(FIELDS);

  const create = (event?: FormEvent) => {
    event?.preventDefault();
    void submit(
      () => {
        const fields: Record<string, string> = {};
        if (name.trim() === '') fields.name = 'Give the forum a name.';
        else if (name.trim().length > 100) fields.name = 'At most 100 characters.';
        if (description.length > 2000) fields.description = 'At most 2,000 characters.';
        return Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, OPEN_FLOOR)) ? fields : null;
      },
      async () => onCreated(await api.createForum({ name: name.trim(), description: description.trim(), label })),
    );
  };

  return (
    <form className="composer" onSubmit={create} aria-labelledby={`${id}-heading`} data-testid="new-forum-form">
      <h2 id={`${id}-heading`} className="composer__heading">
        New forum
      </h2>
      <TextField label="Name" value={name} onChange={setName} maxLength={100} error={problem.fields.name} testId="forum-name" autoFocus />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        rows={3}
        error={problem.fields.description}
        testId="forum-description"
      />
      <LabelPicker
        value={label}
        onChange={setLabel}
        floor={OPEN_FLOOR}
        legend="Forum label"
        errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
      />
      <FormProblemMessage message={problem.general} />
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
