import { AreaPlaceholder } from '../common/AreaPlaceholder';
import type { Area } from '../common/area';

const DESCRIPTION =
  'One search box over forums, incident history and the knowledge base, showing only what you may read.';

export function SearchPage() {
  return (
    <AreaPlaceholder
      title="Search"
      message="Search is not available yet — it arrives in a later release."
      description={DESCRIPTION}
    />
  );
}

export const searchArea: Area = {
  path: '/search',
  label: 'Search',
  description: DESCRIPTION,
  available: false,
  page: SearchPage,
};
