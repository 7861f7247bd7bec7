import type { ApiClient } from './client';
import type { Classification, Label } from './types';

/** Item types the search knows (API.md, Search). */
export const SEARCH_TYPES = ['forum_post', 'thread', 'incident', 'message', 'article'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One hit. `title` is plain text; `snippet` is HTML holding only escaped text and `<mark>`. */
export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  snippet: string;
  label: Label;
  marking: string;
  url: string;
  score: number;
  updatedAt: string;
}

/** Value → count of readable matches, most frequent first. */
export type FacetCounts = Record<string, number>;

/**
 * Facet counts over the readable matches. `status` is lower-cased; `date` maps the windows of
 * the last change (`day`, `week`, `month`, `year` — nested — and `older`) in that order. Older
 * servers sent only the first three, hence optional.
 */
export interface SearchFacets {
  type: FacetCounts;
  tag: FacetCounts;
  classification: FacetCounts;
  status?: FacetCounts;
  date?: FacetCounts;
}

export interface SearchResult {
  total: number;
  items: SearchHit[];
  facets: SearchFacets;
  page: number;
  size: number;
}

export interface SearchQuery {
  q: string;
  type?: readonly string[];
  tag?: readonly string[];
  classification?: readonly Classification[] | readonly string[];
  status?: readonly string[];
  /** Earliest last change, an ISO instant or date, inclusive. */
  from?: string;
  /** Latest last change, an ISO instant or date, inclusive. */
  to?: string;
  page?: number;
  size?: number;
}

/** `GET /api/v1/search?q=&type=&tag=&classification=&status=&from=&to=&page&size` (filters comma-separated). */
export function search(api: ApiClient, query: SearchQuery, signal?: AbortSignal): Promise<SearchResult> {
  const join = (values?: readonly string[]) => (values && values.length > 0 ? values.join(',') : undefined);
  return api.request<SearchResult>('/search', {
    query: {
      q: query.q,
      type: join(query.type),
      tag: join(query.tag),
      classification: join(query.classification),
      status: join(query.status),
      from: query.from,
      to: query.to,
      page: query.page,
      size: query.size,
    },
    ...(signal ? { signal } : {}),
  });
}

/** `GET /api/v1/search/suggest?q=` → titles and tags of readable items. */
export async function suggest(api: ApiClient, q: string, signal?: AbortSignal): Promise<string[]> {
  const answer = await api.request<{ suggestions: string[] }>('/search/suggest', {
    query: { q },
    ...(signal ? { signal } : {}),
  });
  return answer.suggestions;
}
