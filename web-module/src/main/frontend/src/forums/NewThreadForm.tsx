import { useId, useState, type FormEvent } from 'react';
import type { Forum, Label, Thread } from '../api/types';
import { MAX_POST_BYTES, utf8Bytes } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems } from '../common/labelRules';
import { FormProblemMessage, TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';
import { useSession } from '../shell/SessionContext';
import { MarkdownField } from './MarkdownField';
import { parseTags } from './tags';

const FIELDS = ['title', 'body', 'tags', 'label.classification', 'label.releasableTo'] as const;

export interface NewThreadFormProps {
  forum: Forum;
  onCreated: (thread: Thread) => void;
  onCancel: () => void;
}

/** The "New thread" composer: title, Markdown body, tags and a label at least the forum's. */
export function NewThreadForm({ forum, onCreated, onCancel }: NewThreadFormProps) {
  const { api, me } = useSession();
  const id = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tagText, setTagText] = useState('');
  const [label, setLabel] = useState<Label>(() => defaultLabel(forum.label));
  const { problem, busy, submit } = useFormSubmit(FIELDS);
  const trimmedTitle = title.trim();
  const tags = parseTags(tagText);

  const create = (event?: FormEvent) => {
    event?.preventDefault();
    void submit(
      () => {
        const fields: Record<string, string> = {};
        if (trimmedTitle === '') fields.title = 'Give the thread a title.';
        else if (trimmedTitle.length > 200) fields.title = 'At most 200 characters.';
        if (body.trim() === '') fields.body = 'Write the first post.';
        else if (utf8Bytes(body) > MAX_POST_BYTES) fields.body = 'Too long: posts are limited to 64 KiB.';
        if (tags.error) fields.tags = tags.error;
        return Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, forum.label)) ? fields : null;
      },
      async () => onCreated(await api.createThread(forum.id, { title: trimmedTitle, body, tags: tags.tags, label })),
    );
  };

  return (
    <form className="composer" onSubmit={create} aria-labelledby={`${id}-heading`} data-testid="new-thread-form">
      <h2 id={`${id}-heading`} className="composer__heading">
        New thread in {forum.name}
      </h2>
      <TextField
        label="Title"
        value={title}
        onChange={setTitle}
        maxLength={200}
        error={problem.fields.title}
        testId="composer-title"
        autoFocus
      />
      <MarkdownField
        label="First post"
        value={body}
        onChange={setBody}
        onSubmitShortcut={() => create()}
        error={problem.fields.body}
        testId="composer-body"
        rows={10}
      />
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          className="input"
          value={tagText}
          onChange={(e) => setTagText(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem.fields.tags ? true : undefined}
          aria-describedby={`${id}-tags-hint${problem.fields.tags ? ` ${id}-tags-error` : ''}`}
          data-testid="composer-tags"
        />
        <span id={`${id}-tags-hint`} className="field__hint">
          Up to 8, separated by commas or spaces, e.g. <code>phishing, t1566</code>
        </span>
        {problem.fields.tags && (
          <p id={`${id}-tags-error`} className="field__error" data-testid="composer-tags-error">
            {problem.fields.tags}
          </p>
        )}
      </div>
      <LabelPicker
        value={label}
        onChange={setLabel}
        floor={forum.label}
        legend="Thread label"
        errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
      />
      <FormProblemMessage message={problem.general} />
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="composer-submit">
          {busy ? 'Posting…' : 'Create thread'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
