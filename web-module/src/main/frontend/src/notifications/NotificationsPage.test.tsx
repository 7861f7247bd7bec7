// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notification } from '../api/types';
import { fakeApi, type FakeRoute, jsonResponse } from '../testing/fakeApi';
import { BASHIR, noContent, notification, thread } from '../testing/forumFixtures';
import { interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { UNREAD_POLL_MS } from './unreadCount';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
  vi.useRealTimers();
});

const ITEMS: Notification[] = [
  notification(1, { post: { id: 'p1', threadId: 't1', threadTitle: 'Emotet <b>back</b>' } }),
  notification(2, { kind: 'REPLY', read: true }),
];

function listRoute(items = ITEMS, unread = 1): FakeRoute {
  return ({ query }) => {
    const shown = query.get('unread') === 'true' ? items.filter((n) => !n.read) : items;
    return jsonResponse({ items: shown, total: shown.length, page: 0, size: 20, unread });
  };
}

async function open(path: string, routes: Record<string, FakeRoute>) {
  const server = fakeApi(routes);
  app = await renderApp(path, { me: BASHIR, api: server.api });
  return { ...app, server };
}

const rows = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="notification-row"]'));

describe('notification badge', () => {
  it('shows the unread count on the Notifications link, and nothing at 0', async () => {
    let unread = 3;
    const { byTestId, queryByTestId } = await open('/', {
      'GET /notifications/unread-count': () => jsonResponse({ unread }),
    });
    const badge = await waitFor(() => byTestId('notification-badge'));
    expect(badge.textContent).toBe('3');
    expect(byTestId('nav-notifications').contains(badge)).toBe(true);
    expect(byTestId('nav-notifications').textContent).toBe('Notifications3 (3 unread)');
    unread = 0;
    await interact(() => byTestId('nav-forums').click());
    await waitFor(() => expect(queryByTestId('notification-badge')).toBeNull());
  });

  it('polls every 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { server } = await open('/', { 'GET /notifications/unread-count': () => jsonResponse({ unread: 1 }) });
    await waitFor(() => expect(server.callsTo('GET /notifications/unread-count')).toHaveLength(1));
    await interact(() => vi.advanceTimersByTime(UNREAD_POLL_MS));
    await waitFor(() => expect(server.callsTo('GET /notifications/unread-count')).toHaveLength(2));
  });

  it('stays quiet when the count cannot be had', async () => {
    const { queryByTestId, byTestId } = await open('/', {});
    await waitFor(() => byTestId('welcome'));
    expect(queryByTestId('notification-badge')).toBeNull();
  });
});

describe('notifications page', () => {
  it('lists mentions and replies with actor, thread link to the post, time and unread style', async () => {
    const { container, byTestId } = await open('/notifications', { 'GET /notifications': listRoute() });
    await waitFor(() => expect(rows(container)).toHaveLength(2));
    const [first, second] = rows(container);
    expect(first!.classList.contains('notification--unread')).toBe(true);
    expect(second!.classList.contains('notification--unread')).toBe(false);
    expect(first!.textContent).toContain('Alice Moderator @alice mentioned you in Emotet <b>back</b>');
    expect(first!.querySelector('b')).toBeNull();
    expect(first!.querySelector('a')?.getAttribute('href')).toBe('/threads/t1#post-p1');
    expect(second!.textContent).toContain('replied to your post in');
    expect(first!.querySelector('time')).not.toBeNull();
    expect(second!.querySelector('[data-testid="notification-mark-read"]')).toBeNull();
    expect(byTestId('notification-badge').textContent).toBe('1');
  });

  it('links a mention in an incident chat to the room', async () => {
    const items = [
      notification(3, { post: null, message: { id: 'm1', incidentId: 'i1', incidentTitle: 'Ransomware <i>x</i>', seq: 7 } }),
    ];
    const { container } = await open('/notifications', { 'GET /notifications': listRoute(items) });
    await waitFor(() => expect(rows(container)).toHaveLength(1));
    const [row] = rows(container);
    expect(row!.textContent).toContain('Alice Moderator @alice mentioned you in Ransomware <i>x</i>');
    expect(row!.querySelector('a')?.getAttribute('href')).toBe('/incidents/i1#seq-7');
  });

  it('links article notifications (review requested, published, sent back) to the article', async () => {
    const items = [
      notification(4, { kind: 'REVIEW_REQUESTED', post: null, article: { id: 'k1', title: 'Isolate hosts' } }),
      notification(5, { kind: 'ARTICLE_PUBLISHED', post: null, article: { id: 'k2', title: 'Block SMB' } }),
      notification(6, { kind: 'ARTICLE_SENT_BACK', post: null, article: { id: 'k/3', title: 'Reset krbtgt' } }),
    ];
    const { container } = await open('/notifications', { 'GET /notifications': listRoute(items) });
    await waitFor(() => expect(rows(container)).toHaveLength(3));
    expect(rows(container).map((r) => [r.querySelector('.notification__text')?.textContent, r.querySelector('a')?.getAttribute('href')])).toEqual([
      ['Unread: Alice Moderator @alice asks for your review of Isolate hosts', '/kb/k1'],
      ['Unread: Alice Moderator @alice published your article Block SMB', '/kb/k2'],
      ['Unread: Alice Moderator @alice sent back your article Reset krbtgt', '/kb/k%2F3'],
    ]);
  });

  it('marks one read and updates the badge', async () => {
    let unread = 1;
    const { container, byTestId, queryByTestId, server } = await open('/notifications', {
      'GET /notifications': listRoute(),
      'GET /notifications/unread-count': () => jsonResponse({ unread }),
      [`POST /notifications/${ITEMS[0]!.id}/read`]: () => {
        unread = 0;
        return noContent();
      },
    });
    await waitFor(() => expect(rows(container)).toHaveLength(2));
    await interact(() => byTestId('notification-mark-read').click());
    await waitFor(() => expect(rows(container)[0]!.classList.contains('notification--unread')).toBe(false));
    expect(server.callsTo(`POST /notifications/${ITEMS[0]!.id}/read`)).toHaveLength(1);
    await waitFor(() => expect(queryByTestId('notification-badge')).toBeNull());
  });

  it('marks all read', async () => {
    const { container, byTestId, server } = await open('/notifications', {
      'GET /notifications': listRoute([notification(1), notification(2)], 2),
      'POST /notifications/read-all': () => noContent(),
    });
    await waitFor(() => expect(rows(container)).toHaveLength(2));
    await interact(() => byTestId('notification-mark-all').click());
    await waitFor(() => expect(container.querySelectorAll('.notification--unread')).toHaveLength(0));
    expect(server.callsTo('POST /notifications/read-all')).toHaveLength(1);
  });

  it('filters to unread only through the address', async () => {
    const { container, byTestId, location, server } = await open('/notifications', { 'GET /notifications': listRoute() });
    await waitFor(() => expect(rows(container)).toHaveLength(2));
    await interact(() => byTestId('notification-unread-only').click());
    expect(location.current).toBe('/notifications?unread=1');
    await waitFor(() => expect(rows(container)).toHaveLength(1));
    expect(server.callsTo('GET /notifications').at(-1)!.query.toString()).toBe('unread=true&page=0&size=20');
  });

  it('has an empty state', async () => {
    const { byTestId } = await open('/notifications?unread=1', { 'GET /notifications': listRoute([], 0) });
    await waitFor(() => expect(byTestId('notification-empty').textContent).toMatch(/all caught up/));
  });

  it('opens the thread at the post from a notification', async () => {
    const { container, location } = await open('/notifications', {
      'GET /notifications': listRoute(),
      'POST /notifications/n0000000-0000-4000-8000-000000000001/read': () => noContent(),
      'GET /threads/t1': () => jsonResponse(thread({ id: 't1' })),
      'GET /threads/t1/posts': () => jsonResponse({ items: [], total: 0, page: 0, size: 20 }),
    });
    await waitFor(() => expect(rows(container)).toHaveLength(2));
    await interact(() => rows(container)[0]!.querySelector('a')!.click());
    expect(location.current).toBe('/threads/t1');
  });
});
