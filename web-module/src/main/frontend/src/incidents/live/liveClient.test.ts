// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessagePage, MessageQuery } from '../../api/types';
import {
  backoffDelay,
  LiveClient,
  newClientId,
  PING_INTERVAL_MS,
  socketUrlFor,
  type LiveClientOptions,
} from './liveClient';
import { FakeSocket } from '../../testing/fakeSocket';
import { mergeEntries } from './timeline';

const ROOM = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'a0000000-0000-4000-8000-000000000002';
const LABEL = { classification: 'UNCLASSIFIED', releasableTo: ['ALL'] } as const;
const BASHIR = { id: 'u-bashir', username: 'bashir', displayName: 'Bashir Otieno', country: 'KEN' };

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${seq}`,
    incidentId: ROOM,
    seq,
    clientId: null,
    kind: 'MESSAGE',
    author: BASHIR,
    body: `message ${seq}`,
    html: `<p>message ${seq}</p>`,
    label: { ...LABEL, releasableTo: ['ALL'] },
    marking: 'UNCLASSIFIED',
    createdAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

const page = (items: Message[], latestSeq = items.at(-1)?.seq ?? 0, hasMore = false): MessagePage => ({ items, latestSeq, hasMore });

interface Harness {
  client: LiveClient;
  sockets: FakeSocket[];
  tickets: string[];
  fetches: [string, MessageQuery][];
  notifications: number[];
  last(): FakeSocket;
  /** Lets the ticket promise resolve and the socket be created. */
  settle(): Promise<void>;
}

let clients: LiveClient[] = [];

function harness(options: Partial<LiveClientOptions> & { fetchPages?: MessagePage[] } = {}): Harness {
  const sockets: FakeSocket[] = [];
  const tickets: string[] = [];
  const fetches: [string, MessageQuery][] = [];
  const notifications: number[] = [];
  let ticketCount = 0;
  let ids = 0;
  const pages = [...(options.fetchPages ?? [])];
  const client = new LiveClient({
    getTicket: async () => {
      const ticket = `ticket-${++ticketCount}`;
      tickets.push(ticket);
      return ticket;
    },
    fetchMessages: async (incidentId, query) => {
      fetches.push([incidentId, query]);
      return pages.shift() ?? page([]);
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    socketUrl: (ticket) => `ws://localhost/ws?ticket=${ticket}`,
    newClientId: () => `c-${++ids}`,
    random: () => 0.5,
    now: () => Date.now(),
    isOnline: () => true,
    selfId: 'u-alice',
    onNotification: (n) => notifications.push(n),
    ...options,
  });
  clients.push(client);
  return {
    client,
    sockets,
    tickets,
    fetches,
    notifications,
    last: () => sockets[sockets.length - 1]!,
    settle: async () => {
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

async function connected(h: Harness, initial = page([message(1), message(2)])) {
  const room = h.client.openRoom(ROOM, initial);
  await h.settle();
  h.last().open();
  return room;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
});

afterEach(() => {
  for (const client of clients) client.dispose();
  clients = [];
  vi.useRealTimers();
});

describe('backoff', () => {
  it('doubles its ceiling from 1 s to 30 s and draws from the upper half', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(2, () => 0.25)).toBe(2500);
  });
});

describe('socket address', () => {
  it('uses the page origin, wss: behind https, and escapes the ticket', () => {
    expect(socketUrlFor('a b', { protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws?ticket=a%20b');
    expect(socketUrlFor('t', { protocol: 'https:', host: 'escape.example' })).toBe('wss://escape.example/ws?ticket=t');
  });
});

describe('client ids', () => {
  it('are UUIDs, also where randomUUID is missing (plain http on another host), and valid for the server', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const fallback = newClientId({ getRandomValues: (array) => crypto.getRandomValues(array) });
    expect(fallback).toMatch(uuid);
    expect(newClientId()).toMatch(uuid);
    expect(fallback).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });
});

describe('timeline merge', () => {
  it('keeps entries sorted by seq and each seq once, whatever the arrival order', () => {
    let entries = mergeEntries([], [message(5), message(2)]);
    entries = mergeEntries(entries, [message(3)]);
    entries = mergeEntries(entries, [message(9), message(2), message(1), message(5, { body: 'duplicate' })]);
    expect(entries.map((m) => m.seq)).toEqual([1, 2, 3, 5, 9]);
    expect(entries.find((m) => m.seq === 5)!.body).toBe('message 5');
    expect(mergeEntries(entries, [message(3)])).toBe(entries);
  });
});

describe('LiveClient connection', () => {
  it('gets a ticket, connects, subscribes with after = the newest seq held, and reports connected', async () => {
    const h = harness();
    expect(h.client.getState()).toEqual({ kind: 'idle' });
    h.client.openRoom(ROOM, page([message(1), message(2)], 7));
    expect(h.client.getState()).toEqual({ kind: 'connecting' });
    await h.settle();
    expect(h.tickets).toEqual(['ticket-1']);
    expect(h.last().url).toBe('ws://localhost/ws?ticket=ticket-1');
    h.last().open();
    expect(h.client.getState()).toEqual({ kind: 'connected' });
    // the REST page said the room is at 7: everything readable up to 7 is held
    expect(h.last().frames('subscribe')).toEqual([{ type: 'subscribe', incident: ROOM, after: 7 }]);
  });

  it('reconnects with exponential backoff, a new ticket each time, and shows when', async () => {
    const h = harness();
    await connected(h);
    h.last().drop(1006);
    expect(h.client.getState()).toEqual({ kind: 'reconnecting', attempt: 1, at: Date.now() + 750 });
    await vi.advanceTimersByTimeAsync(749);
    expect(h.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sockets).toHaveLength(2);
    expect(h.tickets).toEqual(['ticket-1', 'ticket-2']);
    // fails again before opening (e.g. server still down): the wait doubles
    h.last().drop(1006);
    expect(h.client.getState()).toMatchObject({ kind: 'reconnecting', attempt: 2, at: Date.now() + 1500 });
    await vi.advanceTimersByTimeAsync(1500);
    h.last().drop(1008); // a refused ticket: closed right after opening
    expect(h.client.getState()).toMatchObject({ kind: 'reconnecting', attempt: 3, at: Date.now() + 3000 });
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.tickets).toEqual(['ticket-1', 'ticket-2', 'ticket-3', 'ticket-4']);
    h.last().open();
    expect(h.client.getState()).toEqual({ kind: 'connected' });
  });

  it('starts the backoff anew after a connection that lasted', async () => {
    const h = harness();
    await connected(h);
    h.last().drop();
    await vi.advanceTimersByTimeAsync(750);
    h.last().open();
    await vi.advanceTimersByTimeAsync(60_000);
    h.last().receive({ type: 'pong' });
    h.last().drop();
    expect(h.client.getState()).toMatchObject({ kind: 'reconnecting', attempt: 1, at: Date.now() + 750 });
  });

  it('keeps retrying when even the ticket cannot be had', async () => {
    let fail = true;
    const h = harness({
      getTicket: async () => {
        if (fail) throw new Error('offline');
        return 'late-ticket';
      },
    });
    h.client.openRoom(ROOM, page([]));
    await h.settle();
    expect(h.sockets).toHaveLength(0);
    expect(h.client.getState()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    fail = false;
    await vi.advanceTimersByTimeAsync(750);
    expect(h.last().url).toBe('ws://localhost/ws?ticket=late-ticket');
  });

  it('"reconnect now" skips the wait; offline waits for the network', async () => {
    let online = true;
    const h = harness({ isOnline: () => online });
    await connected(h);
    h.last().drop();
    h.client.reconnectNow();
    await h.settle();
    expect(h.sockets).toHaveLength(2);
    online = false;
    h.last().drop();
    expect(h.client.getState()).toEqual({ kind: 'offline' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(h.sockets).toHaveLength(2);
    online = true;
    window.dispatchEvent(new Event('online'));
    await h.settle();
    expect(h.sockets).toHaveLength(3);
  });

  it('re-subscribes every open room with after = the last seq it holds', async () => {
    const h = harness();
    await connected(h, page([message(1), message(2)]));
    h.client.openRoom(OTHER, page([message(40, { incidentId: OTHER })]));
    expect(h.last().frames('subscribe').map((f) => [f.incident, f.after])).toEqual([
      [ROOM, 2],
      [OTHER, 40],
    ]);
    h.last().receive({ type: 'message', incident: ROOM, message: message(3) });
    h.last().receive({ type: 'message', incident: ROOM, message: message(6) });
    h.last().drop();
    await vi.advanceTimersByTimeAsync(750);
    h.last().open();
    expect(h.last().frames('subscribe').map((f) => [f.incident, f.after])).toEqual([
      [ROOM, 6],
      [OTHER, 40],
    ]);
  });

  it('de-duplicates a replay that overlaps what is held and keeps the order by seq', async () => {
    const h = harness();
    const room = await connected(h, page([message(1), message(2)]));
    const socket = h.last();
    socket.receive({ type: 'subscribed', incident: ROOM, latestSeq: 5, more: false });
    for (const seq of [4, 2, 3, 5, 4]) socket.receive({ type: 'message', incident: ROOM, message: message(seq) });
    expect(room.getSnapshot().entries.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(room.getSnapshot().subscribed).toBe(true);
  });

  it('pings every 30 s and treats a silent connection as dropped', async () => {
    const h = harness();
    await connected(h);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(h.last().frames('ping')).toHaveLength(1);
    h.last().receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(h.last().frames('ping')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS); // no pong to the second ping
    expect(h.sockets[0]!.closedWith).toBe(4000);
    expect(h.client.getState()).toMatchObject({ kind: 'reconnecting' });
  });

  it('closes the socket when the last room closes and unsubscribes the others', async () => {
    const h = harness();
    const room = await connected(h);
    const other = h.client.openRoom(OTHER, page([]));
    other.close();
    expect(h.last().frames('unsubscribe')).toEqual([{ type: 'unsubscribe', incident: OTHER }]);
    room.close();
    expect(h.last().closedWith).toBe(1000);
    expect(h.client.getState()).toEqual({ kind: 'idle' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.sockets).toHaveLength(1);
  });
});

describe('LiveClient more:true', () => {
  it('fetches the rest over REST with after, then subscribes again from the new position', async () => {
    const h = harness({
      fetchPages: [page([message(3), message(4)], 1500, true), page([message(1499)], 1500, false)],
    });
    const room = await connected(h, page([message(1), message(2)]));
    h.last().receive({ type: 'subscribed', incident: ROOM, latestSeq: 1500, more: true });
    await h.settle();
    expect(h.fetches).toEqual([
      [ROOM, { after: 2, limit: 500 }],
      [ROOM, { after: 4, limit: 500 }],
    ]);
    expect(room.getSnapshot().entries.map((m) => m.seq)).toEqual([1, 2, 3, 4, 1499]);
    expect(h.last().frames('subscribe').map((f) => f.after)).toEqual([2, 1499]);
  });
});

describe('LiveClient sending', () => {
  it('shows a message as sending until its ack, then as the server entry', async () => {
    const h = harness();
    const room = await connected(h);
    const clientId = room.send('hello **all**');
    expect(clientId).toBe('c-1');
    expect(h.last().frames('send')).toEqual([{ type: 'send', incident: ROOM, clientId: 'c-1', body: 'hello **all**' }]);
    expect(room.getSnapshot().pending).toMatchObject([{ clientId: 'c-1', state: 'sending', body: 'hello **all**' }]);
    h.last().receive({ type: 'ack', incident: ROOM, clientId: 'c-1', seq: 3, id: 'm-3' });
    expect(room.getSnapshot().pending).toMatchObject([{ clientId: 'c-1', state: 'sent', seq: 3 }]);
    h.last().receive({ type: 'message', incident: ROOM, message: message(3, { clientId: 'c-1' }) });
    expect(room.getSnapshot().pending).toEqual([]);
    expect(room.getSnapshot().entries.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('sends a chosen label with the message', async () => {
    const h = harness();
    const room = await connected(h);
    room.send('above the room', { classification: 'SECRET', releasableTo: ['GBR'] });
    expect(h.last().frames('send')[0]!.label).toEqual({ classification: 'SECRET', releasableTo: ['GBR'] });
  });

  it('marks a message failed on an error frame with its ref, and retries with the same clientId', async () => {
    const h = harness();
    const room = await connected(h);
    room.send('too fast');
    h.last().receive({ type: 'error', code: 'rate_limited', message: 'slow down', ref: 'c-1', incident: ROOM });
    expect(room.getSnapshot().pending).toMatchObject([{ clientId: 'c-1', state: 'failed', error: expect.stringMatching(/faster than/) }]);
    room.retry('c-1');
    expect(h.last().frames('send').map((f) => f.clientId)).toEqual(['c-1', 'c-1']);
    expect(room.getSnapshot().pending).toMatchObject([{ clientId: 'c-1', state: 'sending', error: null }]);
  });

  it('marks unacknowledged messages failed when the socket drops, and a retry after reconnecting keeps the clientId', async () => {
    const h = harness();
    const room = await connected(h);
    room.send('first');
    room.send('second');
    h.last().receive({ type: 'ack', incident: ROOM, clientId: 'c-1', seq: 3, id: 'm-3' });
    h.last().drop();
    expect(room.getSnapshot().pending.map((p) => [p.clientId, p.state])).toEqual([
      ['c-1', 'sent'],
      ['c-2', 'failed'],
    ]);
    expect(room.getSnapshot().pending[1]!.error).toMatch(/connection dropped/);
    await vi.advanceTimersByTimeAsync(750);
    const second = h.last();
    second.open();
    // the replay brings the acknowledged one
    second.receive({ type: 'message', incident: ROOM, message: message(3, { clientId: 'c-1' }) });
    room.retry('c-2');
    expect(second.frames('send')).toEqual([{ type: 'send', incident: ROOM, clientId: 'c-2', body: 'second' }]);
    second.receive({ type: 'ack', incident: ROOM, clientId: 'c-2', seq: 4, id: 'm-4' });
    second.receive({ type: 'message', incident: ROOM, message: message(4, { clientId: 'c-2' }) });
    expect(room.getSnapshot().pending).toEqual([]);
    expect(room.getSnapshot().entries.map((m) => [m.seq, m.clientId])).toEqual([
      [1, null],
      [2, null],
      [3, 'c-1'],
      [4, 'c-2'],
    ]);
  });

  it('drops a failed message that the replay shows had arrived after all', async () => {
    const h = harness();
    const room = await connected(h);
    room.send('lost ack');
    h.last().drop();
    expect(room.getSnapshot().pending[0]!.state).toBe('failed');
    await vi.advanceTimersByTimeAsync(750);
    h.last().open();
    h.last().receive({ type: 'message', incident: ROOM, message: message(3, { clientId: 'c-1' }) });
    expect(room.getSnapshot().pending).toEqual([]);
  });

  it('an ack for a message already held (a retry answered with the original) clears it', async () => {
    const h = harness();
    const room = await connected(h);
    room.send('x');
    h.last().receive({ type: 'message', incident: ROOM, message: message(3, { clientId: 'other' }) });
    h.last().receive({ type: 'ack', incident: ROOM, clientId: 'c-1', seq: 3, id: 'm-3' });
    expect(room.getSnapshot().pending).toEqual([]);
  });

  it('fails at once when there is no connection', async () => {
    const h = harness();
    const room = h.client.openRoom(ROOM, page([]));
    room.send('offline');
    expect(room.getSnapshot().pending).toMatchObject([{ state: 'failed', error: expect.stringMatching(/not connected/) }]);
    room.discard('c-1');
    expect(room.getSnapshot().pending).toEqual([]);
  });
});

describe('LiveClient room events', () => {
  it('throttles typing frames to one per 3 s', async () => {
    const h = harness();
    const room = await connected(h);
    room.typing();
    room.typing();
    await vi.advanceTimersByTimeAsync(2_999);
    room.typing();
    expect(h.last().frames('typing')).toEqual([{ type: 'typing', incident: ROOM }]);
    await vi.advanceTimersByTimeAsync(1);
    room.typing();
    expect(h.last().frames('typing')).toHaveLength(2);
  });

  it('shows who is typing for a few seconds, never oneself, and stops when their message arrives', async () => {
    const h = harness();
    const room = await connected(h);
    h.last().receive({ type: 'typing', incident: ROOM, user: { ...BASHIR, id: 'u-alice', username: 'alice' } });
    expect(room.getSnapshot().typing).toEqual([]);
    h.last().receive({ type: 'typing', incident: ROOM, user: BASHIR });
    expect(room.getSnapshot().typing.map((u) => u.username)).toEqual(['bashir']);
    h.last().receive({ type: 'message', incident: ROOM, message: message(3) });
    expect(room.getSnapshot().typing).toEqual([]);
    h.last().receive({ type: 'typing', incident: ROOM, user: BASHIR });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(room.getSnapshot().typing).toEqual([]);
  });

  it('takes presence, status, notifications and counts live events', async () => {
    const h = harness();
    const room = await connected(h);
    h.last().receive({ type: 'presence', incident: ROOM, online: [BASHIR] });
    h.last().receive({ type: 'status', incident: ROOM, status: 'CONTAINED' });
    h.last().receive({ type: 'message', incident: ROOM, message: message(3, { kind: 'STATUS', body: 'OPEN → CONTAINED' }) });
    h.last().receive({ type: 'notification', kind: 'MENTION', unreadCount: 4 });
    const snapshot = room.getSnapshot();
    expect(snapshot.online).toEqual([BASHIR]);
    expect(snapshot.status).toBe('CONTAINED');
    expect(snapshot.eventCount).toBe(1);
    expect(snapshot.lastLive?.seq).toBe(3);
    expect(h.notifications).toEqual([4]);
  });

  it('a not_found error for a subscribed room marks it gone and it is not subscribed again', async () => {
    const h = harness();
    const room = await connected(h);
    h.last().receive({ type: 'error', code: 'not_found', message: 'Not found', ref: null, incident: ROOM });
    expect(room.getSnapshot().gone).toBe(true);
    h.last().drop();
    await vi.advanceTimersByTimeAsync(750);
    h.last().open();
    expect(h.last().frames('subscribe')).toEqual([]);
  });

  it('ignores frames it cannot read', async () => {
    const h = harness();
    const room = await connected(h);
    const before = room.getSnapshot();
    h.last().onmessage?.({ data: 'not json' });
    h.last().receive({ type: 'message', incident: ROOM, message: { seq: 'x' } });
    h.last().receive({ type: 'message', incident: 'elsewhere', message: message(9) });
    h.last().receive({ type: 'brand-new-frame' });
    expect(room.getSnapshot()).toBe(before);
  });

  it('loads earlier entries with before= the first seq held', async () => {
    const h = harness({ fetchPages: [page([message(1), message(2)], 50, false)] });
    const room = await connected(h, page([message(3), message(4)], 4, true));
    await room.loadEarlier();
    expect(h.fetches).toEqual([[ROOM, { before: 3, limit: 50 }]]);
    expect(room.getSnapshot().entries.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(room.getSnapshot().hasEarlier).toBe(false);
  });
});
