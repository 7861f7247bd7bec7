import { Route, Routes } from 'react-router';
import type { Area } from '../common/area';
import { NotFoundPage } from '../shell/NotFoundPage';
import { ForumListPage } from './ForumListPage';
import { ForumPage } from './ForumPage';
import { ThreadPage } from './ThreadPage';

const DESCRIPTION =
  'Labelled discussion forums: threads and Markdown posts with replies, tags, mentions and full revision history.';

/** `/forums` and `/forums/:forumId`. */
export function ForumsPage() {
  return (
    <Routes>
      <Route index element={<ForumListPage />} />
      <Route path=":forumId" element={<ForumPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export const forumsArea: Area = {
  path: '/forums',
  label: 'Forums',
  description: DESCRIPTION,
  available: true,
  page: ForumsPage,
  routes: [{ path: '/threads/:threadId', page: ThreadPage }],
};
