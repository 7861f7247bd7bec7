import { NavLink } from 'react-router';
import { navTestId, visibleAreas } from './areas';
import { useSession } from './SessionContext';

/**
 * The main navigation: real links; the active one carries `aria-current="page"`. Areas reserved
 * for a role (the audit trail) appear only to those who hold it.
 */
export function Navigation() {
  const { me } = useSession();
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {visibleAreas(me).map(({ path, label, badge: Badge }) => (
          <li key={path}>
            <NavLink to={path} className="main-nav__link" data-testid={navTestId({ path })}>
              {label}
              {Badge && <Badge />}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
