import { useEffect, useRef, type MouseEvent } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { PRODUCT_NAME } from '../common/usePageTitle';
import { UnreadCountProvider } from '../notifications/unreadCount';
import { SearchBox } from '../search/SearchBox';
import { Navigation } from './Navigation';
import { useSession } from './SessionContext';
import { UserMenu } from './UserMenu';

export const MAIN_ID = 'main-content';

/** Skip link target handling that does not put `#main-content` into the router's history. */
function skipToContent(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById(MAIN_ID);
  if (!main) return;
  event.preventDefault();
  main.focus();
}

/** The frame around every signed-in page: skip link, header, navigation, content, footer. */
export function Shell() {
  const { me, signOut } = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // After client-side navigation, move focus to the new content so keyboard and screen-reader
  // users start reading there, as they would after a full page load. (Compared by path rather
  // than "not the first render", so StrictMode's double effects do not steal focus on load.)
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <UnreadCountProvider>
      <div className="app">
        <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
          Skip to content
        </a>
        <header className="app-header">
          <div className="app-header__inner">
            <Link to="/" className="brand" aria-label={`${PRODUCT_NAME} home`}>
              <span className="brand__mark" aria-hidden="true" />
              <span className="brand__name">{PRODUCT_NAME}</span>
            </Link>
            <Navigation />
            <SearchBox />
            <UserMenu me={me} onSignOut={signOut} />
          </div>
        </header>
        <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="app-main">
          <Outlet />
        </main>
        <footer className="app-footer">
          <p>
            {PRODUCT_NAME} — Electronically Secure Collaboration Application Platform for Experts. What you see is
            limited to what your country and clearance allow.
          </p>
        </footer>
      </div>
    </UnreadCountProvider>
  );
}
