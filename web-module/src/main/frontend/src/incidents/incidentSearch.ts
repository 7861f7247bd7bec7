/**
 * The incident list keeps its filters in the address (`?status=OPEN&severity=HIGH&mine=1&page=2`)
 * so a view can be reloaded or shared. Unknown values are ignored rather than sent.
 */
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from '../api/types';
import { pageFrom, searchFor } from '../forums/forumSearch';

export interface IncidentFilters {
  status: IncidentStatus | undefined;
  severity: Severity | undefined;
  mine: boolean;
  page: number;
}

export function filtersFrom(params: URLSearchParams): IncidentFilters {
  const status = INCIDENT_STATUSES.find((s) => s === params.get('status'));
  const severity = SEVERITIES.find((s) => s === params.get('severity'));
  return { status, severity, mine: params.get('mine') === '1', page: pageFrom(params) };
}

export function searchForFilters(filters: IncidentFilters): string {
  return searchFor(filters.page, { status: filters.status, severity: filters.severity, mine: filters.mine });
}
