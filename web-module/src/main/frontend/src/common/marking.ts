import { CLASSIFICATIONS, RELEASABLE_TO_ALL, type Classification, type Label } from '../api/types';

/**
 * The marking text of a label, exactly as the server renders it in `marking`:
 * `CONFIDENTIAL//REL TO GBR, KEN` (countries de-duplicated and sorted by code unit, as Java's
 * `String.compareTo` does), or just `CONFIDENTIAL` when the item is releasable to all.
 */
export function formatMarking(label: Label): string {
  const countries = [...new Set(label.releasableTo)];
  if (countries.includes(RELEASABLE_TO_ALL)) {
    return label.classification;
  }
  countries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // An empty list is never valid on the server; say so rather than look releasable to all.
  return `${label.classification}//REL TO ${countries.length > 0 ? countries.join(', ') : 'NONE'}`;
}

export function isClassification(value: unknown): value is Classification {
  return typeof value === 'string' && (CLASSIFICATIONS as readonly string[]).includes(value);
}

/** The CSS modifier for a level: `marking--top-secret`, …; unknown values get a neutral look. */
export function markingClassName(classification: string): string {
  if (!isClassification(classification)) return 'marking--unknown';
  return `marking--${classification.toLowerCase().replace(/_/g, '-')}`;
}
