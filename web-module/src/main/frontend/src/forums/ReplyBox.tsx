import { useId, useRef, useState, type FormEvent, type Ref } from 'react';
import type { Label, Post, Thread } from '../api/types';
import { formProblem, MAX_POST_BYTES, NO_PROBLEM, utf8Bytes, type FormProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, hasProblems, labelProblems, sameLabel } from '../common/labelRules';
import { formatMarking } from '../common/marking';
import { useSession } from '../shell/SessionContext';
import { MarkdownField } from './MarkdownField';

const FIELDS = ['body', 'label.classification', 'label.releasableTo', 'replyTo'] as const;

export interface ReplyBoxProps {
  thread: Thread;
  /** The post being answered, or null for a reply to the thread. */
  replyTo: Post | null;
  onClearReplyTo: () => void;
  onPosted: (post: Post) => void;
  textareaRef: Ref<HTMLTextAreaElement>;
}

/**
 * The reply composer at the foot of a thread. The label defaults to the thread's and may be
 * raised; what was typed survives every refusal (409 locked, 413 too large, 429 too fast, 400).
 */
export function ReplyBox({ thread, replyTo, onClearReplyTo, onPosted, textareaRef }: ReplyBoxProps) {
  const { api, me } = useSession();
  const id = useId();
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<Label>(() => defaultLabel(thread.label));
  const [choosingLabel, setChoosingLabel] = useState(false);
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busyRef.current) return;
    if (body.trim() === '') return setProblem({ fields: { body: 'Write something first.' }, general: null });
    if (utf8Bytes(body) > MAX_POST_BYTES) return setProblem({ fields: { body: 'Too long: posts are limited to 64 KiB.' }, general: null });
    if (hasProblems(labelProblems(label, me, thread.label))) return setChoosingLabel(true);
    busyRef.current = true;
    setBusy(true);
    setProblem(NO_PROBLEM);
    try {
      const post = await api.createPost(thread.id, {
        body,
        ...(sameLabel(label, thread.label) ? {} : { label }),
        ...(replyTo ? { replyTo: replyTo.id } : {}),
      });
      setBody('');
      setLabel(defaultLabel(thread.label));
      setChoosingLabel(false);
      onPosted(post);
    } catch (error) {
      const next = formProblem(error, FIELDS);
      if (next.fields['label.classification'] || next.fields['label.releasableTo']) setChoosingLabel(true);
      if (next.fields.replyTo) next.general = `The post you are replying to: ${next.fields.replyTo}`;
      setProblem(next);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  return (
    <form className="composer reply-box" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`} data-testid="reply-box">
      <h2 id={`${id}-heading`} className="composer__heading">
        Reply
      </h2>
      {replyTo && (
        <p className="reply-box__to" data-testid="reply-to">
          Replying to {replyTo.author.displayName}{' '}
          <button type="button" className="link-button" onClick={onClearReplyTo} data-testid="reply-to-clear">
            Reply to the thread instead
          </button>
        </p>
      )}
      <MarkdownField
        label="Your reply"
        value={body}
        onChange={setBody}
        onSubmitShortcut={() => void submit()}
        error={problem.fields.body}
        testId="composer-body"
        textareaRef={textareaRef}
        rows={6}
      />
      <p className="reply-box__label">
        Label: <strong data-testid="reply-marking">{formatMarking(label)}</strong>{' '}
        <button
          type="button"
          className="link-button"
          aria-expanded={choosingLabel}
          onClick={() => setChoosingLabel((v) => !v)}
          data-testid="reply-label-toggle"
        >
          {choosingLabel ? 'Hide label choice' : 'Change label'}
        </button>
      </p>
      {choosingLabel && (
        <LabelPicker
          value={label}
          onChange={setLabel}
          floor={thread.label}
          legend="Reply label"
          errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
        />
      )}
      {problem.general && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem.general}
        </p>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="composer-submit">
          {busy ? 'Posting…' : 'Post reply'}
        </button>
      </div>
    </form>
  );
}
