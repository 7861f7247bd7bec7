/** How audit entries are written on screen. */

let localFormat: Intl.DateTimeFormat | undefined;
let countFormat: Intl.NumberFormat | undefined;

/** An instant in the reader's own locale and time zone, e.g. "1 Mar 2026, 10:30:00". */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  localFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return localFormat.format(date);
}

/** The same instant in UTC, unambiguous and locale-independent: "2026-03-01 09:30:00 UTC". */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
}

/** A SHA-256 hex digest cut to its first 12 characters (the full value goes into a tooltip). */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

export function formatCount(n: number): string {
  countFormat ??= new Intl.NumberFormat();
  return countFormat.format(n);
}

/** "1 entry", "20 entries". */
export function entries(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}`;
}
