import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Post } from '../api/types';
import { formProblem, MAX_POST_BYTES, NO_PROBLEM, utf8Bytes, type FormProblem } from '../common/formProblem';
import { useSession } from '../shell/SessionContext';
import { MarkdownField } from './MarkdownField';

/** Edits a post's body in place; a refusal keeps the edited text. */
export function PostEditForm({ post, onSaved, onCancel }: { post: Post; onSaved: (post: Post) => void; onCancel: () => void }) {
  const { api } = useSession();
  const [body, setBody] = useState(post.body);
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textRef.current?.focus(), []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (body.trim() === '') return setProblem({ fields: { body: 'A post cannot be empty; delete it instead.' }, general: null });
    if (utf8Bytes(body) > MAX_POST_BYTES) return setProblem({ fields: { body: 'Too long: posts are limited to 64 KiB.' }, general: null });
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      onSaved(await api.editPost(post.id, { body }));
    } catch (error) {
      setProblem(formProblem(error, ['body']));
      setBusy(false);
    }
  };

  return (
    <form className="post-edit" onSubmit={(e) => void submit(e)} aria-label="Edit post" data-testid="post-edit-form">
      <MarkdownField
        label="Edit post"
        value={body}
        onChange={setBody}
        onSubmitShortcut={() => void submit()}
        error={problem.fields.body}
        testId="post-edit-body"
        textareaRef={textRef}
      />
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy} data-testid="post-edit-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
