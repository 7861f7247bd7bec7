import { useId, useRef, useState, type FormEvent } from 'react';
import type { Forum, Label, Thread } from '../api/types';
import { formProblem, MAX_POST_BYTES, NO_PROBLEM, utf8Bytes, type FormProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems } from '../common/labelRules';
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
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busyRef.current) return;
    const fields: Record<string, string> = {};
    const trimmedTitle = title.trim();
    if (trimmedTitle === '') fields.title = 'Give the thread a title.';
    else if (trimmedTitle.length > 200) fields.title = 'At most 200 characters.';
    if (body.trim() === '') fields.body = 'Write the first post.';
    else if (utf8Bytes(body) > MAX_POST_BYTES) fields.body = 'Too long: posts are limited to 64 KiB.';
    const tags = parseTags(tagText);
    if (tags.error) fields.tags = tags.error;
    if (Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, forum.label))) {
      setProblem({ fields, general: null });
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      const thread = await api.createThread(forum.id, { title: trimmedTitle, body, tags: tags.tags, label });
      onCreated(thread);
    } catch (error) {
      setProblem(formProblem(error, FIELDS));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`} data-testid="new-thread-form">
      <h2 id={`${id}-heading`} className="composer__heading">
        New thread in {forum.name}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input
          id={`${id}-title`}
          className="input"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.currentTarget.value)}
          aria-invalid={problem.fields.title ? true : undefined}
          aria-describedby={problem.fields.title ? `${id}-title-error` : undefined}
          data-testid="composer-title"
          autoFocus
        />
        {problem.fields.title && (
          <p id={`${id}-title-error`} className="field__error" data-testid="composer-title-error">
            {problem.fields.title}
          </p>
        )}
      </div>
      <MarkdownField
        label="First post"
        value={body}
        onChange={setBody}
        onSubmitShortcut={() => void submit()}
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
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
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
