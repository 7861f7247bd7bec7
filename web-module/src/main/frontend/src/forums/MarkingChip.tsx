import type { Labelled } from '../api/types';
import { formatMarking, markingClassName } from '../common/marking';

/** The marking of one item in a list or inside a labelled view, as a small chip. */
export function MarkingChip({ item, testId = 'marking-chip' }: { item: Labelled; testId?: string }) {
  const text = formatMarking(item.label);
  return (
    <span
      className={`marking marking-chip ${markingClassName(item.label.classification)}`}
      aria-label={`Security marking: ${text}`}
      data-testid={testId}
    >
      {text}
    </span>
  );
}
