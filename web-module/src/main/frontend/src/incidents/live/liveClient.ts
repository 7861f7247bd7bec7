/**
 * The live connection of the incident rooms (docs/api-incidents.md, "WebSocket").
 *
 * One socket serves every open room. It is opened with a fresh single-use ticket each time, and
 * when it drops it is opened again by itself, after an exponential backoff with jitter, so a
 * sleeping laptop or a restarting server does not make a whole office reconnect in the same
 * millisecond. After each (re)connect every open room is subscribed again with `after=` the
 * highest seq it holds, and the server replays exactly what was missed; entries are merged by
 * seq, so a replay that overlaps what is held changes nothing.
 *
 * Sending is idempotent on a client-chosen id: a message shows as "sending" until its `ack`,
 * as failed after an error frame naming it or when the socket drops before the ack, and a retry
 * sends it again with the same id, which the server answers with the original if it had it.
 *
 * Nothing here touches the DOM or React: rooms are small stores with `subscribe` and
 * `getSnapshot`, read by the views through `useSyncExternalStore`. The socket factory, the
 * ticket, the REST reads, randomness and "online" are injected, so the tests drive it all with
 * a fake socket and fake timers.
 */
import type { Author, IncidentStatus, Label, Message, MessagePage, MessageQuery } from '../../api/types';
import { highestSeq, holds, mergeEntries } from './timeline';

/** The part of the browser's WebSocket the client uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;

export const PING_INTERVAL_MS = 30_000;
/** Typing frames go out at most this often while someone types. */
export const TYPING_THROTTLE_MS = 3_000;
/** How long a "… is typing" lasts without a new typing frame. */
export const TYPING_SHOWN_MS = 5_000;
/** A socket that stayed open this long counts as a success: the next drop starts the backoff anew. */
export const STABLE_AFTER_MS = 10_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;
/** Page size of REST catch-up reads (the server allows 1–500). */
export const CATCH_UP_LIMIT = 500;
export const EARLIER_LIMIT = 50;

/**
 * The delay before reconnect attempt `attempt` (0-based): the ceiling doubles from 1 s up to
 * 30 s and the delay is drawn from its upper half ("equal jitter"), so it grows visibly and
 * clients that lost the server together do not come back together.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * A fresh client id for a message: `crypto.randomUUID()` where the page is a secure context
 * (https, localhost); elsewhere (plain http on another host) a v4 UUID from `getRandomValues`.
 */
export function newClientId(cryptoApi: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = crypto): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `ws://host/ws?ticket=…` on the page's own origin; `wss:` when the page is served over https. */
export function socketUrlFor(ticket: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws?ticket=${encodeURIComponent(ticket)}`;
}

export type ConnectionState =
  /** No room is open, so no socket is needed. */
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** The socket dropped; the next attempt is at `at` (epoch ms). */
  | { kind: 'reconnecting'; at: number; attempt: number }
  /** The browser reports no network; the client reconnects when it comes back. */
  | { kind: 'offline' };

export type PendingState = 'sending' | 'sent' | 'failed';

/** A message this browser sent that the timeline does not hold yet. */
export interface PendingMessage {
  clientId: string;
  body: string;
  /** Null: the room's label. */
  label: Label | null;
  state: PendingState;
  /** Why it failed, fit to show. */
  error: string | null;
  /** Known once acknowledged. */
  seq: number | null;
  createdAt: string;
}

export interface RoomSnapshot {
  /** Readable entries, ascending by seq, each seq once. */
  entries: readonly Message[];
  /** Own messages not (yet) in `entries`, in the order they were written. */
  pending: readonly PendingMessage[];
  /** Who has the room open, as the server last said. Null before the first presence frame. */
  online: readonly Author[] | null;
  typing: readonly Author[];
  /** The status from the last `status` frame, or null. */
  status: IncidentStatus | null;
  /** The room answered `not_found`: missing, or no longer readable by this user. */
  gone: boolean;
  subscribed: boolean;
  /** Whether older readable entries exist before the first one held. */
  hasEarlier: boolean;
  loadingEarlier: boolean;
  /** A problem of the room not tied to a message (e.g. rate limited), fit to show. */
  notice: string | null;
  /** Counts entries other than chat messages that arrived live (status, membership, edits). */
  eventCount: number;
  /** The newest entry that arrived live, for a polite announcement. */
  lastLive: Message | null;
}

export interface LiveClientOptions {
  /** `POST /api/v1/ws-tickets` → the ticket. */
  getTicket: () => Promise<string>;
  /** `GET /api/v1/incidents/{id}/messages`. */
  fetchMessages: (incidentId: string, query: MessageQuery) => Promise<MessagePage>;
  createSocket?: (url: string) => SocketLike;
  socketUrl?: (ticket: string) => string;
  newClientId?: () => string;
  random?: () => number;
  now?: () => number;
  isOnline?: () => boolean;
  /** The signed-in user's id: their own typing is never shown. */
  selfId?: string;
  /** A `notification` frame: the user's unread count changed. */
  onNotification?: (unreadCount: number) => void;
}

type Listener = () => void;

const SEND_ERRORS: Readonly<Record<string, string>> = {
  forbidden: 'Not sent: you may not post in this room.',
  conflict: 'Not sent: the room is closed.',
  rate_limited: 'Not sent: you are writing faster than the platform allows. Wait a moment and retry.',
  not_found: 'Not sent: the room is not found or not available to you.',
  unavailable: 'Not sent: the server is unavailable. Retry in a moment.',
};

function sendErrorText(code: string, message: string): string {
  if (code === 'invalid' || code === 'bad_request') return `Not sent: ${message || 'the server refused it.'}`;
  return SEND_ERRORS[code] ?? `Not sent: ${message || code}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.seq === 'number' && typeof value.id === 'string';
}

function isPerson(value: unknown): value is Author {
  return isRecord(value) && typeof value.id === 'string' && typeof value.username === 'string';
}

/** One open room: its timeline, own pending messages, presence and typing. */
export class LiveRoom {
  readonly incidentId: string;
  private readonly client: LiveClient;
  private listeners = new Set<Listener>();
  private snapshot: RoomSnapshot;
  /** Everything readable up to here has been delivered; resubscribes ask for what follows. */
  private cursor: number;
  private lastTypingSent = -Infinity;
  private typingUntil = new Map<string, { user: Author; until: number }>();
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  closed = false;
  catchingUp = false;

  constructor(client: LiveClient, incidentId: string, initial: MessagePage) {
    this.client = client;
    this.incidentId = incidentId;
    const entries = mergeEntries([], initial.items);
    this.cursor = Math.max(initial.latestSeq, highestSeq(entries));
    this.snapshot = {
      entries,
      pending: [],
      online: null,
      typing: [],
      status: null,
      gone: false,
      subscribed: false,
      hasEarlier: initial.hasMore,
      loadingEarlier: false,
      notice: null,
      eventCount: 0,
      lastLive: null,
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  /** The seq a resubscribe asks to continue after. */
  get after(): number {
    return this.cursor;
  }

  private update(change: Partial<RoomSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }

  // ---- what the view does ------------------------------------------------------------------------

  /** Sends a chat message; returns its client id. `label` null or absent: the room's label. */
  send(body: string, label: Label | null = null): string {
    const clientId = this.client.newClientId();
    const pending: PendingMessage = {
      clientId,
      body,
      label,
      state: 'sending',
      error: null,
      seq: null,
      createdAt: new Date(this.client.now()).toISOString(),
    };
    this.update({ pending: [...this.snapshot.pending, pending] });
    this.transmit(pending);
    return clientId;
  }

  /** Sends a failed message again, with the same client id (the server is idempotent on it). */
  retry(clientId: string): void {
    const pending = this.snapshot.pending.find((p) => p.clientId === clientId);
    if (!pending || pending.state !== 'failed') return;
    const again = { ...pending, state: 'sending' as const, error: null };
    this.replacePending(again);
    this.transmit(again);
  }

  /** Forgets a failed message (the person gave up on it). */
  discard(clientId: string): void {
    this.update({ pending: this.snapshot.pending.filter((p) => p.clientId !== clientId || p.state !== 'failed') });
  }

  /** Call on every keystroke in the composer: a typing frame goes out at most every 3 s. */
  typing(): void {
    const now = this.client.now();
    if (now - this.lastTypingSent < TYPING_THROTTLE_MS) return;
    if (this.client.sendFrame({ type: 'typing', incident: this.incidentId })) this.lastTypingSent = now;
  }

  /** Loads the entries before the first one held (`before=`). */
  async loadEarlier(): Promise<void> {
    if (this.snapshot.loadingEarlier || !this.snapshot.hasEarlier) return;
    const first = this.snapshot.entries[0];
    this.update({ loadingEarlier: true, notice: null });
    try {
      const page = await this.client.fetchMessages(this.incidentId, {
        before: first ? first.seq : this.cursor + 1,
        limit: EARLIER_LIMIT,
      });
      if (this.closed) return;
      this.update({ entries: mergeEntries(this.snapshot.entries, page.items), hasEarlier: page.hasMore, loadingEarlier: false });
    } catch {
      if (!this.closed) this.update({ loadingEarlier: false, notice: 'Earlier messages could not be loaded. Try again.' });
    }
  }

  close(): void {
    this.client.closeRoom(this);
  }

  // ---- what the client does ----------------------------------------------------------------------

  private transmit(pending: PendingMessage): void {
    const frame: Record<string, unknown> = { type: 'send', incident: this.incidentId, clientId: pending.clientId, body: pending.body };
    if (pending.label) frame.label = pending.label;
    if (!this.client.sendFrame(frame)) {
      this.replacePending({ ...pending, state: 'failed', error: 'Not sent: not connected. Retry once the connection is back.' });
    }
  }

  private replacePending(next: PendingMessage): void {
    this.update({ pending: this.snapshot.pending.map((p) => (p.clientId === next.clientId ? next : p)) });
  }

  /** Entries from a replay, a live frame or a REST catch-up. */
  receive(incoming: readonly Message[], live: boolean): void {
    const entries = mergeEntries(this.snapshot.entries, incoming);
    for (const m of incoming) if (m.seq > this.cursor) this.cursor = m.seq;
    if (entries === this.snapshot.entries) return;
    const fresh = incoming.filter((m) => !holds(this.snapshot.entries, m.seq));
    const ids = new Set(fresh.map((m) => m.clientId).filter((id): id is string => id !== null));
    const seqs = new Set(fresh.map((m) => m.seq));
    const pending = this.snapshot.pending.filter((p) => !ids.has(p.clientId) && !(p.seq !== null && seqs.has(p.seq)));
    const change: Partial<RoomSnapshot> = { entries, pending: pending.length === this.snapshot.pending.length ? this.snapshot.pending : pending };
    if (live) {
      const events = fresh.filter((m) => m.kind !== 'MESSAGE').length;
      if (events > 0) change.eventCount = this.snapshot.eventCount + events;
      change.lastLive = fresh[fresh.length - 1] ?? null;
      const authors = new Set(fresh.filter((m) => m.kind === 'MESSAGE').map((m) => m.author.id));
      if (authors.size > 0) {
        for (const id of authors) this.typingUntil.delete(id);
        change.typing = this.currentTyping();
      }
    }
    this.update(change);
  }

  onSubscribed(): void {
    this.update({ subscribed: true, notice: null });
  }

  onAck(clientId: string, seq: number): void {
    const pending = this.snapshot.pending.find((p) => p.clientId === clientId);
    if (!pending) return;
    if (holds(this.snapshot.entries, seq)) {
      this.update({ pending: this.snapshot.pending.filter((p) => p.clientId !== clientId) });
    } else {
      this.replacePending({ ...pending, state: 'sent', error: null, seq });
    }
  }

  onSendError(clientId: string, code: string, message: string): boolean {
    const pending = this.snapshot.pending.find((p) => p.clientId === clientId);
    if (!pending) return false;
    this.replacePending({ ...pending, state: 'failed', error: sendErrorText(code, message) });
    return true;
  }

  /** The socket dropped: messages without an ack may or may not have arrived, so they are failed. */
  onConnectionLost(): void {
    const lost = this.snapshot.pending.some((p) => p.state === 'sending');
    this.update({
      subscribed: false,
      online: null,
      typing: [],
      ...(lost
        ? {
            pending: this.snapshot.pending.map((p) =>
              p.state === 'sending' ? { ...p, state: 'failed' as const, error: 'Not confirmed: the connection dropped before the server answered.' } : p,
            ),
          }
        : {}),
    });
    this.typingUntil.clear();
  }

  onPresence(online: readonly Author[]): void {
    this.update({ online });
  }

  onTyping(user: Author): void {
    this.typingUntil.set(user.id, { user, until: this.client.now() + TYPING_SHOWN_MS });
    this.update({ typing: this.currentTyping() });
    if (this.typingTimer === null) this.scheduleTypingExpiry();
  }

  private scheduleTypingExpiry(): void {
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      const before = this.snapshot.typing.length;
      const typing = this.currentTyping();
      if (typing.length !== before) this.update({ typing });
      if (this.typingUntil.size > 0 && !this.closed) this.scheduleTypingExpiry();
    }, 1_000);
  }

  private currentTyping(): Author[] {
    const now = this.client.now();
    for (const [id, { until }] of this.typingUntil) if (until <= now) this.typingUntil.delete(id);
    return [...this.typingUntil.values()].map(({ user }) => user);
  }

  onStatus(status: IncidentStatus): void {
    this.update({ status });
  }

  onGone(): void {
    this.update({ gone: true, subscribed: false, online: null, typing: [] });
  }

  setNotice(notice: string | null): void {
    this.update({ notice });
  }

  dispose(): void {
    this.closed = true;
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.listeners.clear();
  }
}

/** The socket and the rooms it serves. */
export class LiveClient {
  private readonly options: LiveClientOptions;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly socketUrl: (ticket: string) => string;
  private readonly random: () => number;
  private readonly isOnline: () => boolean;
  readonly now: () => number;
  readonly newClientId: () => string;
  private rooms = new Map<string, LiveRoom>();
  private socket: SocketLike | null = null;
  private connecting = false;
  private openedAt: number | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private awaitingPong = false;
  private disposed = false;
  private state: ConnectionState = { kind: 'idle' };
  private stateListeners = new Set<Listener>();
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => {
    if (this.socket === null && this.rooms.size > 0) {
      this.clearReconnect();
      this.setState({ kind: 'offline' });
    }
  };

  constructor(options: LiveClientOptions) {
    this.options = options;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.socketUrl = options.socketUrl ?? ((ticket) => socketUrlFor(ticket));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
    this.newClientId = options.newClientId ?? (() => newClientId());
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
  }

  // ---- connection state --------------------------------------------------------------------------

  subscribeState = (listener: Listener): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  getState = (): ConnectionState => this.state;

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of [...this.stateListeners]) listener();
  }

  fetchMessages(incidentId: string, query: MessageQuery): Promise<MessagePage> {
    return this.options.fetchMessages(incidentId, query);
  }

  // ---- rooms -------------------------------------------------------------------------------------

  /** Opens a room over what a REST read returned (the newest entries), and subscribes it. */
  openRoom(incidentId: string, initial: MessagePage): LiveRoom {
    this.rooms.get(incidentId)?.close();
    const room = new LiveRoom(this, incidentId, initial);
    this.rooms.set(incidentId, room);
    if (this.socket?.readyState === OPEN) this.subscribeRoom(room);
    else this.ensureConnected();
    return room;
  }

  closeRoom(room: LiveRoom): void {
    if (this.rooms.get(room.incidentId) !== room) return;
    this.rooms.delete(room.incidentId);
    room.dispose();
    if (this.rooms.size === 0) this.disconnect();
    else this.sendFrame({ type: 'unsubscribe', incident: room.incidentId });
  }

  private subscribeRoom(room: LiveRoom): void {
    if (room.getSnapshot().gone || room.catchingUp) return;
    this.sendFrame({ type: 'subscribe', incident: room.incidentId, after: room.after });
  }

  /** Sends a frame when the socket is open; false when it could not be sent. */
  sendFrame(frame: Record<string, unknown>): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  // ---- the socket --------------------------------------------------------------------------------

  private ensureConnected(): void {
    if (this.socket || this.connecting || this.reconnectTimer !== null || this.disposed) return;
    void this.connect();
  }

  /** Skips the wait: tries at once (the "Reconnect now" button, the browser coming back online). */
  reconnectNow(): void {
    if (this.disposed || this.socket || this.connecting || this.rooms.size === 0) return;
    this.clearReconnect();
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.disposed || this.rooms.size === 0) return;
    if (!this.isOnline()) {
      this.setState({ kind: 'offline' });
      return;
    }
    this.connecting = true;
    if (this.state.kind !== 'reconnecting') this.setState({ kind: 'connecting' });
    let ticket: string;
    try {
      ticket = await this.options.getTicket();
    } catch {
      this.connecting = false;
      this.scheduleReconnect();
      return;
    }
    this.connecting = false;
    if (this.disposed || this.rooms.size === 0) {
      this.setState({ kind: 'idle' });
      return;
    }
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.socketUrl(ticket));
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.openedAt = this.now();
      this.setState({ kind: 'connected' });
      this.startPing();
      for (const room of this.rooms.values()) this.subscribeRoom(room);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.onFrame(event.data);
    };
    socket.onclose = () => this.onSocketGone(socket);
    socket.onerror = () => undefined; // a close event follows
  }

  /** The socket closed (by the server, the network, or a missed pong). */
  private onSocketGone(socket: SocketLike): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.stopPing();
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    for (const room of this.rooms.values()) room.onConnectionLost();
    if (this.disposed || this.rooms.size === 0) {
      this.setState({ kind: 'idle' });
      return;
    }
    if (this.openedAt !== null && this.now() - this.openedAt >= STABLE_AFTER_MS) this.attempt = 0;
    this.openedAt = null;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.rooms.size === 0) return;
    this.clearReconnect();
    if (!this.isOnline()) {
      this.setState({ kind: 'offline' });
      return;
    }
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.setState({ kind: 'reconnecting', at: this.now() + delay, attempt: this.attempt });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private startPing(): void {
    this.stopPing();
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket) return;
      if (this.awaitingPong) {
        // Nothing came back for a whole interval: the connection is dead without having said so.
        try {
          socket.close(4000, 'no pong');
        } catch {
          // already closing
        }
        this.onSocketGone(socket);
        return;
      }
      this.awaitingPong = true;
      this.sendFrame({ type: 'ping' });
    }, PING_INTERVAL_MS);
  }

  private stopPing(): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private disconnect(): void {
    this.clearReconnect();
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    this.attempt = 0;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(1000, 'no room open');
      } catch {
        // already closed
      }
    }
    this.setState({ kind: 'idle' });
  }

  /** Closes everything; the client is not used again. */
  dispose(): void {
    for (const room of [...this.rooms.values()]) room.dispose();
    this.rooms.clear();
    this.disconnect();
    this.disposed = true;
    this.stateListeners.clear();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
  }

  // ---- frames ------------------------------------------------------------------------------------

  private onFrame(data: unknown): void {
    this.awaitingPong = false;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    const room = typeof frame.incident === 'string' ? this.rooms.get(frame.incident) : undefined;
    switch (frame.type) {
      case 'subscribed':
        if (!room) return;
        room.onSubscribed();
        if (frame.more === true) void this.catchUp(room);
        return;
      case 'message':
        if (room && isMessage(frame.message)) room.receive([frame.message], true);
        return;
      case 'ack':
        if (room && typeof frame.clientId === 'string' && typeof frame.seq === 'number') room.onAck(frame.clientId, frame.seq);
        return;
      case 'presence':
        if (room && Array.isArray(frame.online)) room.onPresence(frame.online.filter(isPerson));
        return;
      case 'typing':
        if (room && isPerson(frame.user) && frame.user.id !== this.options.selfId) room.onTyping(frame.user);
        return;
      case 'status':
        if (room && typeof frame.status === 'string') room.onStatus(frame.status as IncidentStatus);
        return;
      case 'notification':
        if (typeof frame.unreadCount === 'number') this.options.onNotification?.(frame.unreadCount);
        return;
      case 'error':
        this.onErrorFrame(frame, room);
        return;
      default:
        return; // pong, unsubscribed, and anything newer than this client
    }
  }

  private onErrorFrame(frame: Record<string, unknown>, room: LiveRoom | undefined): void {
    const code = typeof frame.code === 'string' ? frame.code : 'error';
    const message = typeof frame.message === 'string' ? frame.message : '';
    if (typeof frame.ref === 'string') {
      const rooms = room ? [room] : [...this.rooms.values()];
      if (rooms.some((r) => r.onSendError(frame.ref as string, code, message))) return;
    }
    if (!room) return;
    if (code === 'not_found') room.onGone();
    else if (code === 'rate_limited') room.setNotice('You are going faster than the platform allows; wait a moment.');
    else room.setNotice(message || `The server refused a request (${code}).`);
  }

  /**
   * `more: true`: over a thousand entries were missed. The rest comes over REST (`after=`), page
   * by page, and then the room is subscribed again from the new position.
   */
  private async catchUp(room: LiveRoom): Promise<void> {
    if (room.catchingUp) return;
    room.catchingUp = true;
    try {
      for (;;) {
        const page = await this.fetchMessages(room.incidentId, { after: room.after, limit: CATCH_UP_LIMIT });
        if (room.closed) return;
        room.receive(page.items, false);
        if (!page.hasMore || page.items.length === 0) break;
      }
      room.catchingUp = false;
      this.subscribeRoom(room);
    } catch {
      room.catchingUp = false;
      if (room.closed) return;
      room.setNotice('Missed messages could not be loaded; trying again.');
      // Start over: the next connection subscribes from where the room is and is told `more` again.
      const socket = this.socket;
      if (socket) {
        try {
          socket.close(4001, 'catch-up failed');
        } catch {
          // already closing
        }
        this.onSocketGone(socket);
      }
    }
  }
}
