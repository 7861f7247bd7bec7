import { useCallback, useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { Link } from 'react-router';
import type { Me } from '../api/types';
import { PROFILE_PATH } from '../profile/ProfilePage';
import { formatUserSummary, initials } from './userSummary';

export interface UserMenuProps {
  me: Me;
  onSignOut: () => Promise<void> | void;
}

/**
 * The account button in the header and the panel it discloses: who is signed in, with which
 * country, clearance and roles, a link to "My profile", and "Sign out". Escape, a click outside or moving focus away
 * closes it; Escape returns focus to the button.
 */
export function UserMenu({ me, onSignOut }: UserMenuProps) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close(true);
      }
    };
    const onPointerDown = (event: Event) => {
      if (event.target instanceof Node && containerRef.current?.contains(event.target)) return;
      close(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open, close]);

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    if (next instanceof Node && containerRef.current?.contains(next)) return;
    if (next === null) return; // focus went nowhere (e.g. the window lost focus): keep it open
    setOpen(false);
  };

  const signOut = async () => {
    setSigningOut(true);
    try {
      await onSignOut();
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <div className="user-menu" ref={containerRef} onBlur={onBlur}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account: ${me.displayName}`}
        onClick={() => setOpen((value) => !value)}
        data-testid="user-menu-button"
      >
        <span className="avatar" aria-hidden="true">
          {initials(me)}
        </span>
        <span className="user-menu__button-name">{me.displayName}</span>
        <span className="user-menu__caret" aria-hidden="true" />
      </button>
      <div
        id={panelId}
        className="user-menu__panel"
        hidden={!open}
        tabIndex={-1}
        role="group"
        aria-label="Your account"
        data-testid="user-menu"
      >
        <p className="user-menu__name" data-testid="user-display-name">
          {me.displayName}
        </p>
        <p className="user-menu__username">
          Signed in as <span data-testid="user-username">{me.username}</span>
        </p>
        <dl className="user-menu__facts">
          <dt>Country · clearance</dt>
          <dd data-testid="user-summary">{formatUserSummary(me)}</dd>
          <dt>Roles</dt>
          <dd>
            {me.roles.length > 0 ? (
              <ul className="role-list" data-testid="user-roles">
                {me.roles.map((role) => (
                  <li key={role} className="role-chip">
                    {role}
                  </li>
                ))}
              </ul>
            ) : (
              <span data-testid="user-roles">none</span>
            )}
          </dd>
        </dl>
        <p className="user-menu__links">
          <Link to={PROFILE_PATH} className="user-menu__link" onClick={() => setOpen(false)} data-testid="user-menu-profile">
            My profile
          </Link>
        </p>
        <button
          type="button"
          className="button button--secondary user-menu__sign-out"
          onClick={() => void signOut()}
          disabled={signingOut}
          data-testid="sign-out"
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </div>
  );
}
