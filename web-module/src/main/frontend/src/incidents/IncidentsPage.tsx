import { AreaPlaceholder } from '../common/AreaPlaceholder';
import type { Area } from '../common/area';

const DESCRIPTION =
  'Incident rooms: work a live incident with responders from other countries, with chat, presence, status changes and a timeline.';

export function IncidentsPage() {
  return (
    <AreaPlaceholder
      title="Incidents"
      message="Incident rooms are not available yet — they arrive in a later release."
      description={DESCRIPTION}
    />
  );
}

export const incidentsArea: Area = {
  path: '/incidents',
  label: 'Incidents',
  description: DESCRIPTION,
  available: false,
  page: IncidentsPage,
};
