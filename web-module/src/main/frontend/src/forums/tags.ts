/** Thread tags as the server accepts them: ≤ 8 of `[a-z0-9][a-z0-9._-]{0,31}`, lower-cased. */

export const MAX_TAGS = 8;
const TAG = /^[a-z0-9][a-z0-9._-]{0,31}$/;

export interface ParsedTags {
  tags: string[];
  /** Why the text is not acceptable, or null. */
  error: string | null;
}

/** "Phishing, t1566  initial-access" → `["phishing","t1566","initial-access"]` (commas or spaces). */
export function parseTags(text: string): ParsedTags {
  const tags = [...new Set(text.split(/[\s,]+/).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  const bad = tags.filter((t) => !TAG.test(t));
  if (bad.length > 0) {
    return {
      tags,
      error: `Not a valid tag: ${bad.join(', ')}. Tags use letters, digits, '.', '_' and '-', start with a letter or digit, and have at most 32 characters.`,
    };
  }
  if (tags.length > MAX_TAGS) return { tags, error: `At most ${MAX_TAGS} tags (you have ${tags.length}).` };
  return { tags, error: null };
}

export function isTag(value: string): boolean {
  return TAG.test(value);
}
