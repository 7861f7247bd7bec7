// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, Message } from '../api/types';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { authorOf, BASHIR, noContent, pageOf, problemWith } from '../testing/forumFixtures';
import { FakeSocket } from '../testing/fakeSocket';
import { CHEN, entry, incident, INCIDENT_ID, member, messagePage } from '../testing/incidentFixtures';
import { changeText, changeValue, interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { LiveOverridesProvider, type LiveOverrides } from './live/LiveContext';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

const PATH = `/incidents/${INCIDENT_ID}`;
const RESTRICTED = { classification: 'RESTRICTED', releasableTo: ['ALL'] } as const;
const CONF_GBR_KEN = { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] } as const;
const ROOM = incident({ label: { ...RESTRICTED, releasableTo: ['ALL'] }, latestSeq: 4 });

function timeline(): Message[] {
  return [
    entry(1, { kind: 'CREATED', clientId: null, author: authorOf(ALICE), body: 'Ransomware at GovCERT-X', label: ROOM.label }),
    entry(2, { label: ROOM.label, html: '<p>Encrypted <strong>shares</strong></p>', body: 'Encrypted **shares**' }),
    entry(3, { label: ROOM.label, body: 'second', html: '<p>second</p>' }),
    entry(4, { label: { ...CONF_GBR_KEN, releasableTo: ['GBR', 'KEN'] }, body: 'IOC list', html: '<p>IOC list</p>', author: authorOf(ALICE) }),
  ];
}

interface Opened extends RenderedApp {
  server: ReturnType<typeof fakeApi>;
  sockets: FakeSocket[];
  socket: () => FakeSocket;
}

async function open(options: { room?: Incident; entries?: Message[]; routes?: Record<string, FakeRoute>; me?: typeof ALICE; connect?: boolean; path?: string } = {}): Promise<Opened> {
  const room = options.room ?? ROOM;
  const entries = options.entries ?? timeline();
  const sockets: FakeSocket[] = [];
  let ids = 0;
  const overrides: LiveOverrides = {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    socketUrl: (ticket) => `ws://test/ws?ticket=${ticket}`,
    newClientId: () => `c-${++ids}`,
    random: () => 0,
    isOnline: () => true,
  };
  let tickets = 0;
  const server = fakeApi({
    [`GET /incidents/${INCIDENT_ID}`]: () => jsonResponse(room),
    [`GET /incidents/${INCIDENT_ID}/members`]: () =>
      jsonResponse({ items: [member(authorOf(ALICE), { role: 'COMMANDER', online: true }), member(authorOf(BASHIR))], total: 2 }),
    [`GET /incidents/${INCIDENT_ID}/messages`]: () => jsonResponse(messagePage(entries, room.latestSeq)),
    'POST /ws-tickets': () => jsonResponse({ ticket: `t${++tickets}`, expiresAt: '2026-03-01T10:00:30Z' }, 201),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    ...options.routes,
  });
  app = await renderApp(options.path ?? PATH, {
    me: options.me ?? ALICE,
    api: server.api,
    wrap: (routes) => <LiveOverridesProvider value={overrides}>{routes}</LiveOverridesProvider>,
  });
  await waitFor(() => expect(app!.queryByTestId('incident-room') ?? app!.queryByTestId('not-available')).not.toBeNull());
  const opened = { ...app, server, sockets, socket: () => sockets[sockets.length - 1]! };
  if (options.connect !== false && app.queryByTestId('incident-room')) {
    await waitFor(() => expect(sockets.length).toBe(1));
    await interact(() => opened.socket().open());
  }
  return opened;
}

const openAt = (path: string, routes: Record<string, FakeRoute>) => open({ path, routes });
const frame = async (o: Opened, data: unknown) => interact(() => o.socket().receive(data));
const seqs = (c: HTMLElement) => Array.from(c.querySelectorAll('[data-seq]')).map((e) => Number(e.getAttribute('data-seq')));
const key = (target: HTMLElement, name: string, init: KeyboardEventInit = {}) =>
  interact(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));
  });

describe('incident room', () => {
  it('shows the most restrictive marking at top and bottom, the header, and the timeline with sanitized html', async () => {
    const { container, byTestId } = await open();
    const banners = Array.from(container.querySelectorAll('[data-testid="marking-banner"]')).map((b) => b.textContent);
    expect(banners).toEqual(['CONFIDENTIAL//REL TO GBR, KEN', 'CONFIDENTIAL//REL TO GBR, KEN']);
    expect(container.querySelector('h1')?.textContent).toBe('Ransomware at GovCERT-X');
    expect(byTestId('incident-marking').textContent).toBe('RESTRICTED');
    expect(seqs(container)).toEqual([1, 2, 3, 4]);
    expect(byTestId('timeline-event').textContent).toMatch(/Alice Moderator opened the incident/);
    const messages = Array.from(container.querySelectorAll<HTMLElement>('[data-testid="timeline-message"]'));
    expect(messages[0]!.querySelector('strong')?.textContent).toBe('shares');
    // per-message marking only where it differs from the room's
    expect(messages.map((m) => m.querySelector('[data-testid="message-marking"]')?.textContent ?? null)).toEqual([
      null,
      null,
      'CONFIDENTIAL//REL TO GBR, KEN',
    ]);
    // same author a moment later: one header for both
    expect(messages[1]!.classList.contains('chat--grouped')).toBe(true);
    expect(document.title).toBe('Ransomware at GovCERT-X — ESCAPE');
  });

  it('connects with a ticket, subscribes after the newest seq and shows live entries in order without duplicates', async () => {
    const o = await open();
    expect(o.server.callsTo('POST /ws-tickets')).toHaveLength(1);
    expect(o.socket().url).toBe('ws://test/ws?ticket=t1');
    expect(o.socket().frames('subscribe')).toEqual([{ type: 'subscribe', incident: INCIDENT_ID, after: 4 }]);
    expect(o.byTestId('connection-text').textContent).toBe('Live');
    await frame(o, { type: 'subscribed', incident: INCIDENT_ID, latestSeq: 4, more: false });
    await frame(o, { type: 'message', incident: INCIDENT_ID, message: entry(6, { label: ROOM.label, body: 'six' }) });
    await frame(o, { type: 'message', incident: INCIDENT_ID, message: entry(5, { label: ROOM.label, body: 'five' }) });
    await frame(o, { type: 'message', incident: INCIDENT_ID, message: entry(6, { label: ROOM.label, body: 'six again' }) });
    expect(seqs(o.container)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(o.byTestId('live-announcement').textContent).toBe('New message from Bashir Otieno: five');
  });

  it('sends with Enter (Shift+Enter is a new line), shows "sending" until the ack, then the server’s entry', async () => {
    const o = await open();
    const box = o.byTestId('composer-body');
    await changeText(box, 'Isolate the file servers');
    await key(box, 'Enter', { shiftKey: true });
    expect(o.socket().frames('send')).toEqual([]);
    await key(box, 'Enter');
    expect(o.socket().frames('send')).toEqual([{ type: 'send', incident: INCIDENT_ID, clientId: 'c-1', body: 'Isolate the file servers' }]);
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(o.byTestId('timeline-pending').getAttribute('data-state')).toBe('sending');
    expect(o.byTestId('timeline-pending').textContent).toContain('sending…');
    await frame(o, { type: 'ack', incident: INCIDENT_ID, clientId: 'c-1', seq: 5, id: 'm5' });
    await frame(o, { type: 'message', incident: INCIDENT_ID, message: entry(5, { clientId: 'c-1', author: authorOf(ALICE), label: ROOM.label, html: '<p>Isolate the file servers</p>' }) });
    expect(o.queryByTestId('timeline-pending')).toBeNull();
    expect(seqs(o.container)).toEqual([1, 2, 3, 4, 5]);
  });

  it('marks a refused message failed and retries it with the same clientId', async () => {
    const o = await open();
    await changeText(o.byTestId('composer-body'), 'hello');
    await interact(() => o.byTestId('composer-send').click());
    await frame(o, { type: 'error', code: 'rate_limited', message: 'slow down', ref: 'c-1', incident: INCIDENT_ID });
    expect(o.byTestId('timeline-pending').getAttribute('data-state')).toBe('failed');
    expect(o.byTestId('pending-error').textContent).toMatch(/faster than the platform allows/);
    await interact(() => o.byTestId('pending-retry').click());
    expect(o.socket().frames('send').map((f) => f.clientId)).toEqual(['c-1', 'c-1']);
    expect(o.byTestId('timeline-pending').getAttribute('data-state')).toBe('sending');
  });

  it('sends a label chosen above the room’s', async () => {
    const o = await open();
    await interact(() => o.byTestId('composer-label-toggle').click());
    await selectOption(o.byTestId('label-classification'), 'SECRET');
    expect(o.byTestId('composer-marking').textContent).toBe('SECRET');
    await changeText(o.byTestId('composer-body'), 'secret bit');
    await key(o.byTestId('composer-body'), 'Enter');
    expect(o.socket().frames('send')[0]!.label).toEqual({ classification: 'SECRET', releasableTo: ['ALL'] });
    expect(o.byTestId('composer-marking').textContent).toBe('RESTRICTED');
  });

  it('shows "reconnecting in N s" when the socket drops and fails the unacknowledged message', async () => {
    const o = await open();
    await changeText(o.byTestId('composer-body'), 'in flight');
    await key(o.byTestId('composer-body'), 'Enter');
    await interact(() => o.socket().drop());
    expect(o.byTestId('connection-status').getAttribute('data-state')).toBe('reconnecting');
    expect(o.byTestId('connection-text').textContent).toMatch(/^Connection lost — reconnecting in \d+ s$/);
    expect(o.byTestId('pending-error').textContent).toMatch(/connection dropped/);
    await waitFor(() => expect(o.sockets).toHaveLength(2));
    await interact(() => o.socket().open());
    expect(o.socket().url).toBe('ws://test/ws?ticket=t2');
    expect(o.socket().frames('subscribe')).toEqual([{ type: 'subscribe', incident: INCIDENT_ID, after: 4 }]);
    expect(o.byTestId('connection-text').textContent).toBe('Live');
  });

  it('offers the status moves of the current status to those who manage it, and applies one', async () => {
    const o = await open({
      routes: { [`PATCH /incidents/${INCIDENT_ID}`]: () => jsonResponse({ ...ROOM, status: 'CONTAINED' }) },
    });
    const buttons = Array.from(o.container.querySelectorAll('.room-header__moves button')).map((b) => b.textContent);
    expect(buttons).toEqual(['Mark contained', 'Mark resolved']);
    await interact(() => o.byTestId('status-move-CONTAINED').click());
    await waitFor(() => expect(o.container.querySelector('.room-header [data-testid="status-badge"]')?.textContent).toBe('Status: Contained'));
    expect(o.server.callsTo(`PATCH /incidents/${INCIDENT_ID}`)[0]!.body).toEqual({ status: 'CONTAINED' });
    expect(Array.from(o.container.querySelectorAll('.room-header__moves button')).map((b) => b.textContent)).toEqual(['Mark resolved', 'Back to open']);
  });

  it('asks before closing, and shows a 409 plainly', async () => {
    const o = await open({
      room: { ...ROOM, status: 'RESOLVED' },
      routes: { [`PATCH /incidents/${INCIDENT_ID}`]: () => problemResponse(409, 'Conflict', 'The incident changed meanwhile.') },
    });
    await interact(() => o.byTestId('status-move-CLOSED').click());
    expect(o.byTestId('status-confirm').textContent).toMatch(/read-only for good/);
    expect(o.server.callsTo(`PATCH /incidents/${INCIDENT_ID}`)).toHaveLength(0);
    await interact(() => o.byTestId('status-confirm-yes').click());
    await waitFor(() => expect(o.byTestId('form-problem').textContent).toBe('This cannot be done now: The incident changed meanwhile.'));
  });

  it('follows a live status change: the badge, the timeline entry, and a fresh read of the incident', async () => {
    let status: Incident['status'] = 'OPEN';
    const o = await open({ routes: { [`GET /incidents/${INCIDENT_ID}`]: () => jsonResponse({ ...ROOM, status }) } });
    status = 'CONTAINED';
    await frame(o, { type: 'status', incident: INCIDENT_ID, status: 'CONTAINED' });
    await frame(o, { type: 'message', incident: INCIDENT_ID, message: entry(5, { kind: 'STATUS', body: 'OPEN → CONTAINED', label: ROOM.label, author: authorOf(BASHIR) }) });
    expect(o.container.querySelector('.room-header [data-testid="status-badge"]')?.textContent).toBe('Status: Contained');
    const events = Array.from(o.container.querySelectorAll('[data-testid="timeline-event"]'));
    expect(events.at(-1)?.textContent).toMatch(/Bashir Otieno changed the status: OPEN → CONTAINED/);
    await waitFor(() => expect(o.server.callsTo(`GET /incidents/${INCIDENT_ID}`).length).toBeGreaterThan(1));
  });

  it('shows only the presence and typing the server reports', async () => {
    const o = await open();
    expect(o.byTestId('members-online').textContent).toBe('1 online now');
    await frame(o, { type: 'presence', incident: INCIDENT_ID, online: [authorOf(ALICE), authorOf(BASHIR)] });
    expect(o.byTestId('members-online').textContent).toBe('2 online now');
    await frame(o, { type: 'typing', incident: INCIDENT_ID, user: authorOf(BASHIR) });
    expect(o.byTestId('typing').textContent).toBe('Bashir Otieno is typing…');
  });

  it('updates the unread badge in the navigation from a notification frame', async () => {
    const o = await open();
    expect(o.queryByTestId('notification-badge')).toBeNull();
    await frame(o, { type: 'notification', kind: 'MENTION', unreadCount: 3 });
    expect(o.byTestId('notification-badge').textContent).toBe('3');
  });

  it('"Reconnect now" skips the wait', async () => {
    const o = await open();
    await interact(() => o.socket().drop(1001));
    expect(o.byTestId('connection-status').getAttribute('data-state')).toBe('reconnecting');
    await interact(() => o.byTestId('reconnect-now').click());
    await waitFor(() => expect(o.sockets).toHaveLength(2));
    await interact(() => o.socket().open());
    expect(o.byTestId('connection-text').textContent).toBe('Live');
    expect(o.queryByTestId('reconnect-now')).toBeNull();
  });

  it('turns to the neutral "not available" state when access is withdrawn while open', async () => {
    const o = await open();
    await frame(o, { type: 'error', code: 'not_found', message: 'Not found', ref: null, incident: INCIDENT_ID });
    expect(o.byTestId('not-available').querySelector('h1')?.textContent).toBe('Not found or not available to you');
    expect(o.queryByTestId('timeline')).toBeNull();
  });

  it('answers a missing or unreadable incident with the same neutral page', async () => {
    const o = await open({ routes: { [`GET /incidents/${INCIDENT_ID}`]: () => problemResponse(404, 'Not found', 'No such item.') } });
    expect(o.byTestId('not-available')).toBeTruthy();
    expect(o.sockets).toHaveLength(0);
  });

  it('invites the conversation in an empty room', async () => {
    const o = await open({ entries: [], room: { ...ROOM, latestSeq: 0 } });
    expect(o.byTestId('timeline-empty').textContent).toBe('No messages yet — start the conversation.');
  });

  it('loads earlier entries with before=', async () => {
    const o = await open({
      entries: [],
      routes: {
        [`GET /incidents/${INCIDENT_ID}/messages`]: ({ query }) =>
          query.get('before') === '3'
            ? jsonResponse(messagePage([entry(1, { label: ROOM.label }), entry(2, { label: ROOM.label })], 4, false))
            : jsonResponse(messagePage([entry(3, { label: ROOM.label }), entry(4, { label: ROOM.label })], 4, true)),
      },
    });
    await interact(() => o.byTestId('load-earlier').click());
    await waitFor(() => expect(seqs(o.container)).toEqual([1, 2, 3, 4]));
    expect(o.queryByTestId('load-earlier')).toBeNull();
  });
});

describe('an address pointing at an entry (#seq-N)', () => {
  it('loads earlier pages until the entry is there, then focuses and highlights it', async () => {
    const older = [entry(1, { label: ROOM.label, body: 'first' })];
    const newer = [entry(60, { label: ROOM.label }), entry(61, { label: ROOM.label })];
    const o = await openAt(`${PATH}#seq-1`, {
      [`GET /incidents/${INCIDENT_ID}/messages`]: ({ query }) =>
        query.get('before') === '60' ? jsonResponse(messagePage(older, 61, false)) : jsonResponse(messagePage(newer, 61, true)),
    });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-seq')).toBe('1'));
    expect(document.activeElement?.id).toBe('seq-1');
    expect(document.activeElement?.classList.contains('timeline-target')).toBe(true);
    expect(o.server.callsTo(`GET /incidents/${INCIDENT_ID}/messages`).map((c) => c.query.get('before'))).toEqual([null, '60']);
  });

  it('says plainly when the entry is not there for this reader', async () => {
    const o = await openAt(`${PATH}#seq-3`, {
      [`GET /incidents/${INCIDENT_ID}/messages`]: () => jsonResponse(messagePage([entry(2, { label: ROOM.label }), entry(4, { label: ROOM.label })], 4, false)),
    });
    await waitFor(() => expect(o.byTestId('seq-target-missing').textContent).toBe('The message you followed is not found or not available to you.'));
  });
});

describe('who may post', () => {
  it.each([
    [{ status: 'CLOSED', canPost: false, canManage: false }, /closed: the room is read-only/],
    [{ myRole: 'OBSERVER', canPost: false, canManage: false }, /observer/],
  ] as const)('disables the composer with the reason (%o)', async (change, reason) => {
    const o = await open({ room: { ...ROOM, ...change } });
    expect(o.queryByTestId('composer-body')).toBeNull();
    expect(o.byTestId('composer-blocked').textContent).toMatch(reason);
    expect(o.container.querySelector('.room-header__moves')).toBeNull();
  });

  it('lets a cleared reader join a CLEARED incident', async () => {
    let role: Incident['myRole'] = null;
    const o = await open({
      me: { ...ALICE, roles: ['member'] },
      routes: {
        [`GET /incidents/${INCIDENT_ID}`]: () =>
          jsonResponse({ ...ROOM, access: 'CLEARED', myRole: role, canPost: role !== null, canManage: false }),
        [`POST /incidents/${INCIDENT_ID}/join`]: () => {
          role = 'RESPONDER';
          return jsonResponse(member(authorOf(ALICE)), 201);
        },
      },
    });
    expect(o.byTestId('composer-blocked').textContent).toMatch(/Join the incident/);
    await interact(() => o.byTestId('join-incident').click());
    await waitFor(() => expect(o.queryByTestId('composer-body')).not.toBeNull());
    expect(o.queryByTestId('join-incident')).toBeNull();
  });
});

describe('members', () => {
  it('adds a member by username with suggestions, and says plainly when someone cannot be added', async () => {
    let refuse = true;
    const o = await open({
      routes: {
        'GET /users': () => jsonResponse(pageOf([CHEN], 0, 8)),
        [`POST /incidents/${INCIDENT_ID}/members`]: () => {
          if (!refuse) return jsonResponse(member(CHEN, { role: 'OBSERVER' }), 201);
          refuse = false;
          return problemWith(400, { title: 'Validation failed', errors: [{ field: 'username', message: 'cannot be added to this incident' }] });
        },
      },
    });
    const input = o.byTestId('add-member-username');
    await interact(() => input.focus());
    await changeValue(input, '@ch');
    await waitFor(() => expect(o.byTestId('mention-suggestions').textContent).toContain('@chen'));
    await key(input, 'Enter');
    expect((input as HTMLInputElement).value).toBe('chen');
    await selectOption(o.byTestId('add-member-role'), 'OBSERVER');
    await interact(() => o.byTestId('add-member-submit').click());
    await waitFor(() => expect(o.byTestId('add-member-error').textContent).toBe('@chen: cannot be added to this incident'));
    expect((input as HTMLInputElement).value).toBe('chen');
    await interact(() => o.byTestId('add-member-submit').click());
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(''));
    expect(o.server.callsTo(`POST /incidents/${INCIDENT_ID}/members`).map((c) => c.body)).toEqual([
      { username: 'chen', role: 'OBSERVER' },
      { username: 'chen', role: 'OBSERVER' },
    ]);
  });

  it('changes a role, removes a member, and shows why the last commander cannot go', async () => {
    const o = await open({
      routes: {
        [`POST /incidents/${INCIDENT_ID}/members`]: () => jsonResponse(member(authorOf(BASHIR), { role: 'OBSERVER' })),
        [`DELETE /incidents/${INCIDENT_ID}/members/${BASHIR.id}`]: () => noContent(),
        [`DELETE /incidents/${INCIDENT_ID}/members/${ALICE.id}`]: () => problemResponse(409, 'Conflict', 'The last commander cannot be removed.'),
      },
    });
    await waitFor(() => expect(o.container.querySelectorAll('[data-testid="member"]')).toHaveLength(2));
    const bashir = o.container.querySelector<HTMLElement>('[data-username="bashir"]')!;
    await selectOption(bashir.querySelector<HTMLElement>('[data-testid="member-role"]')!, 'OBSERVER');
    await waitFor(() => expect(o.server.callsTo(`POST /incidents/${INCIDENT_ID}/members`)[0]!.body).toEqual({ username: 'bashir', role: 'OBSERVER' }));
    await interact(() => bashir.querySelector<HTMLElement>('[data-testid="member-remove"]')!.click());
    await waitFor(() => expect(o.server.callsTo(`DELETE /incidents/${INCIDENT_ID}/members/${BASHIR.id}`)).toHaveLength(1));
    const alice = o.container.querySelector<HTMLElement>('[data-username="alice"]')!;
    expect(alice.querySelector('[data-testid="member-remove"]')?.textContent).toBe('Leave');
    await interact(() => alice.querySelector<HTMLElement>('[data-testid="member-remove"]')!.click());
    await waitFor(() => expect(alice.querySelector('[data-testid="member-problem"]')?.textContent).toBe('This cannot be done now: The last commander cannot be removed.'));
  });
});
