import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle';

export interface AreaPlaceholderProps {
  /** The area's name, used as the page heading. */
  title: string;
  /** The honest one-liner, e.g. "Forums are not available yet — they arrive in a later release." */
  message: string;
  /** What the area will do once it exists. */
  description: string;
}

/** Stands in for an area of the platform that has not been built yet. */
export function AreaPlaceholder({ title, message, description }: AreaPlaceholderProps) {
  usePageTitle(title);
  return (
    <section className="page area-placeholder" aria-labelledby="page-heading">
      <h1 id="page-heading">{title}</h1>
      <div className="notice notice--info">
        <p data-testid="area-placeholder">{message}</p>
      </div>
      <p className="area-placeholder__description">{description}</p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
