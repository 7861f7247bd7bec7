import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Article, WorkflowStep } from '../api/articleTypes';
import { moveArticle } from '../api/articlesClient';
import { formProblem } from '../common/formProblem';
import { FormProblemMessage } from '../common/TextField';
import { useSession } from '../shell/SessionContext';
import { articlePath } from './ArticleBadges';
import { MAX_COMMENT } from './articleRules';

interface StepSpec {
  /** The name in `actions`. */
  action: string;
  step: WorkflowStep;
  label: string;
  /** What happens, said before it happens. */
  explain: string;
  comment: 'required' | 'optional';
  commentLabel: string;
  danger?: boolean;
}

/** The workflow steps, in the order they are offered. Only those the server lists in `actions` are shown. */
export const STEPS: readonly StepSpec[] = [
  {
    action: 'submit',
    step: 'submit',
    label: 'Submit for review',
    explain: 'A moderator who is not the author reviews it, then publishes it or sends it back with a comment.',
    comment: 'optional',
    commentLabel: 'Note for the reviewer (optional)',
  },
  {
    action: 'withdraw',
    step: 'withdraw',
    label: 'Withdraw from review',
    explain: 'The article goes back to draft; you can edit it and submit it again.',
    comment: 'optional',
    commentLabel: 'Why (optional)',
  },
  {
    action: 'publish',
    step: 'publish',
    label: 'Publish',
    explain: 'Everyone who may read its label will see it in the knowledge base and in search.',
    comment: 'optional',
    commentLabel: 'Review note (optional)',
  },
  {
    action: 'sendBack',
    step: 'send-back',
    label: 'Send back to the author',
    explain: 'The article goes back to draft with your comment, shown prominently to the author.',
    comment: 'required',
    commentLabel: 'What should change (required)',
    danger: true,
  },
  {
    action: 'retire',
    step: 'retire',
    label: 'Retire',
    explain: 'The article stays readable for reference, marked as retired with your reason. It cannot be edited or published again.',
    comment: 'required',
    commentLabel: 'Reason for retiring (required, shown to readers)',
    danger: true,
  },
];

function StepForm({ spec, article, onDone, onCancel }: { spec: StepSpec; article: Article; onDone: (a: Article) => void; onCancel: () => void }) {
  const { api } = useSession();
  const id = useId();
  const [comment, setComment] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = comment.trim();
    if (spec.comment === 'required' && trimmed === '') {
      setFieldError(spec.action === 'retire' ? 'Give a reason: readers see it on the retired article.' : 'Write a comment for the author.');
      return;
    }
    if (trimmed.length > MAX_COMMENT) {
      setFieldError(`At most ${MAX_COMMENT} characters.`);
      return;
    }
    setBusy(true);
    setFieldError(null);
    setGeneral(null);
    try {
      onDone(await moveArticle(api, article.id, spec.step, trimmed));
    } catch (error) {
      const problem = formProblem(error, ['comment']);
      setFieldError(problem.fields.comment ?? null);
      setGeneral(problem.general);
      setBusy(false);
    }
  };

  return (
    <form
      className={`confirm article-step${spec.danger ? ' article-step--danger' : ''}`}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-heading`}
      data-testid={`step-form-${spec.action}`}
    >
      <h2 id={`${id}-heading`} className="article-step__heading">
        {spec.label}?
      </h2>
      <p>{spec.explain}</p>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{spec.commentLabel}</label>
        <textarea
          id={`${id}-comment`}
          className="input"
          rows={3}
          value={comment}
          maxLength={MAX_COMMENT}
          aria-required={spec.comment === 'required' || undefined}
          onChange={(e) => setComment(e.currentTarget.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          data-testid="step-comment"
          autoFocus
        />
        {fieldError && (
          <p id={`${id}-error`} className="field__error" data-testid="step-comment-error">
            {fieldError}
          </p>
        )}
      </div>
      <FormProblemMessage message={general} />
      <div className="composer__actions">
        <button
          type="submit"
          className={`button button--small ${spec.danger ? 'button--danger' : 'button--primary'}`}
          disabled={busy}
          data-testid="step-confirm"
        >
          {busy ? 'Working…' : spec.label}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel} data-testid="step-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}

export interface ArticleActionsProps {
  article: Article;
  onChanged: (article: Article, message: string) => void;
}

/**
 * The workflow buttons: exactly the actions the server lists for the caller (`actions`), each
 * asking for confirmation (and a comment where one is required) before it is sent. A refusal
 * (403 with the reason, 409 naming the current status) is shown as the server phrased it.
 */
export function ArticleActions({ article, onChanged }: ArticleActionsProps) {
  const [open, setOpen] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const steps = STEPS.filter((s) => article.actions.includes(s.action));
  const canEdit = article.actions.includes('edit');
  if (!canEdit && steps.length === 0) return null;
  const spec = steps.find((s) => s.action === open);

  const close = () => {
    const action = open;
    setOpen(null);
    if (action) queueMicrotask(() => buttons.current.get(action)?.focus());
  };

  return (
    <div className="article-actions" data-testid="article-actions">
      <div className="article-actions__buttons" role="group" aria-label="Article actions">
        {canEdit && (
          <Link className="button button--secondary button--small" to={articlePath(article.id, '/edit')} data-testid="action-edit">
            Edit
          </Link>
        )}
        {steps.map((s) => (
          <button
            key={s.action}
            ref={(el) => {
              if (el) buttons.current.set(s.action, el);
              else buttons.current.delete(s.action);
            }}
            type="button"
            className={`button button--small ${s.danger ? 'button--danger' : s.action === 'publish' || s.action === 'submit' ? 'button--primary' : 'button--secondary'}`}
            aria-expanded={open === s.action}
            onClick={() => setOpen(open === s.action ? null : s.action)}
            data-testid={`action-${s.action}`}
          >
            {s.label}
          </button>
        ))}
      </div>
      {spec && (
        <StepForm
          key={spec.action}
          spec={spec}
          article={article}
          onCancel={close}
          onDone={(updated) => {
            setOpen(null);
            onChanged(updated, doneText(spec.action));
          }}
        />
      )}
    </div>
  );
}

function doneText(action: string): string {
  switch (action) {
    case 'submit':
      return 'Submitted for review.';
    case 'withdraw':
      return 'Withdrawn: the article is a draft again.';
    case 'publish':
      return 'Published.';
    case 'sendBack':
      return 'Sent back to the author with your comment.';
    case 'retire':
      return 'Retired: the article stays readable for reference.';
    default:
      return 'Done.';
  }
}
