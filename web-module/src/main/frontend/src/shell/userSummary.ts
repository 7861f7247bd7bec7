import type { Me } from '../api/types';

/** `GBR · SECRET`: country and clearance, joined by a middle dot (U+00B7). */
export function formatUserSummary(me: Pick<Me, 'country' | 'clearance'>): string {
  return `${me.country} \u00b7 ${me.clearance}`;
}

/** Up to two initials for the avatar: "Alice Smith" → "AS", falling back to the username. */
export function initials(me: Pick<Me, 'displayName' | 'username'>): string {
  const words = me.displayName.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  const result = letters.join('') || Array.from(me.username)[0] || '?';
  return result.toUpperCase();
}
