import { useCallback, useMemo } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../api/problem';
import type { AuditEntry, Page } from '../api/types';
import type { Area } from '../common/area';
import { LoadError } from '../common/LoadError';
import { hasRole } from '../common/roles';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { AuditFilterForm } from './AuditFilterForm';
import {
  type AuditFilters,
  auditQuery,
  auditSearchParams,
  hasFilters,
  NO_FILTERS,
  parseAuditSearch,
} from './auditSearch';
import { AuditTable } from './AuditTable';
import { ChainVerification } from './ChainVerification';
import { entries, formatCount } from './format';

export const AUDIT_PAGE_SIZE = 20;

const DESCRIPTION =
  'The tamper-evident record of every write, label change, denied request and sensitive read, with filters and chain verification.';

/** Shown instead of the trail to anyone without the auditor role, and whenever the server says 403. */
function AuditForbidden({ detail }: { detail: string }) {
  return (
    <section className="page audit-forbidden" aria-labelledby="page-heading" data-testid="audit-forbidden">
      <h1 id="page-heading">Only auditors can view the audit trail</h1>
      <div className="notice notice--danger">
        <p data-testid="audit-forbidden-detail">{detail}</p>
      </div>
      <p>
        The audit trail records every write, label change, membership change, denied request and read above
        UNCLASSIFIED on the platform. Reading it and verifying its chain is reserved for the auditor role, which
        identity administrators assign.
      </p>
      <p>
        <Link to="/">Back to the overview</Link> · <Link to="/profile">See your roles</Link>
      </p>
    </section>
  );
}

interface ResultsProps {
  result: Page<AuditEntry>;
  busy: boolean;
  filtered: boolean;
  onPage: (page: number) => void;
  onClear: () => void;
}

function Results({ result, busy, filtered, onPage, onClear }: ResultsProps) {
  const { items, total, page, size } = result;

  if (items.length === 0) {
    let message: string;
    if (total > 0 && page > 0) {
      message = `Page ${formatCount(page + 1)} is past the end: there are ${entries(total)} in all.`;
    } else if (filtered) {
      message = 'No audit entries match these filters.';
    } else {
      message = 'The audit trail has no entries yet.';
    }
    return (
      <div className="empty-state" aria-busy={busy} data-testid="audit-empty">
        <p>{message}</p>
        {total > 0 && page > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => onPage(0)}>
            Go to the first page
          </button>
        ) : (
          filtered && (
            <button type="button" className="button button--secondary" onClick={onClear}>
              Clear the filters
            </button>
          )
        )}
      </div>
    );
  }

  const first = page * size + 1;
  const last = page * size + items.length;
  const range = `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`;
  const hasPrevious = page > 0;
  const hasNext = last < total;

  return (
    <>
      <AuditTable
        items={items}
        caption={`Audit entries ${range}${filtered ? ', filtered' : ''}`}
        busy={busy}
      />
      {/* aria-disabled rather than disabled: reaching the last page must not throw focus away. */}
      <nav className="pager" aria-label="Audit trail pages">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={!hasPrevious || undefined}
          onClick={() => hasPrevious && onPage(page - 1)}
          data-testid="audit-prev"
        >
          Previous
        </button>
        <p className="pager__range" data-testid="audit-range">
          {range}
        </p>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={!hasNext || undefined}
          onClick={() => hasNext && onPage(page + 1)}
          data-testid="audit-next"
        >
          Next
        </button>
      </nav>
    </>
  );
}

/** The audit trail for auditors: filters kept in the address, one page at a time, and verification. */
function AuditTrail() {
  const { api } = useSession();
  const location = useLocation();
  const [, setSearchParams] = useSearchParams();
  const search = useMemo(() => parseAuditSearch(location.search), [location.search]);
  const { filters } = search;

  const load = useCallback(
    (signal: AbortSignal) => api.getAuditTrail(auditQuery(search, AUDIT_PAGE_SIZE), signal),
    [api, search],
  );
  const { state, reload } = useLoad(load);

  const show = useCallback(
    (next: { filters: AuditFilters; page: number }) => {
      const params = auditSearchParams(next);
      if (params.toString() === auditSearchParams(search).toString()) {
        reload(); // same view asked for again: fetch it afresh
      } else {
        setSearchParams(params);
      }
    },
    [search, reload, setSearchParams],
  );
  const apply = useCallback((next: AuditFilters) => show({ filters: next, page: 0 }), [show]);
  const clear = useCallback(() => show({ filters: NO_FILTERS, page: 0 }), [show]);
  const goToPage = useCallback((next: number) => show({ filters, page: next }), [show, filters]);

  if (state.status === 'failed' && state.error instanceof ApiError && state.error.status === 403) {
    const { problem } = state.error;
    return <AuditForbidden detail={problem.detail || problem.title} />;
  }

  let results;
  if (state.status === 'failed') {
    results = <LoadError title="The audit trail could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    results = <LoadingState message="Loading audit entries…" />;
  } else {
    results = (
      <Results
        result={state.data}
        busy={state.status === 'loading'}
        filtered={hasFilters(filters)}
        onPage={goToPage}
        onClear={clear}
      />
    );
  }

  return (
    <section className="page page--wide audit" aria-labelledby="page-heading">
      <h1 id="page-heading">Audit trail</h1>
      <p className="lead">
        Every write, label change, membership change, denied request and read above UNCLASSIFIED, in order. Each
        entry carries the SHA-256 of the one before it, so changing or removing history breaks the chain.
      </p>
      <ChainVerification />
      <h2>Entries</h2>
      <AuditFilterForm filters={filters} onApply={apply} onClear={clear} />
      <p className="audit__progress" role="status" aria-live="polite">
        {state.status === 'loading' && state.data !== undefined ? 'Updating…' : ''}
      </p>
      {results}
    </section>
  );
}

/** `/audit`: the trail for auditors; a plain refusal for everyone else, without asking the server. */
export function AuditPage() {
  const { me } = useSession();
  usePageTitle('Audit trail');
  if (!hasRole(me, 'auditor')) {
    return (
      <AuditForbidden
        detail={`You are signed in as ${me.username}, without the auditor role. Roles are assigned by identity administrators.`}
      />
    );
  }
  return <AuditTrail />;
}

export const auditArea: Area = {
  path: '/audit',
  label: 'Audit trail',
  description: DESCRIPTION,
  available: true,
  requiredRole: 'auditor',
  page: AuditPage,
};
