/**
 * The knowledge base keeps its list filters in the address (`/kb?view=retired&tag=t1486&sort=title&page=1`)
 * so a view can be reloaded or shared. Unknown values are ignored rather than sent.
 */
import type { ArticleQuery, ArticleSort } from '../api/articleTypes';
import { pageFrom, searchFor } from '../forums/forumSearch';
import { isArticleTag } from './articleRules';

/** The tabs of the list: what they show is decided by the server (`status`, `mine`). */
export const ARTICLE_VIEWS = ['published', 'retired', 'mine', 'review'] as const;

export type ArticleView = (typeof ARTICLE_VIEWS)[number];

export interface ArticleFilters {
  view: ArticleView;
  tag: string;
  sort: ArticleSort;
  page: number;
}

export function filtersFrom(params: URLSearchParams): ArticleFilters {
  const view = ARTICLE_VIEWS.find((v) => v === params.get('view')) ?? 'published';
  const tag = (params.get('tag') ?? '').trim().toLowerCase();
  return {
    view,
    tag: isArticleTag(tag) ? tag : '',
    sort: params.get('sort') === 'title' ? 'title' : 'recent',
    page: pageFrom(params),
  };
}

/** The query string of a filter set; defaults are left out. */
export function searchForFilters(filters: ArticleFilters): string {
  return searchFor(filters.page, {
    view: filters.view === 'published' ? undefined : filters.view,
    tag: filters.tag,
    sort: filters.sort === 'recent' ? undefined : filters.sort,
  });
}

/** What the server is asked for a view. */
export function queryFor(filters: ArticleFilters, size: number): ArticleQuery {
  const base: ArticleQuery = { tag: filters.tag || undefined, sort: filters.sort, page: filters.page, size };
  switch (filters.view) {
    case 'retired':
      return { ...base, status: 'RETIRED' };
    case 'mine':
      return { ...base, mine: true };
    case 'review':
      return { ...base, status: 'IN_REVIEW' };
    default:
      return { ...base, status: 'PUBLISHED' };
  }
}
