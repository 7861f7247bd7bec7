import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Notification, NotificationPage } from '../api/types';
import type { Area } from '../common/area';
import { formProblem } from '../common/formProblem';
import { LoadError } from '../common/LoadError';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { pageFrom, searchFor } from '../forums/forumSearch';
import { useSession } from '../shell/SessionContext';
import { NotificationBadge, useUnreadCount } from './unreadCount';

const DESCRIPTION =
  'Mentions, replies to your posts, incident membership and status changes, and articles awaiting your review.';

export const NOTIFICATION_PAGE_SIZE = 20;

function what(kind: string): string {
  if (kind === 'MENTION') return 'mentioned you in';
  if (kind === 'REPLY') return 'replied to your post in';
  if (kind === 'REVIEW_REQUESTED') return 'asks for your review of';
  if (kind === 'ARTICLE_PUBLISHED') return 'published your article';
  if (kind === 'ARTICLE_SENT_BACK') return 'sent back your article';
  return 'wrote in';
}

/** Where a notification leads, and the title of that place: a forum thread, an incident room or an article. */
function target(n: Notification): { path: string; title: string } | null {
  if (n.article) {
    return { path: `/kb/${encodeURIComponent(n.article.id)}`, title: n.article.title };
  }
  if (n.post) {
    return { path: `/threads/${encodeURIComponent(n.post.threadId)}#post-${encodeURIComponent(n.post.id)}`, title: n.post.threadTitle };
  }
  if (n.message) {
    return { path: `/incidents/${encodeURIComponent(n.message.incidentId)}#seq-${n.message.seq}`, title: n.message.incidentTitle };
  }
  return null;
}

interface RowProps {
  notification: Notification;
  onRead: (n: Notification) => Promise<void>;
}

function NotificationRow({ notification: n, onRead }: RowProps) {
  const [busy, setBusy] = useState(false);
  const link = target(n);
  return (
    <li className={`notification${n.read ? '' : ' notification--unread'}`} data-testid="notification-row" data-read={n.read}>
      <p className="notification__text">
        {!n.read && <span className="visually-hidden">Unread: </span>}
        <span className="notification__actor">{n.actor.displayName}</span>{' '}
        <span className="notification__username">@{n.actor.username}</span> {what(n.kind)}{' '}
        {link ? (
          <Link to={link.path} onClick={() => !n.read && void onRead(n).catch(() => undefined)} data-testid="notification-link">
            {link.title}
          </Link>
        ) : (
          <span className="muted">something no longer available</span>
        )}
      </p>
      <RelativeTime at={n.createdAt} className="notification__time" />
      {!n.read && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onRead(n).finally(() => setBusy(false));
          }}
          data-testid="notification-mark-read"
        >
          Mark read
        </button>
      )}
    </li>
  );
}

/** `/notifications`: mentions and replies, newest first; mark one or all read; unread only. */
export function NotificationsPage() {
  const { api } = useSession();
  const unreadCount = useUnreadCount();
  usePageTitle('Notifications');
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const unreadOnly = params.get('unread') === '1';
  const [items, setItems] = useState<Notification[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => api.listNotifications({ unread: unreadOnly, page, size: NOTIFICATION_PAGE_SIZE }, signal),
    [api, unreadOnly, page],
  );
  const { state, reload } = useLoad<NotificationPage>(load);
  const { set: setCount } = unreadCount;

  useEffect(() => {
    if (state.status !== 'ready') return;
    setItems(state.data.items);
    setCount(state.data.unread);
  }, [state.status, state.data, setCount]);

  const markRead = async (n: Notification) => {
    setProblem(null);
    try {
      await api.markNotificationRead(n.id);
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
      unreadCount.set(Math.max(0, unreadCount.unread - 1));
      unreadCount.refresh();
    } catch (error) {
      setProblem(formProblem(error, []).general);
    }
  };

  const markAll = async () => {
    setProblem(null);
    try {
      await api.markAllNotificationsRead();
      setItems((list) => list.map((x) => ({ ...x, read: true })));
      unreadCount.set(0);
    } catch (error) {
      setProblem(formProblem(error, []).general);
    }
  };

  let body;
  if (state.status === 'failed') {
    body = <LoadError title="Your notifications could not be loaded" error={state.error} onRetry={reload} />;
  } else if (state.data === undefined) {
    body = <LoadingState message="Loading notifications…" />;
  } else if (items.length === 0 && state.data.items.length === 0) {
    body = (
      <div className="empty-state" data-testid="notification-empty">
        <p>{unreadOnly ? 'No unread notifications. You are all caught up.' : 'No notifications yet. Mentions of you and replies to your posts appear here.'}</p>
      </div>
    );
  } else {
    const result = state.data;
    body = (
      <>
        <ul className="notification-list" aria-busy={state.status === 'loading'} data-testid="notification-list">
          {items.map((n) => (
            <NotificationRow key={n.id} notification={n} onRead={markRead} />
          ))}
        </ul>
        <Pager
          page={result.page}
          size={result.size}
          total={result.total}
          shown={items.length}
          onPage={(next) => setParams(new URLSearchParams(searchFor(next, { unread: unreadOnly })))}
          label="Notification pages"
          testId="notification-pager"
        />
      </>
    );
  }

  return (
    <section className="page notifications" aria-labelledby="page-heading">
      <div className="page-header">
        <h1 id="page-heading">Notifications</h1>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void markAll()}
          aria-disabled={unreadCount.unread === 0 || undefined}
          data-testid="notification-mark-all"
        >
          Mark all read
        </button>
      </div>
      <div className="list-toolbar">
        <label className="toggle">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => setParams(new URLSearchParams(searchFor(0, { unread: e.currentTarget.checked })))}
            data-testid="notification-unread-only"
          />
          Unread only
        </label>
      </div>
      {problem && (
        <p className="form-problem" role="alert" data-testid="form-problem">
          {problem}
        </p>
      )}
      {body}
    </section>
  );
}

export const notificationsArea: Area = {
  path: '/notifications',
  label: 'Notifications',
  description: DESCRIPTION,
  available: true,
  page: NotificationsPage,
  badge: NotificationBadge,
};
