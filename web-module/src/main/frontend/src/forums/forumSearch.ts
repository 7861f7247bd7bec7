/**
 * Forum views keep their position in the address (`?page=2&tag=phishing`), so a view can be
 * reloaded or shared. Pages are zero-based, as in the API.
 */
import { isTag } from './tags';

const MAX_PAGE = 1_000_000;

export function pageFrom(params: URLSearchParams): number {
  const text = (params.get('page') ?? '').trim();
  return /^\d{1,7}$/.test(text) ? Math.min(Number(text), MAX_PAGE) : 0;
}

/** A valid tag from `?tag=`, lower-cased, or ''. */
export function tagFrom(params: URLSearchParams): string {
  const tag = (params.get('tag') ?? '').trim().toLowerCase();
  return isTag(tag) ? tag : '';
}

/** The query string for a page and optional other values; page 0 and empty values are left out. */
export function searchFor(page: number, extra: Record<string, string | boolean | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(extra)) {
    if (value === true) params.set(key, '1');
    else if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  if (page > 0) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The last page that holds an item, for `total` items at `size` per page. */
export function lastPage(total: number, size: number): number {
  return Math.max(0, Math.ceil(total / size) - 1);
}
