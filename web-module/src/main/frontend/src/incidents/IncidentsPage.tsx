import { Route, Routes } from 'react-router';
import type { Area } from '../common/area';
import { NotFoundPage } from '../shell/NotFoundPage';
import { IncidentListPage } from './IncidentListPage';
import { IncidentRoomPage } from './IncidentRoomPage';
import { LiveProvider } from './live/LiveContext';

const DESCRIPTION =
  'Incident rooms: work a live incident with responders from other countries, with chat, presence, status changes and a timeline.';

/** `/incidents` and `/incidents/:incidentId`, sharing one live connection. */
export function IncidentsPage() {
  return (
    <LiveProvider>
      <Routes>
        <Route index element={<IncidentListPage />} />
        <Route path=":incidentId" element={<IncidentRoomPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </LiveProvider>
  );
}

export const incidentsArea: Area = {
  path: '/incidents',
  label: 'Incidents',
  description: DESCRIPTION,
  available: true,
  page: IncidentsPage,
};
