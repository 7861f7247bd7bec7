import { ApiError, errorFromResponse, readJson, unreachableError } from './problem';
import type {
  AuditEntry,
  Author,
  AuditQuery,
  AuditVerification,
  ClientConfig,
  Forum,
  ForumPatch,
  Incident,
  IncidentPatch,
  IncidentQuery,
  Member,
  MemberList,
  Message,
  MessagePage,
  MessageQuery,
  NewIncident,
  NewMember,
  NewMessage,
  WsTicket,
  ForumQuery,
  Me,
  Moderation,
  NewForum,
  NewPost,
  NewThread,
  NotificationPage,
  NotificationQuery,
  Page,
  PageQuery,
  Post,
  PostModerationAction,
  PostPatch,
  Revision,
  Thread,
  ThreadModerationAction,
  ThreadQuery,
  UnreadCount,
  UserQuery,
} from './types';

/** The API lives on the same origin as the page; the server adds CORS for nothing else. */
export const API_BASE = '/api/v1';

type FetchFn = typeof fetch;

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialized as JSON. */
  body?: unknown;
  /** Appended as a query string; undefined, null and '' values are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /**
   * Returns a valid access token, refreshing it first when it is about to expire. It rejects when
   * the session cannot be kept alive (the caller is then on its way back to the sign-in page).
   */
  getToken: () => Promise<string>;
  fetch?: FetchFn;
  baseUrl?: string;
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  let url = baseUrl + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.append(key, String(value));
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  return url;
}

async function send(fetchFn: FetchFn, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw unreachableError();
  }
}

/**
 * The typed client of the ESCAPE API. Every call carries a freshly refreshed bearer token and
 * turns problem+json answers into {@link ApiError}s with a readable message.
 */
export class ApiClient {
  private readonly getToken: () => Promise<string>;
  private readonly fetchFn: FetchFn;
  private readonly baseUrl: string;

  constructor(options: ApiClientOptions) {
    this.getToken = options.getToken;
    // Bound so that the browser's fetch is never called with a foreign `this`.
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = options.baseUrl ?? API_BASE;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const token = await this.getToken();
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      Authorization: `Bearer ${token}`,
    };
    const init: RequestInit = {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
    };
    if (options.signal) init.signal = options.signal;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const response = await send(this.fetchFn, buildUrl(this.baseUrl, path, options.query), init);
    if (!response.ok) {
      throw await errorFromResponse(response);
    }
    return readJson<T>(response);
  }

  /** `GET /api/v1/me`. */
  getMe(signal?: AbortSignal): Promise<Me> {
    return this.request<Me>('/me', signal ? { signal } : {});
  }

  /**
   * `GET /api/v1/users?q=&page&size`: colleagues to mention or add, by username prefix or name.
   * Each is shown as `{id, username, displayName, country}`, never with a clearance.
   */
  searchUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<Author>> {
    const { q, page, size } = query;
    return this.request<Page<Author>>('/users', { query: { q, page, size }, ...withSignal(signal) });
  }

  /** `GET /api/v1/audit?actor=&action=&object=&from=&to=&page=&size=` (auditors only, else 403). */
  getAuditTrail(query: AuditQuery = {}, signal?: AbortSignal): Promise<Page<AuditEntry>> {
    const { actor, action, object, from, to, page, size } = query;
    return this.request<Page<AuditEntry>>('/audit', {
      query: { actor, action, object, from, to, page, size },
      ...(signal ? { signal } : {}),
    });
  }

  /** `GET /api/v1/audit/verify` (auditors only, else 403): recomputes the whole hash chain. */
  verifyAuditChain(signal?: AbortSignal): Promise<AuditVerification> {
    return this.request<AuditVerification>('/audit/verify', signal ? { signal } : {});
  }

  // ---- Forums (docs/api-forums.md) -------------------------------------------------------------

  /** `GET /api/v1/forums?page&size&archived`: the forums the caller may read, in name order. */
  listForums(query: ForumQuery = {}, signal?: AbortSignal): Promise<Page<Forum>> {
    const { page, size, archived } = query;
    return this.request<Page<Forum>>('/forums', { query: { page, size, archived }, ...withSignal(signal) });
  }

  /** `POST /api/v1/forums` (moderators) → 201 Forum. */
  createForum(forum: NewForum): Promise<Forum> {
    return this.request<Forum>('/forums', { method: 'POST', body: forum });
  }

  /** `GET /api/v1/forums/{id}`; 404 when missing or unreadable (the same answer). */
  getForum(id: string, signal?: AbortSignal): Promise<Forum> {
    return this.request<Forum>(`/forums/${enc(id)}`, withSignal(signal));
  }

  /** `PATCH /api/v1/forums/{id}` (moderators); a lower label is 409. */
  updateForum(id: string, patch: ForumPatch): Promise<Forum> {
    return this.request<Forum>(`/forums/${enc(id)}`, { method: 'PATCH', body: patch });
  }

  /** `GET /api/v1/forums/{id}/threads?page&size&tag`: pinned first, then by last activity. */
  listThreads(forumId: string, query: ThreadQuery = {}, signal?: AbortSignal): Promise<Page<Thread>> {
    const { page, size, tag } = query;
    return this.request<Page<Thread>>(`/forums/${enc(forumId)}/threads`, {
      query: { page, size, tag },
      ...withSignal(signal),
    });
  }

  /** `POST /api/v1/forums/{id}/threads` → 201 Thread (with its first post). */
  createThread(forumId: string, thread: NewThread): Promise<Thread> {
    return this.request<Thread>(`/forums/${enc(forumId)}/threads`, { method: 'POST', body: thread });
  }

  // ---- Threads -----------------------------------------------------------------------------------

  /** `GET /api/v1/threads/{id}`. */
  getThread(id: string, signal?: AbortSignal): Promise<Thread> {
    return this.request<Thread>(`/threads/${enc(id)}`, withSignal(signal));
  }

  /** `GET /api/v1/threads/{id}/posts?page&size`: readable posts in posting order. */
  listPosts(threadId: string, query: PageQuery = {}, signal?: AbortSignal): Promise<Page<Post>> {
    const { page, size } = query;
    return this.request<Page<Post>>(`/threads/${enc(threadId)}/posts`, { query: { page, size }, ...withSignal(signal) });
  }

  /** `POST /api/v1/threads/{id}/posts` → 201 Post; a locked thread is 409. */
  createPost(threadId: string, post: NewPost): Promise<Post> {
    return this.request<Post>(`/threads/${enc(threadId)}/posts`, { method: 'POST', body: post });
  }

  /** `PUT /api/v1/threads/{id}/read-marker` → 204: everything readable up to now is read. */
  markThreadRead(threadId: string): Promise<void> {
    return this.request<void>(`/threads/${enc(threadId)}/read-marker`, { method: 'PUT' });
  }

  /** `POST /api/v1/threads/{id}/moderation {action, reason}` (moderators) → Thread. */
  moderateThread(threadId: string, moderation: Moderation<ThreadModerationAction>): Promise<Thread> {
    return this.request<Thread>(`/threads/${enc(threadId)}/moderation`, { method: 'POST', body: moderation });
  }

  // ---- Posts -------------------------------------------------------------------------------------

  /** `GET /api/v1/posts/{id}`. */
  getPost(id: string, signal?: AbortSignal): Promise<Post> {
    return this.request<Post>(`/posts/${enc(id)}`, withSignal(signal));
  }

  /** `PATCH /api/v1/posts/{id} {body?, label?}` → Post (a new revision). */
  editPost(id: string, patch: PostPatch): Promise<Post> {
    return this.request<Post>(`/posts/${enc(id)}`, { method: 'PATCH', body: patch });
  }

  /** `DELETE /api/v1/posts/{id}` → 204; the post becomes a tombstone. */
  deletePost(id: string): Promise<void> {
    return this.request<void>(`/posts/${enc(id)}`, { method: 'DELETE' });
  }

  /** `GET /api/v1/posts/{id}/revisions`, oldest first; 403 for readers who are not author, moderator or auditor. */
  getPostRevisions(id: string, signal?: AbortSignal): Promise<Revision[]> {
    return this.request<Revision[]>(`/posts/${enc(id)}/revisions`, withSignal(signal));
  }

  /** `POST /api/v1/posts/{id}/moderation {action, reason}` (moderators) → Post. */
  moderatePost(id: string, moderation: Moderation<PostModerationAction>): Promise<Post> {
    return this.request<Post>(`/posts/${enc(id)}/moderation`, { method: 'POST', body: moderation });
  }

  // ---- Notifications -----------------------------------------------------------------------------

  /** `GET /api/v1/notifications?unread=true&page&size`: newest first, with the unread count. */
  listNotifications(query: NotificationQuery = {}, signal?: AbortSignal): Promise<NotificationPage> {
    const { unread, page, size } = query;
    return this.request<NotificationPage>('/notifications', {
      query: { unread: unread ? true : undefined, page, size },
      ...withSignal(signal),
    });
  }

  /** `GET /api/v1/notifications/unread-count`. */
  getUnreadCount(signal?: AbortSignal): Promise<UnreadCount> {
    return this.request<UnreadCount>('/notifications/unread-count', withSignal(signal));
  }

  /** `POST /api/v1/notifications/{id}/read` → 204. */
  markNotificationRead(id: string): Promise<void> {
    return this.request<void>(`/notifications/${enc(id)}/read`, { method: 'POST' });
  }

  /** `POST /api/v1/notifications/read-all` → 204. */
  markAllNotificationsRead(): Promise<void> {
    return this.request<void>('/notifications/read-all', { method: 'POST' });
  }

  // ---- Incidents (docs/api-incidents.md) ---------------------------------------------------------

  /** `GET /api/v1/incidents?status&severity&mine&page&size`: readable incidents, recently updated first. */
  listIncidents(query: IncidentQuery = {}, signal?: AbortSignal): Promise<Page<Incident>> {
    const { status, severity, mine, page, size } = query;
    return this.request<Page<Incident>>('/incidents', {
      query: { status, severity, mine: mine ? true : undefined, page, size },
      ...withSignal(signal),
    });
  }

  /** `POST /api/v1/incidents` → 201 Incident; the caller becomes its COMMANDER. */
  createIncident(incident: NewIncident): Promise<Incident> {
    return this.request<Incident>('/incidents', { method: 'POST', body: incident });
  }

  /** `GET /api/v1/incidents/{id}`; 404 when missing or unreadable (the same answer). */
  getIncident(id: string, signal?: AbortSignal): Promise<Incident> {
    return this.request<Incident>(`/incidents/${enc(id)}`, withSignal(signal));
  }

  /** `PATCH /api/v1/incidents/{id}`: an illegal status move, a lower label or a closed incident is 409. */
  updateIncident(id: string, patch: IncidentPatch): Promise<Incident> {
    return this.request<Incident>(`/incidents/${enc(id)}`, { method: 'PATCH', body: patch });
  }

  /** `GET /api/v1/incidents/{id}/members`: members the caller can see (not suspended ones). */
  listMembers(incidentId: string, signal?: AbortSignal): Promise<MemberList> {
    return this.request<MemberList>(`/incidents/${enc(incidentId)}/members`, withSignal(signal));
  }

  /**
   * `POST /api/v1/incidents/{id}/members` → 201 (added) or 200 (role changed). Someone unknown or
   * not cleared for the incident is the same 400 at `username`: "cannot be added to this incident".
   */
  addMember(incidentId: string, member: NewMember): Promise<Member> {
    return this.request<Member>(`/incidents/${enc(incidentId)}/members`, { method: 'POST', body: member });
  }

  /** `DELETE /api/v1/incidents/{id}/members/{userId}` → 204; the last commander cannot go (409). */
  removeMember(incidentId: string, userId: string): Promise<void> {
    return this.request<void>(`/incidents/${enc(incidentId)}/members/${enc(userId)}`, { method: 'DELETE' });
  }

  /** `POST /api/v1/incidents/{id}/join` → 201 Member, as RESPONDER (CLEARED incidents only, else 409). */
  joinIncident(incidentId: string): Promise<Member> {
    return this.request<Member>(`/incidents/${enc(incidentId)}/join`, { method: 'POST' });
  }

  /** `GET /api/v1/incidents/{id}/messages?after|before&limit`: readable timeline entries, ascending. */
  listMessages(incidentId: string, query: MessageQuery = {}, signal?: AbortSignal): Promise<MessagePage> {
    const { after, before, limit } = query;
    return this.request<MessagePage>(`/incidents/${enc(incidentId)}/messages`, {
      query: { after, before, limit },
      ...withSignal(signal),
    });
  }

  /** `POST /api/v1/incidents/{id}/messages` → 201, or 200 with the original for a repeated `clientId`. */
  postMessage(incidentId: string, message: NewMessage): Promise<Message> {
    return this.request<Message>(`/incidents/${enc(incidentId)}/messages`, { method: 'POST', body: message });
  }

  /** `POST /api/v1/ws-tickets` → 201: a single-use ticket for `/ws?ticket=`, valid 30 s. */
  createWsTicket(): Promise<WsTicket> {
    return this.request<WsTicket>('/ws-tickets', { method: 'POST' });
  }
}

/** Ids go into paths; they are UUIDs, but nothing typed into an address may change the path. */
function enc(id: string): string {
  return encodeURIComponent(id);
}

function withSignal(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * `GET /api/v1/client-config`: public, fetched before sign-in. The answer is checked, because a
 * half-configured server would otherwise send the browser to a broken sign-in page.
 */
export async function fetchClientConfig(
  fetchFn: FetchFn = (input, init) => globalThis.fetch(input, init),
): Promise<ClientConfig> {
  const response = await send(fetchFn, `${API_BASE}/client-config`, {
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) {
    throw await errorFromResponse(response);
  }
  const body = await readJson<unknown>(response);
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { keycloakUrl, realm, clientId } = record;
  if (
    !isNonEmptyString(keycloakUrl) ||
    !/^https?:\/\//i.test(keycloakUrl) ||
    !isNonEmptyString(realm) ||
    !isNonEmptyString(clientId)
  ) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Sign-in is not configured',
      status: response.status,
      detail: 'The server did not say where to sign in (keycloakUrl, realm, clientId).',
    });
  }
  return { keycloakUrl: keycloakUrl.replace(/\/+$/, ''), realm, clientId };
}
