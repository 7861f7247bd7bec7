import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Article, ArticleReference } from '../api/articleTypes';
import { createArticle, getArticle, updateArticle } from '../api/articlesClient';
import { ApiError } from '../api/problem';
import type { Label } from '../api/types';
import { formProblem } from '../common/formProblem';
import { LabelPicker } from '../common/LabelPicker';
import { defaultLabel, dominates, hasProblems, labelProblems, OPEN_FLOOR, sameLabel } from '../common/labelRules';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { FormProblemMessage, TextField } from '../common/TextField';
import { useFormSubmit } from '../common/useFormSubmit';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { articlePath } from './ArticleBadges';
import { BACK_TO_KB, isNotFound } from './ArticlePage';
import {
  bodyProblem,
  MAX_COMMENT,
  MAX_REFERENCES,
  MAX_SUMMARY,
  MAX_TITLE,
  referenceProblems,
  referencesToSend,
  type ReferenceRow,
} from './articleRules';
import { BodyField } from './BodyField';
import { ReferencesField } from './ReferencesField';
import { TagInput } from './TagInput';
import { useUnsavedChanges } from './useUnsavedChanges';
import './knowledge.css';

/** The server's field names the editor shows next to its inputs. */
const FIELDS: readonly string[] = [
  'title',
  'summary',
  'body',
  'tags',
  'references',
  'label.classification',
  'label.releasableTo',
  'comment',
  ...Array.from({ length: MAX_REFERENCES }, (_, i) => [`references[${i}].title`, `references[${i}].url`, `references[${i}]`]).flat(),
];

interface Fields {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  references: ArticleReference[];
  label: Label;
}

function fieldsOf(article: Article | null): Fields {
  if (!article) return { title: '', summary: '', body: '', tags: [], references: [], label: defaultLabel(OPEN_FLOOR) };
  return {
    title: article.title,
    summary: article.summary ?? '',
    body: article.body ?? '',
    tags: [...article.tags],
    references: article.references.map((r) => ({ ...r })),
    label: defaultLabel(article.label),
  };
}

function sameFields(a: Fields, b: Fields): boolean {
  return (
    a.title === b.title &&
    a.summary === b.summary &&
    a.body === b.body &&
    a.tags.join('\n') === b.tags.join('\n') &&
    JSON.stringify(referencesToSend(a.references)) === JSON.stringify(referencesToSend(b.references)) &&
    sameLabel(a.label, b.label)
  );
}

interface Conflict {
  message: string;
  /** The article as it is now on the server, once "Reload latest" fetched it. */
  latest: Article | null;
  loading: boolean;
  error: string | null;
}

/** The latest version side by side with what the person typed, after a 409. */
function LatestVersion({ latest }: { latest: Article }) {
  return (
    <details className="conflict__latest" open data-testid="conflict-latest">
      <summary>
        The latest version: revision {latest.revision}, updated <RelativeTime at={latest.updatedAt} />
      </summary>
      <dl className="conflict__fields">
        <dt>Title</dt>
        <dd>{latest.title}</dd>
        <dt>Summary</dt>
        <dd>{latest.summary || '—'}</dd>
        <dt>Tags</dt>
        <dd>{latest.tags.join(', ') || '—'}</dd>
        <dt>Marking</dt>
        <dd>{latest.marking}</dd>
      </dl>
      <pre className="conflict__body" tabIndex={0} aria-label="Body of the latest version" data-testid="conflict-latest-body">
        {latest.body ?? ''}
      </pre>
    </details>
  );
}

function Editor({ article }: { article: Article | null }) {
  const { api, me } = useSession();
  const navigate = useNavigate();
  const id = useId();
  const editing = article !== null;
  usePageTitle(editing ? `Edit: ${article.title}` : 'New article');
  const initial = useMemo(() => fieldsOf(article), [article]);
  const keys = useRef(0);
  const nextKey = () => ++keys.current;

  const [title, setTitle] = useState(initial.title);
  const [summary, setSummary] = useState(initial.summary);
  const [body, setBody] = useState(initial.body);
  const [tags, setTags] = useState(initial.tags);
  const [refs, setRefs] = useState<ReferenceRow[]>(() => initial.references.map((r) => ({ ...r, key: nextKey() })));
  const [label, setLabel] = useState<Label>(initial.label);
  const [comment, setComment] = useState('');
  // What the next save is based on: the revision opened, or the latest after "Reload latest".
  const [base, setBase] = useState<Article | null>(article);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const { problem, setProblem, busy, submit } = useFormSubmit(FIELDS);

  const current: Fields = { title, summary, body, tags, references: refs, label };
  const dirty = !saved && (!sameFields(current, initial) || comment.trim() !== '');
  useUnsavedChanges(dirty);

  const floor = base?.label ?? OPEN_FLOOR;
  const raised = editing && !sameLabel(label, article.label);

  const validate = () => {
    const fields: Record<string, string> = {};
    const t = title.trim();
    if (t === '') fields.title = 'Give the article a title.';
    else if (t.length > MAX_TITLE) fields.title = `At most ${MAX_TITLE} characters.`;
    if (summary.length > MAX_SUMMARY) fields.summary = `At most ${MAX_SUMMARY} characters.`;
    const tooLong = bodyProblem(body);
    if (tooLong) fields.body = tooLong;
    Object.assign(fields, referenceProblems(refs));
    if (comment.trim().length > MAX_COMMENT) fields.comment = `At most ${MAX_COMMENT} characters.`;
    return Object.keys(fields).length > 0 || hasProblems(labelProblems(label, me, floor)) ? fields : null;
  };

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    void submit(validate, async () => {
      const content = { title: title.trim(), summary: summary.trim(), body, tags, references: referencesToSend(refs), label };
      try {
        const result = base
          ? await updateArticle(api, base.id, { ...content, baseRevision: base.revision, ...(comment.trim() ? { comment: comment.trim() } : {}) })
          : await createArticle(api, content);
        setSaved(true);
        navigate(articlePath(result.id));
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          setConflict({ message: error.problem.detail || error.message, latest: null, loading: false, error: null });
          return;
        }
        throw error;
      }
    });
  };

  const reloadLatest = async () => {
    if (!base || !conflict) return;
    setConflict({ ...conflict, loading: true, error: null });
    try {
      const latest = await getArticle(api, base.id);
      setBase(latest);
      // The label may have been raised meanwhile: never offer less than the current one.
      if (!dominates(label, latest.label)) setLabel(defaultLabel(latest.label));
      setProblem({ fields: {}, general: null });
      setConflict({ ...conflict, latest, loading: false, error: null });
    } catch (error) {
      setConflict({ ...conflict, loading: false, error: formProblem(error, []).general });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      save();
    }
  };

  const cancelPath = article ? articlePath(article.id) : '/kb';
  const headingId = `${id}-heading`;

  return (
    <section className="page article-editor" aria-labelledby={headingId}>
      {editing && <MarkingBanner label={base?.label ?? article.label} />}
      <p className="breadcrumbs">
        <Link to="/kb">Knowledge base</Link> ›{' '}
        {article && (
          <>
            <Link to={articlePath(article.id)}>{article.title}</Link> ›
          </>
        )}
      </p>
      <h1 id={headingId}>{editing ? 'Edit article' : 'New article'}</h1>
      {editing && (
        <p className="lead">
          Editing revision {base?.revision}. Saving makes a new revision; the history keeps every earlier one.
          {article.status === 'PUBLISHED' && ' This article is published: your changes are visible to readers as soon as you save.'}
        </p>
      )}
      {!editing && <p className="lead">A new article starts as a draft. When it is ready, submit it: a moderator who is not you reviews and publishes it.</p>}
      {editing && article.reviewComment && (article.status === 'DRAFT' || article.status === 'IN_REVIEW') && (
        <div className="notice notice--review" role="note" data-testid="review-comment">
          <p>
            <strong>Sent back by {article.reviewComment.by?.displayName ?? 'a moderator'}:</strong>
          </p>
          <blockquote className="review-comment__text">{article.reviewComment.comment}</blockquote>
        </div>
      )}
      {conflict && (
        <div className="notice notice--danger conflict" role="alert" data-testid="conflict">
          <p className="conflict__message" data-testid="conflict-message">
            {conflict.message}
          </p>
          {conflict.latest ? (
            <p data-testid="conflict-reloaded">
              Your text is kept in the form below. Compare it with the latest version, reapply what you want to keep and save again: the save is now based on
              revision {conflict.latest.revision}.
            </p>
          ) : (
            <p>Your text is kept in the form below; nothing was saved.</p>
          )}
          <div className="composer__actions">
            {!conflict.latest && (
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => void reloadLatest()}
                disabled={conflict.loading}
                data-testid="conflict-reload"
              >
                {conflict.loading ? 'Loading…' : 'Reload latest'}
              </button>
            )}
            {conflict.latest && base && (
              <Link
                className="button button--secondary button--small"
                to={articlePath(base.id, `/diff?from=${article?.revision ?? 1}&to=${base.revision}`)}
                target="_blank"
                rel="noopener"
              >
                What changed meanwhile (opens a new tab)
              </Link>
            )}
            <button type="button" className="button button--secondary button--small" onClick={() => setConflict(null)}>
              Dismiss
            </button>
          </div>
          {conflict.error && <p className="field__error">{conflict.error}</p>}
          {conflict.latest && <LatestVersion latest={conflict.latest} />}
        </div>
      )}
      <form className="composer article-editor__form" onSubmit={save} onKeyDown={onKeyDown} noValidate data-testid="article-editor">
        <TextField label="Title" value={title} onChange={setTitle} maxLength={MAX_TITLE} error={problem.fields.title} testId="editor-title" autoFocus={!editing} />
        <TextField
          label="Summary"
          value={summary}
          onChange={setSummary}
          rows={3}
          maxLength={MAX_SUMMARY}
          error={problem.fields.summary}
          hint="One or two sentences: what this helps with, shown in lists and search."
          testId="editor-summary"
        />
        <BodyField
          value={body}
          onChange={setBody}
          onSubmitShortcut={() => save()}
          error={problem.fields.body}
          savedBody={base?.body}
          savedHtml={base?.html}
        />
        <TagInput tags={tags} onChange={setTags} error={problem.fields.tags} />
        <ReferencesField rows={refs} onChange={setRefs} errors={problem.fields} nextKey={nextKey} />
        <LabelPicker
          value={label}
          onChange={setLabel}
          floor={floor}
          legend={editing ? 'Label (may only be raised)' : 'Label'}
          errors={{ classification: problem.fields['label.classification'], releasableTo: problem.fields['label.releasableTo'] }}
        />
        {raised && (
          <p className="notice notice--warning" role="note" data-testid="label-raise-warning">
            Raising the label is permanent: it can never be lowered again, and readers below the new label will no longer see this article.
          </p>
        )}
        {editing && (
          <TextField
            label="Revision note (optional)"
            value={comment}
            onChange={setComment}
            maxLength={MAX_COMMENT}
            error={problem.fields.comment}
            hint="What you changed, shown in the history, e.g. “Added step 4”."
            testId="editor-comment"
          />
        )}
        <FormProblemMessage message={problem.general} />
        <div className="composer__actions">
          <button type="submit" className="button button--primary" disabled={busy} data-testid="editor-save">
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Save draft'}
          </button>
          <Link className="button button--secondary" to={cancelPath} data-testid="editor-cancel">
            Cancel
          </Link>
          <span className="field__hint">Ctrl+Enter saves.</span>
        </div>
      </form>
      {editing && <MarkingBanner label={base?.label ?? article.label} position="bottom" />}
    </section>
  );
}

/** `/kb/new`: a new draft. */
export function NewArticlePage() {
  return <Editor article={null} />;
}

/** `/kb/:articleId/edit`: edits the article, based on the revision opened. */
export function EditArticlePage() {
  const { api } = useSession();
  const { articleId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => getArticle(api, articleId, signal), [api, articleId]);
  const { state, reload } = useLoad(load);

  if (state.status === 'failed') {
    if (isNotFound(state.error)) return <NotAvailable backTo={BACK_TO_KB} />;
    return (
      <section className="page">
        <LoadError title="The article could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  if (state.data === undefined || state.data.id !== articleId) return <LoadingState message="Loading the article…" />;
  const article = state.data;
  if (!article.actions.includes('edit')) {
    return (
      <section className="page" aria-labelledby="page-heading">
        <MarkingBanner label={article.label} />
        <h1 id="page-heading">This article cannot be edited by you now</h1>
        <p data-testid="edit-not-allowed">
          {article.status === 'RETIRED'
            ? 'Retired articles are kept as they are.'
            : article.status === 'PUBLISHED'
              ? 'A published article is edited by a moderator who is not its author.'
              : 'Only its author and moderators edit a draft.'}
        </p>
        <p>
          <Link to={articlePath(article.id)}>Back to the article</Link>
        </p>
      </section>
    );
  }
  return <Editor key={article.id} article={article} />;
}
