import { matchPath } from 'react-router';
import type { Me } from '../api/types';
import { auditArea } from '../audit/AuditPage';
import type { Area } from '../common/area';
import { hasRole } from '../common/roles';
import { forumsArea } from '../forums/ForumsPage';
import { incidentsArea } from '../incidents/IncidentsPage';
import { knowledgeArea } from '../knowledge/KnowledgeBasePage';
import { notificationsArea } from '../notifications/NotificationsPage';
import { searchArea } from '../search/SearchPage';

/** The areas in navigation order. Each feature folder owns its own entry. */
export const AREAS: readonly Area[] = [
  forumsArea,
  incidentsArea,
  knowledgeArea,
  searchArea,
  notificationsArea,
  auditArea,
];

/** The areas offered to this person: those without a required role, and those whose role they hold. */
export function visibleAreas(me: Pick<Me, 'roles'>): readonly Area[] {
  return AREAS.filter((area) => area.requiredRole === undefined || hasRole(me, area.requiredRole));
}

/** `/kb` → `nav-kb`: the test id of an area's navigation link. */
export function navTestId(area: Pick<Area, 'path'>): string {
  return `nav-${area.path.replace(/^\/+/, '').replace(/\//g, '-')}`;
}

/**
 * Whether an address belongs to an area: its own path and everything below it, and the further
 * addresses it owns (e.g. `/threads/:threadId` belongs to the forums).
 */
export function isInArea(area: Pick<Area, 'path' | 'routes'>, pathname: string): boolean {
  if (matchPath({ path: area.path, end: false }, pathname)) return true;
  return (area.routes ?? []).some(({ path }) => matchPath({ path, end: true }, pathname) !== null);
}
