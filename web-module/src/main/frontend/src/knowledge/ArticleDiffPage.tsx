import { Fragment, useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Article, ArticleDiff, DiffField, DiffLine } from '../api/articleTypes';
import { getArticle, getArticleDiff } from '../api/articlesClient';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { articlePath } from './ArticleBadges';
import { BACK_TO_KB, isNotFound } from './ArticlePage';
import './knowledge.css';

/** On a phone, two columns of a few words each are hard to read: one column is the default there. */
function narrowScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 40rem)').matches;
}

function revisionParam(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

const FIELD_TEXT: Record<string, string> = {
  title: 'Title',
  summary: 'Summary',
  tags: 'Tags',
  references: 'References',
  marking: 'Marking',
};

/** A changed field's value in words: lists one per line, references as "title — url". */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => {
        if (typeof v === 'string') return v;
        if (v && typeof v === 'object' && 'url' in v) {
          const r = v as { title?: unknown; url?: unknown };
          return `${String(r.title ?? '')} — ${String(r.url ?? '')}`;
        }
        return JSON.stringify(v);
      })
      .join('\n');
  }
  return JSON.stringify(value);
}

function FieldChanges({ fields }: { fields: DiffField[] }) {
  if (fields.length === 0) return null;
  return (
    <section aria-labelledby="diff-fields-heading">
      <h2 id="diff-fields-heading">Changed fields</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="diff-fields-heading">
        <table className="data-table diff-fields" data-testid="diff-fields">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.field} data-testid="diff-field">
                <th scope="row">{FIELD_TEXT[f.field] ?? f.field}</th>
                <td className="diff-fields__old">
                  <span className="visually-hidden">Before: </span>
                  {fieldText(f.from)}
                </td>
                <td className="diff-fields__new">
                  <span className="visually-hidden">After: </span>
                  {fieldText(f.to)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Sign({ kind }: { kind: 'del' | 'ins' | 'eq' }) {
  if (kind === 'eq') return <span className="diff__sign" aria-hidden="true"> </span>;
  return (
    <>
      <span className="diff__sign" aria-hidden="true">
        {kind === 'del' ? '−' : '+'}
      </span>
      <span className="visually-hidden">{kind === 'del' ? 'Removed: ' : 'Added: '}</span>
    </>
  );
}

function skipText(line: DiffLine): string {
  const n = line.count ?? 0;
  return `⋯ ${n} unchanged ${n === 1 ? 'line' : 'lines'}`;
}

function Num({ n }: { n: number | null }) {
  return <td className="diff__num">{n ?? ''}</td>;
}

function SideBySide({ lines, from, to }: { lines: DiffLine[]; from: number; to: number }) {
  return (
    <table className="diff diff--split" data-testid="diff-split">
      <caption className="visually-hidden">
        Body: revision {from} on the left, revision {to} on the right
      </caption>
      {/* Fixed layout takes its widths from here, not from a first row that may be a fold. */}
      <colgroup>
        <col className="diff__col-num" />
        <col />
        <col className="diff__col-num" />
        <col />
      </colgroup>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Line in {from}</th>
          <th scope="col">Revision {from}</th>
          <th scope="col">Line in {to}</th>
          <th scope="col">Revision {to}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          if (line.kind === 'SKIP') {
            return (
              <tr key={index} className="diff__row diff__row--skip" data-testid="diff-skip">
                <td colSpan={4}>{skipText(line)}</td>
              </tr>
            );
          }
          const oldKind = line.kind === 'EQUAL' ? 'eq' : line.kind === 'INSERT' ? null : 'del';
          const newKind = line.kind === 'EQUAL' ? 'eq' : line.kind === 'DELETE' ? null : 'ins';
          return (
            <tr key={index} className={`diff__row diff__row--${line.kind.toLowerCase()}`} data-testid="diff-row" data-kind={line.kind}>
              <Num n={line.oldNumber} />
              <td className={`diff__text ${oldKind ? `diff__text--${oldKind}` : 'diff__text--empty'}`} data-testid="diff-old">
                {oldKind && <Sign kind={oldKind} />}
                {line.oldText ?? ''}
              </td>
              <Num n={line.newNumber} />
              <td className={`diff__text ${newKind ? `diff__text--${newKind}` : 'diff__text--empty'}`} data-testid="diff-new">
                {newKind && <Sign kind={newKind} />}
                {line.newText ?? ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function InlineRow({ kind, oldNumber, newNumber, text }: { kind: 'del' | 'ins' | 'eq'; oldNumber: number | null; newNumber: number | null; text: string }) {
  return (
    <tr className={`diff__row diff__row--${kind}`} data-testid="diff-inline-row" data-kind={kind}>
      <Num n={oldNumber} />
      <Num n={newNumber} />
      <td className={`diff__text diff__text--${kind}`}>
        <Sign kind={kind} />
        {text}
      </td>
    </tr>
  );
}

function Inline({ lines, from, to }: { lines: DiffLine[]; from: number; to: number }) {
  return (
    <table className="diff diff--inline" data-testid="diff-inline">
      <caption className="visually-hidden">
        Body: changes from revision {from} to revision {to}, one column
      </caption>
      <colgroup>
        <col className="diff__col-num" />
        <col className="diff__col-num" />
        <col />
      </colgroup>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Line in {from}</th>
          <th scope="col">Line in {to}</th>
          <th scope="col">Text</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => {
          if (line.kind === 'SKIP') {
            return (
              <tr key={index} className="diff__row diff__row--skip" data-testid="diff-skip">
                <td colSpan={3}>{skipText(line)}</td>
              </tr>
            );
          }
          const del = line.kind === 'CHANGE' || line.kind === 'DELETE';
          const ins = line.kind === 'CHANGE' || line.kind === 'INSERT';
          return (
            <Fragment key={index}>
              {line.kind === 'EQUAL' && <InlineRow kind="eq" oldNumber={line.oldNumber} newNumber={line.newNumber} text={line.newText ?? line.oldText ?? ''} />}
              {del && <InlineRow kind="del" oldNumber={line.oldNumber} newNumber={null} text={line.oldText ?? ''} />}
              {ins && <InlineRow kind="ins" oldNumber={null} newNumber={line.newNumber} text={line.newText ?? ''} />}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function DiffView({ article, diff, inline }: { article: Article; diff: ArticleDiff; inline: boolean }) {
  usePageTitle(`Changes ${diff.from} → ${diff.to}: ${article.title}`);
  const [, setParams] = useSearchParams();
  // The layout chosen is written into the address; without one, the screen decides.
  const link = (from: number, to: number, asInline: boolean) => `?from=${from}&to=${to}&view=${asInline ? 'inline' : 'split'}`;
  const changedBody = diff.lines.some((l) => l.kind !== 'EQUAL' && l.kind !== 'SKIP');

  return (
    <section className="page page--wide article-diff" aria-labelledby="page-heading">
      <MarkingBanner label={article.label} />
      <p className="breadcrumbs">
        <Link to="/kb">Knowledge base</Link> › <Link to={articlePath(article.id)}>{article.title}</Link> ›{' '}
        <Link to={articlePath(article.id, '/history')}>History</Link> ›
      </p>
      <h1 id="page-heading">
        Changes from revision {diff.from} to {diff.to}
      </h1>
      <p className="diff-summary" data-testid="diff-summary">
        {diff.from > diff.to && <span className="badge">Reverse: newer on the left</span>}{' '}
        <span className="diff-summary__added">+{diff.added} added</span> <span className="diff-summary__removed">−{diff.removed} removed</span> ·{' '}
        <Link to={link(diff.to, diff.from, inline)} data-testid="diff-swap">
          Swap (show {diff.to} → {diff.from})
        </Link>
      </p>
      <FieldChanges fields={diff.fields} />
      <section aria-labelledby="diff-body-heading">
        <div className="diff-toolbar">
          <h2 id="diff-body-heading">Body</h2>
          <div role="group" aria-label="Layout" className="diff-toolbar__toggle">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={!inline}
              onClick={() => setParams(new URLSearchParams(link(diff.from, diff.to, false).slice(1)), { replace: true })}
              data-testid="diff-view-split"
            >
              Side by side
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={inline}
              onClick={() => setParams(new URLSearchParams(link(diff.from, diff.to, true).slice(1)), { replace: true })}
              data-testid="diff-view-inline"
            >
              Inline
            </button>
          </div>
        </div>
        {!changedBody && (
          <p className="muted" data-testid="diff-body-unchanged">
            The body is the same in both revisions.
          </p>
        )}
        {diff.lines.length > 0 && (
          <div className="diff-scroll" tabIndex={0} role="region" aria-labelledby="diff-body-heading">
            {inline ? <Inline lines={diff.lines} from={diff.from} to={diff.to} /> : <SideBySide lines={diff.lines} from={diff.from} to={diff.to} />}
          </div>
        )}
      </section>
      <MarkingBanner label={article.label} position="bottom" />
    </section>
  );
}

/** `/kb/:articleId/diff?from=&to=[&view=inline|split]`: what changed between two revisions. */
export function ArticleDiffPage() {
  const { api } = useSession();
  const { articleId = '' } = useParams();
  const [params] = useSearchParams();
  const from = revisionParam(params.get('from'));
  const to = revisionParam(params.get('to'));
  const view = params.get('view');
  const inline = view === 'inline' || (view !== 'split' && narrowScreen());
  const load = useCallback(
    async (signal: AbortSignal) => {
      if (from === null || to === null) return null;
      const [article, diff] = await Promise.all([getArticle(api, articleId, signal), getArticleDiff(api, articleId, from, to, signal)]);
      return { article, diff };
    },
    [api, articleId, from, to],
  );
  const { state, reload } = useLoad(load);

  if (from === null || to === null) {
    return (
      <section className="page" aria-labelledby="page-heading">
        <h1 id="page-heading">Compare revisions</h1>
        <p data-testid="diff-bad-params">
          The address does not name two revisions. Pick them in the <Link to={articlePath(articleId, '/history')}>history</Link>.
        </p>
      </section>
    );
  }
  if (state.status === 'failed') {
    if (isNotFound(state.error)) return <NotAvailable backTo={BACK_TO_KB} />;
    return (
      <section className="page">
        <LoadError title="The changes could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  const data = state.data;
  if (!data || data.article.id !== articleId || Number(data.diff.from) !== from || Number(data.diff.to) !== to) {
    return <LoadingState message="Loading the changes…" />;
  }
  return <DiffView article={data.article} diff={data.diff} inline={inline} />;
}
