import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useSession } from '../shell/SessionContext';

/** How often the unread count is asked for while the app is open (and on every route change). */
export const UNREAD_POLL_MS = 30_000;

export interface UnreadCountValue {
  /** Unread notifications the user may still read (the server drops unreadable ones). */
  unread: number;
  /** Ask the server again now. */
  refresh: () => void;
  /** Take a count the app already has (e.g. from the notification list). */
  set: (unread: number) => void;
}

const UnreadCountContext = createContext<UnreadCountValue>({ unread: 0, refresh: () => undefined, set: () => undefined });

export function useUnreadCount(): UnreadCountValue {
  return useContext(UnreadCountContext);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Keeps the unread notification count: `GET /notifications/unread-count` on start, on every
 * route change and every 30 s while the page is visible. A failed poll keeps the last count
 * quietly; the badge is a hint, not a view that could show an error.
 */
export function UnreadCountProvider({ children }: { children: ReactNode }) {
  const { api } = useSession();
  const { pathname, search } = useLocation();
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.getUnreadCount(controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted && isCount(answer?.unread)) setUnread(answer.unread);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [api, pathname, search, tick]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') setTick((n) => n + 1);
    }, UNREAD_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const set = useCallback((n: number) => {
    if (isCount(n)) setUnread(n);
  }, []);
  const value = useMemo(() => ({ unread, refresh, set }), [unread, refresh, set]);
  return <UnreadCountContext.Provider value={value}>{children}</UnreadCountContext.Provider>;
}

/** The count on the Notifications navigation link; nothing at 0. */
export function NotificationBadge() {
  const { unread } = useUnreadCount();
  if (unread <= 0) return null;
  const text = unread > 99 ? '99+' : String(unread);
  return (
    <>
      <span className="nav-badge" aria-hidden="true" data-testid="notification-badge">
        {text}
      </span>
      <span className="visually-hidden"> ({unread} unread)</span>
    </>
  );
}
