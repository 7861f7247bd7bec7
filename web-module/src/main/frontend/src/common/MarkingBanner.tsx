import type { Label } from '../api/types';
import { formatMarking, markingClassName } from './marking';

export { formatMarking } from './marking';

export interface MarkingBannerProps {
  label: Label;
  /** `top` (default) or `bottom` of a labelled view; both render the same marking. */
  position?: 'top' | 'bottom';
}

/**
 * The security marking of a labelled view, shown above (and optionally below) its content, in
 * the colour of its classification.
 */
export function MarkingBanner({ label, position = 'top' }: MarkingBannerProps) {
  const text = formatMarking(label);
  return (
    <div
      role="note"
      aria-label={`Security marking: ${text}`}
      className={`marking marking-banner marking-banner--${position} ${markingClassName(label.classification)}`}
      data-testid="marking-banner"
    >
      {text}
    </div>
  );
}
