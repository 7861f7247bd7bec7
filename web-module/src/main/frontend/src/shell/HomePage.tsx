import { Link } from 'react-router';
import { CLASSIFICATIONS } from '../api/types';
import { markingClassName } from '../common/marking';
import { usePageTitle } from '../common/usePageTitle';
import { visibleAreas } from './areas';
import { useSession } from './SessionContext';

/** The landing page: a greeting and a short tour of the platform. */
export function HomePage() {
  const { me } = useSession();
  usePageTitle('Overview');
  return (
    <section className="page home" aria-labelledby="page-heading">
      <h1 id="page-heading" data-testid="welcome">
        Welcome, {me.displayName}
      </h1>
      <p className="lead">
        ESCAPE is where national CERT and CSIRT experts work incidents together, publish what they learned and find
        what worked last time. You are signed in as <strong>{me.username}</strong>.
      </p>

      <h2>Areas</h2>
      <ul className="area-list">
        {visibleAreas(me).map((area) => (
          <li key={area.path} className="area-card">
            <h3 className="area-card__title">
              <Link to={area.path}>{area.label}</Link>
            </h3>
            <p className="area-card__description">{area.description}</p>
            {!area.available && <p className="badge">Not available yet</p>}
          </li>
        ))}
      </ul>

      <h2>Markings</h2>
      <p>
        Every forum, thread, post, incident, chat message and article carries a security label, and its marking is
        shown with it — for example <code>CONFIDENTIAL//REL TO GBR, KEN</code>, or just <code>CONFIDENTIAL</code>{' '}
        when it is releasable to every country. You see an item only when your clearance is at least its
        classification and your country is among those it is released to; anything else does not appear anywhere,
        not even in counts or search suggestions.
      </p>
      <ul className="marking-legend" aria-label="Classification levels, lowest first">
        {CLASSIFICATIONS.map((level) => (
          <li key={level} className={`marking marking-chip ${markingClassName(level)}`}>
            {level}
          </li>
        ))}
      </ul>
    </section>
  );
}
