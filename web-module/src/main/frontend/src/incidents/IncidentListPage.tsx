import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { INCIDENT_STATUSES, SEVERITIES, type Incident, type Page } from '../api/types';
import { LoadError } from '../common/LoadError';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { MarkingChip } from '../forums/MarkingChip';
import { useSession } from '../shell/SessionContext';
import { SeverityBadge, severityText, StatusBadge, statusText } from './IncidentBadges';
import { filtersFrom, searchForFilters, type IncidentFilters } from './incidentSearch';
import { NewIncidentForm } from './NewIncidentForm';

export const INCIDENT_PAGE_SIZE = 20;

export function incidentPath(id: string): string {
  return `/incidents/${encodeURIComponent(id)}`;
}

function roleText(role: string): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

function IncidentRow({ incident }: { incident: Incident }) {
  return (
    <li className={`incident-row incident-row--${incident.severity.toLowerCase()}`} data-testid="incident-row">
      <div className="incident-row__main">
        <h2 className="incident-row__title">
          <Link to={incidentPath(incident.id)}>{incident.title}</Link>
        </h2>
        {incident.summary && <p className="incident-row__summary">{incident.summary}</p>}
        <p className="incident-row__meta">
          <SeverityBadge severity={incident.severity} />
          <StatusBadge status={incident.status} />
          <MarkingChip item={incident} />
          {incident.access === 'CLEARED' && <span className="badge">Open to the cleared</span>}
          {incident.myRole && (
            <span className="badge badge--role" data-testid="incident-my-role">
              {roleText(incident.myRole)}
            </span>
          )}
        </p>
      </div>
      <dl className="incident-row__stats">
        <div>
          <dt>Members</dt>
          <dd data-testid="incident-member-count">{incident.memberCount}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <RelativeTime at={incident.updatedAt} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

function IncidentList({ result, filters, onPage, onCreate }: { result: Page<Incident>; filters: IncidentFilters; onPage: (page: number) => void; onCreate: (() => void) | undefined }) {
  if (result.items.length === 0) {
    const filtered = filters.status !== undefined || filters.severity !== undefined || filters.mine;
    return (
      <div className="empty-state" data-testid="incident-empty">
        {result.page > 0 ? (
          <p>This page is past the end of the list.</p>
        ) : filtered ? (
          <p>No incidents you can read match these filters.</p>
        ) : (
          <>
            <p>No incidents you can read yet.</p>
            <p className="empty-state__hint">
              When something happens, open a room and pull in the responders you need.{' '}
              {onCreate && (
                <button type="button" className="link-button" onClick={onCreate} data-testid="incident-empty-create">
                  Open an incident room
                </button>
              )}
            </p>
          </>
        )}
      </div>
    );
  }
  return (
    <>
      <ul className="incident-list" data-testid="incident-list">
        {result.items.map((incident) => (
          <IncidentRow key={incident.id} incident={incident} />
        ))}
      </ul>
      <Pager
        page={result.page}
        size={result.size}
        total={result.total}
        shown={result.items.length}
        onPage={onPage}
        label="Incident pages"
        testId="incident-pager"
        noun="incidents"
      />
    </>
  );
}

/** `/incidents`: the incidents the user may read, filtered by status, severity and "mine". */
export function IncidentListPage() {
  const { api } = useSession();
  usePageTitle('Incidents');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const { status, severity, mine, page } = filters;
  const [creating, setCreating] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) => api.listIncidents({ status, severity, mine, page, size: INCIDENT_PAGE_SIZE }, signal),
    [api, status, severity, mine, page],
  );
  const { state, reload } = useLoad(load);
  const setFilters = (change: Partial<IncidentFilters>) =>
    setParams(new URLSearchParams(searchForFilters({ ...filters, page: 0, ...change })));

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="The incidents could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading incidents…" />;
  } else {
    body = (
      <div aria-busy={state.status === 'loading'}>
        <IncidentList
          result={state.data}
          filters={filters}
          onPage={(next) => setFilters({ page: next })}
          onCreate={creating ? undefined : () => setCreating(true)}
        />
      </div>
    );
  }

  return (
    <section className="page page--wide incidents" aria-labelledby="page-heading">
      <div className="page-header">
        <h1 id="page-heading">Incidents</h1>
        {!creating && (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="new-incident-button">
            New incident
          </button>
        )}
      </div>
      <p className="lead">Live incident rooms. You see the incidents your country and clearance allow, and of those with restricted membership only your own.</p>
      {creating && <NewIncidentForm onCreated={(incident) => navigate(incidentPath(incident.id))} onCancel={() => setCreating(false)} />}
      <div className="list-toolbar" role="group" aria-label="Filters">
        <label className="filter">
          <span>Status</span>
          <select
            className="input"
            value={status ?? ''}
            onChange={(e) => setFilters({ status: INCIDENT_STATUSES.find((s) => s === e.currentTarget.value) })}
            data-testid="incident-filter-status"
          >
            <option value="">Any</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Severity</span>
          <select
            className="input"
            value={severity ?? ''}
            onChange={(e) => setFilters({ severity: SEVERITIES.find((s) => s === e.currentTarget.value) })}
            data-testid="incident-filter-severity"
          >
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityText(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={mine} onChange={(e) => setFilters({ mine: e.currentTarget.checked })} data-testid="incident-filter-mine" />
          Only incidents I am a member of
        </label>
      </div>
      {body}
    </section>
  );
}
