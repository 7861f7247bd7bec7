/**
 * The limits the server puts on an article (docs/api-articles.md), checked in the browser first
 * so a person learns about them next to the field, before anything is sent. The server checks
 * again on every write.
 */
import type { ArticleReference } from '../api/articleTypes';
import { utf8Bytes } from '../common/formProblem';

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 1000;
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_TAGS = 20;
export const MAX_REFERENCES = 30;
export const MAX_REFERENCE_TITLE = 200;
export const MAX_URL = 2000;
export const MAX_COMMENT = 500;

const TAG = /^[a-z0-9][a-z0-9._-]{0,39}$/;

/** A tag as the server stores it: lower-cased `[a-z0-9][a-z0-9._-]{0,39}`. */
export function isArticleTag(value: string): boolean {
  return TAG.test(value);
}

/** Why a typed tag cannot be added (after lower-casing), or null. */
export function tagProblem(text: string, existing: readonly string[]): string | null {
  const tag = text.trim().toLowerCase();
  if (tag === '') return null;
  if (!isArticleTag(tag)) {
    return `“${text.trim()}” is not a valid tag: use letters, digits, '.', '_' and '-', start with a letter or digit, at most 40 characters.`;
  }
  if (!existing.includes(tag) && existing.length >= MAX_TAGS) return `At most ${MAX_TAGS} tags.`;
  return null;
}

/** Splits typed text at commas (and spaces) into lower-cased tags. */
export function splitTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

/** An absolute http(s) URL, as the server accepts for references. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A reference row being edited; `key` keeps React's identity stable while rows are removed. */
export interface ReferenceRow extends ArticleReference {
  key: number;
}

/** Problems of the reference rows by server field name (`references[1].url`); blank rows are ignored. */
export function referenceProblems(rows: readonly ArticleReference[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const filled = rows.filter((r) => r.title.trim() !== '' || r.url.trim() !== '');
  if (filled.length > MAX_REFERENCES) problems.references = `At most ${MAX_REFERENCES} references.`;
  filled.forEach((row, index) => {
    const title = row.title.trim();
    const url = row.url.trim();
    if (title === '') problems[`references[${index}].title`] = 'Give the reference a title.';
    else if (title.length > MAX_REFERENCE_TITLE) problems[`references[${index}].title`] = `At most ${MAX_REFERENCE_TITLE} characters.`;
    if (url === '') problems[`references[${index}].url`] = 'Give the address (https://…).';
    else if (url.length > MAX_URL) problems[`references[${index}].url`] = `At most ${MAX_URL} characters.`;
    else if (!isHttpUrl(url)) problems[`references[${index}].url`] = 'Must be a full http:// or https:// address.';
  });
  return problems;
}

/** The rows as sent: blank rows dropped, values trimmed. */
export function referencesToSend(rows: readonly ArticleReference[]): ArticleReference[] {
  return rows
    .map((r) => ({ title: r.title.trim(), url: r.url.trim() }))
    .filter((r) => r.title !== '' || r.url !== '');
}

export function bodyProblem(body: string): string | null {
  const bytes = utf8Bytes(body);
  return bytes > MAX_BODY_BYTES ? `Too long: ${bytes.toLocaleString()} bytes of at most ${MAX_BODY_BYTES.toLocaleString()} (256 KiB).` : null;
}
