import { Route, Routes } from 'react-router';
import { PROFILE_PATH, ProfilePage } from '../profile/ProfilePage';
import { AREAS } from './areas';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** Every route of the signed-in app. Each area also owns everything below its path. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<HomePage />} />
        <Route path={PROFILE_PATH} element={<ProfilePage />} />
        {AREAS.map(({ path, page: Page }) => (
          <Route key={path} path={`${path}/*`} element={<Page />} />
        ))}
        {AREAS.flatMap(({ routes = [] }) => routes).map(({ path, page: Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
