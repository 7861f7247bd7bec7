/**
 * The audit view keeps its filters and page in the address (`/audit?actor=alice&from=…&page=2`),
 * so a view can be reloaded, bookmarked or sent to a colleague. This file converts between that
 * query string, the filter form and the API query.
 *
 * Times travel as ISO-8601 UTC (`2026-03-01T09:30:00Z`): a shared link then means the same
 * instant to an analyst in Nairobi and one in Kuala Lumpur. Only the form shows local time.
 */
import type { AuditQuery } from '../api/types';

export interface AuditFilters {
  actor: string;
  action: string;
  /** An object type or an object id. */
  object: string;
  /** ISO-8601 UTC, or '' for no bound. */
  from: string;
  /** ISO-8601 UTC, or '' for no bound. */
  to: string;
}

export const NO_FILTERS: Readonly<AuditFilters> = { actor: '', action: '', object: '', from: '', to: '' };

/** The filter keys, in the order they are written to the address. */
const FILTER_KEYS = ['actor', 'action', 'object', 'from', 'to'] as const;

/** Pages beyond this are not worth asking for (and keep hand-edited addresses sane). */
const MAX_PAGE = 1_000_000;

export interface AuditSearch {
  filters: AuditFilters;
  /** Zero-based, as in the API. */
  page: number;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?$/i;

/** `2026-02-30` is not a date (engines would quietly roll it over to March). */
function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/**
 * An ISO-8601 instant in one canonical form (`…T09:30:00Z`, milliseconds only when there are
 * any), or '' when `value` is not an ISO date-time with a zone (or a bare date, taken as UTC
 * midnight). A `+` offset that a query string turned into a space is put back.
 */
export function canonicalInstant(value: string): string {
  const match = ISO_DATE_TIME.exec(value.trim().replace(' ', '+'));
  if (!match) return '';
  const [, date, time, seconds, fraction, zone] = match;
  if (!isCalendarDate(date!)) return '';
  const normalized = time
    ? `${date}T${time}:${seconds ?? '00'}.${(fraction ?? '').padEnd(3, '0').slice(0, 3)}${zone!.toUpperCase()}`
    : `${date}T00:00:00.000Z`;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) return '';
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * An instant as the value of a `datetime-local` input in the browser's time zone, normalized as
 * browsers do (`2026-03-01T10:15`, seconds only when there are any).
 */
export function instantToLocalInput(iso: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const seconds = date.getSeconds();
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds ? `:${pad(seconds)}` : ''}`
  );
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * A `datetime-local` value (browser time zone) as an ISO-8601 UTC instant; '' for an empty
 * value, undefined for one that is not a date-time.
 */
export function localInputToInstant(value: string): string | undefined {
  if (value.trim() === '') return '';
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(0);
  date.setFullYear(year, month - 1, day); // not new Date(y, …): that maps years 0–99 to 1900–1999
  date.setHours(hours, minutes, seconds, 0);
  if (Number.isNaN(date.getTime()) || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return canonicalInstant(date.toISOString());
}

/** Reads filters and page from a query string (`?actor=…`, with or without the `?`). */
export function parseAuditSearch(search: string | URLSearchParams): AuditSearch {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const text = (key: string) => (params.get(key) ?? '').trim();
  const pageText = text('page');
  const page = /^\d{1,7}$/.test(pageText) ? Math.min(Number(pageText), MAX_PAGE) : 0;
  return {
    filters: {
      actor: text('actor'),
      action: text('action'),
      object: text('object'),
      from: canonicalInstant(text('from')),
      to: canonicalInstant(text('to')),
    },
    page,
  };
}

/** The query string for filters and page; empty filters and page 0 are left out. */
export function auditSearchParams({ filters, page }: AuditSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (page > 0) params.set('page', String(page));
  return params;
}

export function hasFilters(filters: AuditFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key].trim() !== '');
}

/** The API query for a view of the audit trail. */
export function auditQuery({ filters, page }: AuditSearch, size: number): AuditQuery {
  const query: AuditQuery = { page, size };
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  return query;
}
