import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../common/usePageTitle';

/** Any address the app does not know. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  usePageTitle('Page not found');
  return (
    <section className="page not-found" aria-labelledby="page-heading">
      <h1 id="page-heading" data-testid="not-found">
        Page not found
      </h1>
      <p>
        There is no page at <code>{pathname}</code>. The address may be mistyped, or the page may have moved.
      </p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </section>
  );
}
