/**
 * The timeline of a room as the browser holds it: entries kept sorted by `seq` with no
 * duplicates, whatever order REST pages, replays after a reconnect and live frames arrive in.
 * Pure functions over arrays, so the live client and its tests share one definition of "merged".
 */
import type { Message } from '../../api/types';

/** The position where an entry with `seq` belongs in `entries` (sorted ascending by seq). */
function insertionPoint(entries: readonly Message[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether an entry with this `seq` is already held. */
export function holds(entries: readonly Message[], seq: number): boolean {
  const at = insertionPoint(entries, seq);
  return at < entries.length && entries[at]!.seq === seq;
}

/**
 * `entries` plus those of `incoming` it does not hold yet, sorted by seq. Returns `entries`
 * itself (the same array) when nothing was new, so a caller can tell whether anything changed.
 */
export function mergeEntries(entries: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  const fresh = incoming.filter((m) => Number.isSafeInteger(m.seq) && !holds(entries, m.seq));
  if (fresh.length === 0) return entries;
  if (fresh.length === 1) {
    const entry = fresh[0]!;
    const at = insertionPoint(entries, entry.seq);
    return [...entries.slice(0, at), entry, ...entries.slice(at)];
  }
  const bySeq = new Map<number, Message>();
  for (const m of entries) bySeq.set(m.seq, m);
  for (const m of fresh) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq held, or 0 for an empty timeline. */
export function highestSeq(entries: readonly Message[]): number {
  return entries.length > 0 ? entries[entries.length - 1]!.seq : 0;
}
