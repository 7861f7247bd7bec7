import { useCallback, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Article, ArticlePage } from '../api/articleTypes';
import { getArticleTags, listArticles } from '../api/articlesClient';
import { LoadError } from '../common/LoadError';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { hasRole } from '../common/roles';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { AuthorLine } from '../forums/AuthorLine';
import { MarkingChip } from '../forums/MarkingChip';
import { TagChips } from '../forums/ThreadList';
import { useSession } from '../shell/SessionContext';
import { ArticleStatusBadge, articlePath } from './ArticleBadges';
import { filtersFrom, queryFor, searchForFilters, type ArticleFilters, type ArticleView } from './articleSearch';
import './knowledge.css';

export const ARTICLE_PAGE_SIZE = 20;

const listPath = (filters: ArticleFilters) => `/kb${searchForFilters(filters)}`;

function ArticleRow({ article, tagLink }: { article: Article; tagLink: (tag: string) => string }) {
  return (
    <li className="article-row" data-testid="article-row">
      <h2 className="article-row__title">
        <Link to={articlePath(article.id)}>{article.title}</Link>
      </h2>
      {article.summary && <p className="article-row__summary">{article.summary}</p>}
      <p className="article-row__meta">
        <MarkingChip item={article} />
        <ArticleStatusBadge status={article.status} />
        <span>
          by <AuthorLine author={article.author} />
        </span>
        <span>
          updated <RelativeTime at={article.updatedAt} />
        </span>
      </p>
      <TagChips tags={article.tags} linkFor={tagLink} limit={6} />
    </li>
  );
}

function EmptyState({ filters, admin }: { filters: ArticleFilters; admin: boolean }) {
  let text: string;
  let hint: ReactNode = null;
  if (filters.page > 0) text = 'This page is past the end of the list.';
  else if (filters.tag) text = `No articles you can read here are tagged “${filters.tag}”.`;
  else if (filters.view === 'retired') text = 'No retired articles.';
  else if (filters.view === 'mine') {
    text = 'You have not written any articles yet.';
    hint = (
      <>
        Start one with <Link to="/kb/new">New article</Link>, or promote the lessons of a resolved incident from its room.
      </>
    );
  } else if (filters.view === 'review') text = 'Nothing is waiting for review.';
  else {
    text = 'No published articles yet.';
    hint = (
      <>
        Write one with <Link to="/kb/new">New article</Link>: a second person reviews it before it is published. Lessons of a resolved
        incident can be promoted to a draft from the incident room.
        {admin && (
          <>
            {' '}
            As an administrator you can also import the MITRE ATT&CK mitigations (a STIX 2.x bundle, <code>POST /api/v1/articles/import/stix</code>;
            see the README).
          </>
        )}
      </>
    );
  }
  return (
    <div className="empty-state" data-testid="article-empty">
      <p>{text}</p>
      {hint && <p className="empty-state__hint">{hint}</p>}
    </div>
  );
}

function TagCloud({ current, filters }: { current: string; filters: ArticleFilters }) {
  const { api } = useSession();
  const load = useCallback((signal: AbortSignal) => getArticleTags(api, signal), [api]);
  const { state } = useLoad(load);
  if (state.status !== 'ready' || state.data.tags.length === 0) return null;
  return (
    <nav className="tag-cloud" aria-label="Tags" data-testid="tag-cloud">
      <h2 className="tag-cloud__heading">Tags</h2>
      <ul className="tag-list">
        {state.data.tags.map(({ tag, count }) => (
          <li key={tag}>
            <Link
              className={`tag${tag === current ? ' tag--current' : ''}`}
              to={listPath({ ...filters, tag: tag === current ? '' : tag, page: 0 })}
              aria-current={tag === current ? 'true' : undefined}
              data-testid="tag-cloud-tag"
            >
              {tag} <span className="tag-cloud__count">{count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ReviewCount() {
  const { api } = useSession();
  const load = useCallback((signal: AbortSignal) => listArticles(api, { status: 'IN_REVIEW', page: 0, size: 1 }, signal), [api]);
  const { state } = useLoad(load);
  if (state.status !== 'ready') return null;
  return (
    <span className="tab-count" data-testid="review-count">
      {state.data.total}
      <span className="visually-hidden"> waiting</span>
    </span>
  );
}

/** `/kb`: the knowledge base: published articles by default; tabs, tag filter, sort and paging in the address. */
export function ArticleListPage() {
  const { api, me } = useSession();
  usePageTitle('Knowledge base');
  const [params] = useSearchParams();
  const filters = filtersFrom(params);
  const moderator = hasRole(me, 'moderator');
  // The review queue is for moderators; anyone else asking for it gets the published list.
  const effective: ArticleFilters = filters.view === 'review' && !moderator ? { ...filters, view: 'published' } : filters;
  const { view, tag, sort, page } = effective;

  const load = useCallback(
    (signal: AbortSignal) => listArticles(api, queryFor({ view, tag, sort, page }, ARTICLE_PAGE_SIZE), signal),
    [api, view, tag, sort, page],
  );
  const { state, reload } = useLoad<ArticlePage>(load);
  const tagLink = (t: string) => listPath({ ...effective, tag: t, page: 0 });

  const tabs: { view: ArticleView; label: string }[] = [
    { view: 'published', label: 'Published' },
    { view: 'retired', label: 'Retired' },
    { view: 'mine', label: 'My articles' },
    ...(moderator ? [{ view: 'review' as const, label: 'Review queue' }] : []),
  ];

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="The articles could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading articles…" />;
  } else if (state.data.items.length === 0) {
    body = <EmptyState filters={effective} admin={hasRole(me, 'admin')} />;
  } else {
    const result = state.data;
    body = (
      <>
        <ul className="article-list" aria-busy={state.status === 'loading'} data-testid="article-list">
          {result.items.map((article) => (
            <ArticleRow key={article.id} article={article} tagLink={tagLink} />
          ))}
        </ul>
        <PagerLink result={result} filters={effective} />
      </>
    );
  }

  return (
    <section className="page page--wide knowledge" aria-labelledby="page-heading">
      <div className="page-header">
        <h1 id="page-heading">Knowledge base</h1>
        <div className="page-header__actions">
          <Link className="button button--primary" to="/kb/new" data-testid="new-article-button">
            New article
          </Link>
        </div>
      </div>
      <p className="lead">Reviewed best practices and lessons learned. You see the articles your country and clearance allow.</p>
      <nav className="kb-tabs" aria-label="Article lists">
        <ul>
          {tabs.map((t) => (
            <li key={t.view}>
              <Link
                className="kb-tabs__tab"
                to={listPath({ view: t.view, tag: t.view === 'review' ? '' : tag, sort, page: 0 })}
                aria-current={t.view === view ? 'page' : undefined}
                data-testid={`kb-tab-${t.view}`}
              >
                {t.label}
                {t.view === 'review' && <ReviewCount />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="list-toolbar" role="group" aria-label="Sort and filter">
        <SortSelect filters={effective} />
        {tag && (
          <p className="filter-note" data-testid="tag-filter">
            Tagged <span className="tag">{tag}</span>{' '}
            <Link to={listPath({ ...effective, tag: '', page: 0 })} data-testid="tag-filter-clear">
              Show all
            </Link>
          </p>
        )}
      </div>
      <div className="kb-layout">
        <div className="kb-layout__main">{body}</div>
        <aside className="kb-layout__side">
          <TagCloud current={tag} filters={effective} />
        </aside>
      </div>
    </section>
  );
}

function SortSelect({ filters }: { filters: ArticleFilters }) {
  const [, setParams] = useSearchParams();
  return (
    <label className="filter">
      <span>Sort</span>
      <select
        className="input"
        value={filters.sort}
        onChange={(e) =>
          setParams(new URLSearchParams(searchForFilters({ ...filters, sort: e.currentTarget.value === 'title' ? 'title' : 'recent', page: 0 })))
        }
        data-testid="article-sort"
      >
        <option value="recent">Recently updated</option>
        <option value="title">Title (A–Z)</option>
      </select>
    </label>
  );
}

function PagerLink({ result, filters }: { result: ArticlePage; filters: ArticleFilters }) {
  const [, setParams] = useSearchParams();
  return (
    <Pager
      page={result.page}
      size={result.size}
      total={result.total}
      shown={result.items.length}
      onPage={(next) => setParams(new URLSearchParams(searchForFilters({ ...filters, page: next })))}
      label="Article pages"
      testId="article-pager"
      noun="articles"
    />
  );
}
