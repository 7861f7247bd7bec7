// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, Message } from '../api/types';
import { LiveOverridesProvider, type LiveOverrides } from '../incidents/live/LiveContext';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { authorOf, BASHIR } from '../testing/forumFixtures';
import { FakeSocket } from '../testing/fakeSocket';
import { entry, incident, INCIDENT_ID, member, messagePage } from '../testing/incidentFixtures';
import { changeValue, interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { article, ARTICLE_ID } from './articleFixtures';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

const TIMELINE: Message[] = [
  entry(1, { kind: 'CREATED', author: authorOf(ALICE), body: 'Ransomware at GovCERT-X' }),
  entry(2, { body: 'Encrypted **shares** on FS01', html: '<p>Encrypted <strong>shares</strong> on FS01</p>' }),
  entry(3, { kind: 'STATUS', body: 'RESOLVED' }),
  entry(4, { body: 'Restored from offline backups', author: authorOf(ALICE), label: { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] } }),
];

async function openRoom(room: Incident, routes: Record<string, FakeRoute> = {}) {
  const sockets: FakeSocket[] = [];
  const overrides: LiveOverrides = {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    socketUrl: (ticket) => `ws://test/ws?ticket=${ticket}`,
    newClientId: () => 'c-1',
    random: () => 0,
    isOnline: () => true,
  };
  const server = fakeApi({
    [`GET /incidents/${INCIDENT_ID}`]: () => jsonResponse(room),
    [`GET /incidents/${INCIDENT_ID}/members`]: () => jsonResponse({ items: [member(authorOf(ALICE), { role: 'COMMANDER' }), member(authorOf(BASHIR))], total: 2 }),
    [`GET /incidents/${INCIDENT_ID}/messages`]: () => jsonResponse(messagePage(TIMELINE, 4)),
    'POST /ws-tickets': () => jsonResponse({ ticket: 't1', expiresAt: '2026-03-01T10:00:30Z' }, 201),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    [`GET /articles/${ARTICLE_ID}`]: () => jsonResponse(article({ status: 'DRAFT', actions: ['edit'] })),
    ...routes,
  });
  app = await renderApp(`/incidents/${INCIDENT_ID}`, {
    me: ALICE,
    api: server.api,
    wrap: (r) => <LiveOverridesProvider value={overrides}>{r}</LiveOverridesProvider>,
  });
  await waitFor(() => app!.byTestId('incident-room'));
  await waitFor(() => app!.byTestId('timeline'));
  return { ...app, server };
}

describe('promote an incident to an article', () => {
  it('is not offered while the incident is open', async () => {
    const { queryByTestId } = await openRoom(incident({ status: 'OPEN' }));
    expect(queryByTestId('promote-button')).toBeNull();
  });

  it('quotes the ticked messages, with an optional title, and opens the draft in the editor', async () => {
    const { byTestId, container, server, location } = await openRoom(incident({ status: 'RESOLVED' }), {
      [`POST /incidents/${INCIDENT_ID}/promote`]: () => jsonResponse(article({ status: 'DRAFT', actions: ['edit'] }), 201),
    });
    await interact(() => byTestId('promote-button').click());
    expect(byTestId('promote-button').getAttribute('aria-expanded')).toBe('true');
    const form = byTestId('promote-form');
    // Only chat messages may be quoted; system events are in the draft's timeline anyway.
    expect(Array.from(form.querySelectorAll('input[type="checkbox"]')).map((i) => i.getAttribute('data-testid'))).toEqual([
      'promote-pick-2',
      'promote-pick-4',
    ]);
    expect(form.textContent).toContain('CONFIDENTIAL//REL TO GBR, KEN');
    expect(form.textContent).toContain('Encrypted **shares** on FS01');
    await interact(() => byTestId('promote-pick-4').click());
    await interact(() => byTestId('promote-pick-2').click());
    await changeValue(byTestId('promote-title'), ' Restoring file servers after ransomware ');
    await interact(() => byTestId('promote-submit').click());
    await waitFor(() => expect(location.current).toBe(`/kb/${ARTICLE_ID}/edit`));
    expect(server.callsTo(`POST /incidents/${INCIDENT_ID}/promote`)[0]!.body).toEqual({
      title: 'Restoring file servers after ransomware',
      messages: [2, 4],
    });
    await waitFor(() => container.querySelector('[data-testid="article-editor"]'));
  });

  it('sends no title when none is given, and shows a refusal', async () => {
    const { byTestId, server } = await openRoom(incident({ status: 'CLOSED', canPost: false }), {
      [`POST /incidents/${INCIDENT_ID}/promote`]: () => problemResponse(400, 'Invalid request', 'message 4 cannot be quoted'),
    });
    await interact(() => byTestId('promote-button').click());
    await interact(() => byTestId('promote-all').click());
    await interact(() => byTestId('promote-submit').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toContain('message 4 cannot be quoted'));
    expect(server.callsTo(`POST /incidents/${INCIDENT_ID}/promote`)[0]!.body).toEqual({ messages: [2, 4] });
    await interact(() => byTestId('promote-cancel').click());
    expect(app!.queryByTestId('promote-form')).toBeNull();
  });
});
