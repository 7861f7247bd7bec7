import { Link } from 'react-router';
import { usePageTitle } from './usePageTitle';

export interface NotAvailableProps {
  /** Where to go instead, e.g. the forum list. */
  backTo?: { path: string; label: string };
}

/**
 * The answer to a 404 from the server. Missing and unreadable content get byte-identical 404s,
 * and this page keeps it that way: the same words whatever the reason, no hint that anything
 * exists at the address.
 */
export function NotAvailable({ backTo = { path: '/', label: 'Go to the overview' } }: NotAvailableProps) {
  usePageTitle('Not found');
  return (
    <section className="page not-available" aria-labelledby="page-heading" data-testid="not-available">
      <h1 id="page-heading">Not found or not available to you</h1>
      <p>There is nothing here that you can open. Check the address, or follow a link from a list instead.</p>
      <p>
        <Link to={backTo.path}>{backTo.label}</Link>
      </p>
    </section>
  );
}
