/** How times of content are written: relative ("3 hours ago") with the absolute time at hand. */

let relativeFormat: Intl.RelativeTimeFormat | undefined;
let absoluteFormat: Intl.DateTimeFormat | undefined;
let dateFormat: Intl.DateTimeFormat | undefined;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago"; beyond four weeks the
 * date itself ("1 Mar 2026"), which reads better than "7 months ago" in a discussion.
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return 'just now';
  relativeFormat ??= new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < HOUR) return relativeFormat.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relativeFormat.format(Math.round(diff / HOUR), 'hour');
  if (abs < 28 * DAY) return relativeFormat.format(Math.round(diff / DAY), 'day');
  dateFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  return dateFormat.format(new Date(at));
}

/** The full time in the reader's locale and zone, plus UTC: "1 Mar 2026, 10:30:00 (2026-03-01 09:30 UTC)". */
export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  absoluteFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const utc = date.toISOString().slice(0, 16).replace('T', ' ');
  return `${absoluteFormat.format(date)} (${utc} UTC)`;
}
