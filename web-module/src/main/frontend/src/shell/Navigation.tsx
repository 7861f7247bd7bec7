import { Link, useLocation } from 'react-router';
import { isInArea, navTestId, visibleAreas } from './areas';
import { useSession } from './SessionContext';

/**
 * The main navigation: real links; the one of the area being shown carries
 * `aria-current="page"`, also on the further addresses an area owns (a thread is in the forums).
 * Areas reserved for a role (the audit trail) appear only to those who hold it.
 */
export function Navigation() {
  const { me } = useSession();
  const { pathname } = useLocation();
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {visibleAreas(me).map((area) => {
          const { path, label, badge: Badge } = area;
          const current = isInArea(area, pathname);
          return (
            <li key={path}>
              <Link
                to={path}
                className={`main-nav__link${current ? ' active' : ''}`}
                aria-current={current ? 'page' : undefined}
                data-testid={navTestId({ path })}
              >
                {label}
                {Badge && <Badge />}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
