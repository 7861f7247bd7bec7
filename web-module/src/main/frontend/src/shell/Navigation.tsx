import { NavLink } from 'react-router';
import { AREAS } from './areas';

/** The main navigation: real links; the active one carries `aria-current="page"`. */
export function Navigation() {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {AREAS.map((area) => (
          <li key={area.path}>
            <NavLink to={area.path} className="main-nav__link">
              {area.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
