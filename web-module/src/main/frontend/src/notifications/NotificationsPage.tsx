import { AreaPlaceholder } from '../common/AreaPlaceholder';
import type { Area } from '../common/area';

const DESCRIPTION =
  'Mentions, replies to your posts, incident membership and status changes, and articles awaiting your review.';

export function NotificationsPage() {
  return (
    <AreaPlaceholder
      title="Notifications"
      message="Notifications are not available yet — they arrive in a later release."
      description={DESCRIPTION}
    />
  );
}

export const notificationsArea: Area = {
  path: '/notifications',
  label: 'Notifications',
  description: DESCRIPTION,
  available: false,
  page: NotificationsPage,
};
