import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Article } from '../api/articleTypes';
import { getArticle } from '../api/articlesClient';
import { ApiError } from '../api/problem';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { NotAvailable } from '../common/NotAvailable';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { AuthorLine } from '../forums/AuthorLine';
import { MarkingChip } from '../forums/MarkingChip';
import { TagChips } from '../forums/ThreadList';
import { useSession } from '../shell/SessionContext';
import { ArticleActions } from './ArticleActions';
import { ArticleStatusBadge, articlePath, SourceLine } from './ArticleBadges';
import { ArticleContent } from './ArticleContent';
import { searchForFilters } from './articleSearch';
import './knowledge.css';

export const BACK_TO_KB = { path: '/kb', label: 'Go to the knowledge base' };

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

const tagLink = (tag: string) => `/kb${searchForFilters({ view: 'published', tag, sort: 'recent', page: 0 })}`;

function ArticleView({ initial }: { initial: Article }) {
  const [article, setArticle] = useState(initial);
  const [done, setDone] = useState<string | null>(null);
  usePageTitle(article.title);
  const draft = article.status === 'DRAFT' || article.status === 'IN_REVIEW';

  return (
    <article className="page article" aria-labelledby="page-heading" data-testid="article">
      <MarkingBanner label={article.label} />
      <p className="breadcrumbs">
        <Link to="/kb">Knowledge base</Link> ›
      </p>
      {article.status === 'RETIRED' && (
        <div className="notice notice--retired" role="note" data-testid="article-retired">
          <p>
            <strong>Retired</strong> — kept for reference{article.retiredReason ? `: ${article.retiredReason}` : '.'}
          </p>
          {article.retiredAt && (
            <p className="notice__more">
              Retired <RelativeTime at={article.retiredAt} />. Check the knowledge base for current guidance.
            </p>
          )}
        </div>
      )}
      {draft && article.reviewComment && (
        <div className="notice notice--review" role="note" data-testid="review-comment">
          <p>
            <strong>Sent back by {article.reviewComment.by?.displayName ?? 'a moderator'}</strong>{' '}
            {article.reviewComment.at && <RelativeTime at={article.reviewComment.at} />}:
          </p>
          <blockquote className="review-comment__text">{article.reviewComment.comment}</blockquote>
        </div>
      )}
      <header className="article__header">
        <h1 id="page-heading" className="article__title">
          {article.title}
        </h1>
        <p className="article__meta">
          <ArticleStatusBadge status={article.status} />
          <MarkingChip item={article} />
          <span>
            Revision {article.revision} · <Link to={articlePath(article.id, '/history')} data-testid="article-history-link">History</Link>
          </span>
        </p>
        <ArticleActions
          article={article}
          onChanged={(updated, message) => {
            setArticle(updated);
            setDone(message);
          }}
        />
        <p className="status-note" role="status" data-testid="article-action-done">
          {done}
        </p>
      </header>
      {article.summary && (
        <p className="article__summary" data-testid="article-summary">
          {article.summary}
        </p>
      )}
      {article.html ? (
        <ArticleContent html={article.html} />
      ) : (
        <p className="muted" data-testid="article-no-body">
          This article has no body yet.
        </p>
      )}
      <footer className="article__footer">
        {article.tags.length > 0 && (
          <section aria-labelledby="article-tags-heading">
            <h2 id="article-tags-heading" className="article__section-heading">
              Tags
            </h2>
            <TagChips tags={article.tags} linkFor={tagLink} limit={16} />
          </section>
        )}
        {article.references.length > 0 && (
          <section aria-labelledby="article-refs-heading">
            <h2 id="article-refs-heading" className="article__section-heading">
              References
            </h2>
            <ul className="article__references" data-testid="article-references">
              {article.references.map((r, index) => (
                <li key={`${index}-${r.url}`}>
                  <a href={r.url} target="_blank" rel="noopener noreferrer">
                    {r.title}
                  </a>{' '}
                  <span className="article__reference-url">{r.url}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        <SourceLine article={article} />
        <dl className="article__credits" data-testid="article-credits">
          <div>
            <dt>Author</dt>
            <dd>
              <AuthorLine author={article.author} />
            </dd>
          </div>
          {article.publishedBy && (
            <div>
              <dt>Published by</dt>
              <dd>
                <AuthorLine author={article.publishedBy} /> {article.publishedAt && <RelativeTime at={article.publishedAt} />}
              </dd>
            </div>
          )}
          <div>
            <dt>Updated</dt>
            <dd>
              <RelativeTime at={article.updatedAt} />
            </dd>
          </div>
        </dl>
      </footer>
      <MarkingBanner label={article.label} position="bottom" />
    </article>
  );
}

/** `/kb/:articleId`: the reading view. */
export function ArticlePage() {
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
  return <ArticleView key={state.data.id} initial={state.data} />;
}
