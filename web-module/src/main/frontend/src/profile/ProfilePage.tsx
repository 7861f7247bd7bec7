import { useCallback } from 'react';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { accountConsoleUrl } from '../auth/accountConsole';
import { LoadError } from '../common/LoadError';
import { markingClassName } from '../common/marking';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { useSession } from '../shell/SessionContext';
import { countryName } from './countries';

export const PROFILE_PATH = '/profile';

/** What each realm role lets its holder do (PRODUCT.md, "Who uses it"). */
const ROLE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  member: 'Reads what your country and clearance allow, posts, chats and writes drafts.',
  moderator: 'Creates forums, moderates posts, reviews and publishes articles (never your own), runs incidents.',
  auditor: 'Reads the audit trail and verifies its chain.',
  admin: 'Operates the platform: imports, reindexing, settings — with no access beyond your own labels.',
};

function CountryValue({ code }: { code: string }) {
  const name = countryName(code);
  if (!name) return <>{code}</>;
  return (
    <>
      {name} <span className="profile__code">({code})</span>
    </>
  );
}

function ProfileFacts({ me }: { me: Me }) {
  return (
    <>
      <dl className="profile__facts">
        <dt>Display name</dt>
        <dd data-testid="profile-display-name">{me.displayName}</dd>

        <dt>Username</dt>
        <dd data-testid="profile-username">{me.username}</dd>

        <dt>Country</dt>
        <dd data-testid="profile-country">
          <CountryValue code={me.country} />
        </dd>

        <dt>Clearance</dt>
        <dd>
          <span className={`marking marking-chip ${markingClassName(me.clearance)}`} data-testid="profile-clearance">
            {me.clearance}
          </span>
        </dd>

        <dt>Roles</dt>
        <dd>
          {me.roles.length > 0 ? (
            <ul className="profile__roles" data-testid="profile-roles">
              {me.roles.map((role) => (
                <li key={role}>
                  <span className="role-chip">{role}</span>
                  {ROLE_DESCRIPTIONS[role] && <span className="profile__role-text"> {ROLE_DESCRIPTIONS[role]}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <span data-testid="profile-roles">none</span>
          )}
        </dd>

        <dt>User id</dt>
        <dd>
          <code data-testid="profile-id">{me.id}</code>
          <span className="profile__hint">ESCAPE&apos;s own id for your account, e.g. for a support request.</span>
        </dd>
      </dl>

      <div className="notice" data-testid="profile-admin-note">
        <p>Your country and clearance are set by identity administrators and cannot be changed here.</p>
        <p className="notice__more">
          Together they decide what you can read. If either is wrong, ask your organisation&apos;s identity
          administrator; a change takes effect within 30 seconds. Roles are assigned the same way.
        </p>
      </div>
    </>
  );
}

/** "My profile": who the platform currently takes the signed-in person to be. */
export function ProfilePage() {
  const { api, config } = useSession();
  usePageTitle('My profile');
  const load = useCallback((signal: AbortSignal) => api.getMe(signal), [api]);
  const { state, reload } = useLoad(load);

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="Your profile could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading your profile…" />;
  } else {
    body = <ProfileFacts me={state.data} />;
  }

  return (
    <section className="page profile" aria-labelledby="page-heading" data-testid="profile">
      <h1 id="page-heading">My profile</h1>
      <p className="lead">Your account as ESCAPE knows it right now.</p>
      {body}

      <h2>Password and sign-in</h2>
      <p>
        ESCAPE never sees your password. Your password, second factor and active sessions are managed by the
        sign-in service.
      </p>
      <p>
        <a href={accountConsoleUrl(config)} className="button button--secondary" data-testid="profile-account-link">
          Change password or sign-in settings
        </a>
      </p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
