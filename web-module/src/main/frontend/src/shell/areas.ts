import type { Area } from '../common/area';
import { forumsArea } from '../forums/ForumsPage';
import { incidentsArea } from '../incidents/IncidentsPage';
import { knowledgeArea } from '../knowledge/KnowledgeBasePage';
import { notificationsArea } from '../notifications/NotificationsPage';
import { searchArea } from '../search/SearchPage';

/** The areas in navigation order. Each feature folder owns its own entry. */
export const AREAS: readonly Area[] = [forumsArea, incidentsArea, knowledgeArea, searchArea, notificationsArea];
