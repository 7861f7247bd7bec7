/**
 * `@username` mentions while typing Markdown: finding the name being typed at the caret and
 * putting a chosen one in its place. The rules mirror the server's (Markdown.mentions): a name is
 * `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` after an `@` that starts the text or follows a non-word
 * character, and only prose counts (not code).
 */

/** The `@name` under the caret: the `@` at `start`, the name running to `end`, typed so far: `query`. */
export interface MentionToken {
  start: number;
  end: number;
  /** The name from the `@` up to the caret (at least one character). */
  query: string;
}

const NAME_CHAR = /[A-Za-z0-9._-]/;
const QUERY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Word characters in the Unicode sense: "josé@x" is no mention, as on the server. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Whether `position` lies in a fenced code block or an inline code span (of its own line). */
export function isInCode(text: string, position: number): boolean {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  let fence: string | null = null;
  for (const line of text.slice(0, lineStart).split('\n')) {
    const match = FENCE.exec(line);
    if (!match) continue;
    const marker = match[1]!;
    if (fence === null) fence = marker;
    else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
  }
  const line = text.slice(lineStart, position);
  if (fence !== null || FENCE.test(line)) return true;
  // Inline code: a run of n backticks opens a span that the next run of exactly n closes.
  let open: number | null = null;
  for (const run of line.match(/`+/g) ?? []) {
    if (open === null) open = run.length;
    else if (run.length === open) open = null;
  }
  return open !== null;
}

/** The mention being typed at `caret`, or null when the caret is not right after `@` + a name. */
export function findMention(text: string, caret: number): MentionToken | null {
  if (caret <= 0 || caret > text.length) return null;
  let nameStart = caret;
  while (nameStart > 0 && NAME_CHAR.test(text[nameStart - 1]!)) nameStart--;
  const at = nameStart - 1;
  if (at < 0 || text[at] !== '@') return null;
  const query = text.slice(nameStart, caret);
  if (!QUERY.test(query)) return null;
  const before = Array.from(text.slice(Math.max(0, at - 2), at)).pop();
  if (before !== undefined && WORD_CHAR.test(before)) return null;
  if (isInCode(text, at)) return null;
  let end = caret;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  return { start: at, end, query };
}

/**
 * Puts `@username ` in place of the mention being typed. The space is not doubled when one
 * follows already; the caret goes after it.
 */
export function insertMention(text: string, token: MentionToken, username: string): { text: string; caret: number } {
  const rest = text.slice(token.end);
  const mention = `@${username}`;
  const next = text.slice(0, token.start) + mention + (/^\s/.test(rest) ? '' : ' ') + rest;
  return { text: next, caret: token.start + mention.length + 1 };
}
