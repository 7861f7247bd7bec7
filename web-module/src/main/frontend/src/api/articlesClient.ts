/**
 * The knowledge-base part of the API client (docs/api-articles.md). Functions over an
 * {@link ApiClient}, so they share its token handling and problem+json errors; every id goes into
 * the path encoded.
 */
import type { ApiClient } from './client';
import type {
  Article,
  ArticleDiff,
  ArticlePage,
  ArticleQuery,
  ArticleRevision,
  ArticleRevisionContent,
  ArticleUpdate,
  ItemList,
  NewArticle,
  PromoteRequest,
  ReviewEvent,
  TagCloud,
  WorkflowStep,
} from './articleTypes';

const enc = encodeURIComponent;
const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** `GET /api/v1/articles?status=&tag=&mine=&sort=&page&size`: the articles the caller may read. */
export function listArticles(api: ApiClient, query: ArticleQuery = {}, signal?: AbortSignal): Promise<ArticlePage> {
  const { status, tag, mine, sort, page, size } = query;
  return api.request<ArticlePage>('/articles', {
    query: { status, tag, mine: mine ? true : undefined, sort, page, size },
    ...withSignal(signal),
  });
}

/** `GET /api/v1/articles/tags`: tags of the published articles the caller may read, most used first. */
export function getArticleTags(api: ApiClient, signal?: AbortSignal): Promise<TagCloud> {
  return api.request<TagCloud>('/articles/tags', withSignal(signal));
}

/** `POST /api/v1/articles` → 201, a `DRAFT` at revision 1. */
export function createArticle(api: ApiClient, article: NewArticle): Promise<Article> {
  return api.request<Article>('/articles', { method: 'POST', body: article });
}

/** `GET /api/v1/articles/{id}`; 404 when missing or unreadable (the same answer). */
export function getArticle(api: ApiClient, id: string, signal?: AbortSignal): Promise<Article> {
  return api.request<Article>(`/articles/${enc(id)}`, withSignal(signal));
}

/** `PUT /api/v1/articles/{id}`: 409 when `baseRevision` is not the current revision (nothing written). */
export function updateArticle(api: ApiClient, id: string, update: ArticleUpdate): Promise<Article> {
  return api.request<Article>(`/articles/${enc(id)}`, { method: 'PUT', body: update });
}

/**
 * A workflow step: `submit`, `withdraw`, `send-back` (comment required), `publish`, `retire`
 * (reason required). 409 names the current status for a move that does not apply; 403 gives the
 * reason for one the caller may not take.
 */
export function moveArticle(api: ApiClient, id: string, step: WorkflowStep, comment?: string): Promise<Article> {
  const body = comment !== undefined && comment.trim() !== '' ? { comment: comment.trim() } : {};
  return api.request<Article>(`/articles/${enc(id)}/${step}`, { method: 'POST', body });
}

/** `GET /api/v1/articles/{id}/revisions`, newest first. */
export function listArticleRevisions(api: ApiClient, id: string, signal?: AbortSignal): Promise<ItemList<ArticleRevision>> {
  return api.request<ItemList<ArticleRevision>>(`/articles/${enc(id)}/revisions`, withSignal(signal));
}

/** `GET /api/v1/articles/{id}/revisions/{n}`: one revision with its content. */
export function getArticleRevision(api: ApiClient, id: string, n: number, signal?: AbortSignal): Promise<ArticleRevisionContent> {
  return api.request<ArticleRevisionContent>(`/articles/${enc(id)}/revisions/${enc(String(n))}`, withSignal(signal));
}

/** `GET /api/v1/articles/{id}/diff?from=&to=`; `from` may be greater than `to`; unknown numbers are 404. */
export function getArticleDiff(api: ApiClient, id: string, from: number, to: number, signal?: AbortSignal): Promise<ArticleDiff> {
  return api.request<ArticleDiff>(`/articles/${enc(id)}/diff`, { query: { from, to }, ...withSignal(signal) });
}

/** `GET /api/v1/articles/{id}/reviews`, oldest first. */
export function listArticleReviews(api: ApiClient, id: string, signal?: AbortSignal): Promise<ItemList<ReviewEvent>> {
  return api.request<ItemList<ReviewEvent>>(`/articles/${enc(id)}/reviews`, withSignal(signal));
}

/** `POST /api/v1/incidents/{id}/promote` → 201, a `DRAFT` quoting the chosen messages (RESOLVED/CLOSED only, else 409). */
export function promoteIncident(api: ApiClient, incidentId: string, request: PromoteRequest): Promise<Article> {
  return api.request<Article>(`/incidents/${enc(incidentId)}/promote`, { method: 'POST', body: request });
}
