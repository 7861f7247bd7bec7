import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Article, ArticleRevision, ReviewEvent } from '../api/articleTypes';
import { getArticle, listArticleReviews, listArticleRevisions } from '../api/articlesClient';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { AuthorLine } from '../forums/AuthorLine';
import { MarkingChip } from '../forums/MarkingChip';
import { useSession } from '../shell/SessionContext';
import { articlePath } from './ArticleBadges';
import { BACK_TO_KB, isNotFound } from './ArticlePage';
import './knowledge.css';

const KIND_TEXT: Record<string, string> = {
  CREATED: 'Created',
  EDITED: 'Edited',
  RELABELLED: 'Label raised',
  IMPORTED: 'Imported',
  PROMOTED: 'Promoted from an incident',
};

const REVIEW_TEXT: Record<string, string> = {
  SUBMITTED: 'submitted it for review',
  WITHDRAWN: 'withdrew it from review',
  SENT_BACK: 'sent it back',
  PUBLISHED: 'published it',
  RETIRED: 'retired it',
};

export function diffPath(id: string, from: number, to: number): string {
  return articlePath(id, `/diff?from=${from}&to=${to}`);
}

interface History {
  article: Article;
  revisions: ArticleRevision[];
  reviews: ReviewEvent[];
}

function HistoryView({ history }: { history: History }) {
  const { article, revisions, reviews } = history;
  usePageTitle(`History: ${article.title}`);
  const navigate = useNavigate();
  const [picked, setPicked] = useState<number[]>([]);
  const [hint, setHint] = useState<string | null>(null);

  const toggle = (n: number) => {
    setHint(null);
    setPicked((current) => {
      if (current.includes(n)) return current.filter((x) => x !== n);
      // Two at most: picking a third replaces the earlier pick.
      return [...current, n].slice(-2);
    });
  };

  const compare = () => {
    if (picked.length !== 2) {
      setHint('Pick two revisions to compare.');
      return;
    }
    const [a, b] = [...picked].sort((x, y) => x - y) as [number, number];
    navigate(diffPath(article.id, a, b));
  };

  return (
    <section className="page page--wide article-history" aria-labelledby="page-heading">
      <MarkingBanner label={article.label} />
      <p className="breadcrumbs">
        <Link to="/kb">Knowledge base</Link> › <Link to={articlePath(article.id)}>{article.title}</Link> ›
      </p>
      <h1 id="page-heading">History</h1>
      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <p className="field__hint">Tick two revisions and compare them, or open the changes a single revision made.</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="revisions-heading">
          <table className="data-table revisions-table" data-testid="revisions">
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Revision</th>
                <th scope="col">Kind</th>
                <th scope="col">Editor</th>
                <th scope="col">When</th>
                <th scope="col">Note</th>
                <th scope="col">Marking</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.number} data-testid="revision-row">
                  <td>
                    <input
                      type="checkbox"
                      checked={picked.includes(r.number)}
                      onChange={() => toggle(r.number)}
                      aria-label={`Compare revision ${r.number}`}
                      data-testid={`revision-pick-${r.number}`}
                    />
                  </td>
                  <td>
                    {r.number}
                    {r.number === article.revision && <span className="badge revisions-table__current">current</span>}
                  </td>
                  <td>{KIND_TEXT[r.kind] ?? r.kind}</td>
                  <td>
                    <AuthorLine author={r.editor} />
                  </td>
                  <td>
                    <RelativeTime at={r.at} />
                  </td>
                  <td>
                    {r.comment ?? <span className="muted">—</span>}
                    {r.number > 1 && (
                      <>
                        {' '}
                        <Link to={diffPath(article.id, r.number - 1, r.number)} data-testid={`revision-changes-${r.number}`}>
                          Changes
                          <span className="visually-hidden"> in revision {r.number}</span>
                        </Link>
                      </>
                    )}
                  </td>
                  <td>
                    <MarkingChip item={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="composer__actions">
          <button type="button" className="button button--primary" onClick={compare} aria-disabled={picked.length !== 2 || undefined} data-testid="compare">
            Compare {picked.length === 2 ? `${Math.min(...picked)} and ${Math.max(...picked)}` : 'two revisions'}
          </button>
          <p className="status-note" role="status" data-testid="compare-hint">
            {hint}
          </p>
        </div>
      </section>
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Review</h2>
        {reviews.length === 0 ? (
          <p className="muted" data-testid="reviews-empty">
            Not submitted for review yet.
          </p>
        ) : (
          <ol className="review-events" data-testid="reviews">
            {reviews.map((e, index) => (
              <li key={index} className={`review-event review-event--${e.action.toLowerCase().replace(/_/g, '-')}`} data-testid="review-event">
                <span className="review-event__actor">{e.actor.displayName}</span> {REVIEW_TEXT[e.action] ?? e.action.toLowerCase()} (revision {e.revision}){' '}
                <RelativeTime at={e.at} />
                {e.comment && <blockquote className="review-event__comment">{e.comment}</blockquote>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <MarkingBanner label={article.label} position="bottom" />
    </section>
  );
}

/** `/kb/:articleId/history`: revisions (pick two to compare) and the review events. */
export function ArticleHistoryPage() {
  const { api } = useSession();
  const { articleId = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal): Promise<History> => {
      const [article, revisions, reviews] = await Promise.all([
        getArticle(api, articleId, signal),
        listArticleRevisions(api, articleId, signal),
        listArticleReviews(api, articleId, signal),
      ]);
      return { article, revisions: revisions.items, reviews: reviews.items };
    },
    [api, articleId],
  );
  const { state, reload } = useLoad(load);
  if (state.status === 'failed') {
    if (isNotFound(state.error)) return <NotAvailable backTo={BACK_TO_KB} />;
    return (
      <section className="page">
        <LoadError title="The history could not be loaded" error={state.error} onRetry={reload} />
      </section>
    );
  }
  if (state.data === undefined || state.data.article.id !== articleId) return <LoadingState message="Loading the history…" />;
  return <HistoryView history={state.data} />;
}
