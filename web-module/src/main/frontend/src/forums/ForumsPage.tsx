import { AreaPlaceholder } from '../common/AreaPlaceholder';
import type { Area } from '../common/area';

const DESCRIPTION =
  'Labelled discussion forums: threads and Markdown posts with replies, tags, mentions and full revision history.';

export function ForumsPage() {
  return (
    <AreaPlaceholder
      title="Forums"
      message="Forums are not available yet — they arrive in a later release."
      description={DESCRIPTION}
    />
  );
}

export const forumsArea: Area = {
  path: '/forums',
  label: 'Forums',
  description: DESCRIPTION,
  available: false,
  page: ForumsPage,
};
