/**
 * Wire types of the ESCAPE public API v1, mirroring docs/api.md (API.md) field for field.
 *
 * Only what the SPA uses today is declared; each later feature adds its resources here so the
 * whole contract the browser relies on can be read (and checked against the server) in one place.
 */

/** Classification levels, lowest first. The order is the ranking used by the security model. */
export const CLASSIFICATIONS = [
  'UNCLASSIFIED',
  'RESTRICTED',
  'CONFIDENTIAL',
  'SECRET',
  'TOP_SECRET',
] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];

/** The releasability value meaning "every country". */
export const RELEASABLE_TO_ALL = 'ALL';

/**
 * A security label as it travels on the wire:
 * `{"classification":"CONFIDENTIAL","releasableTo":["GBR","KEN"]}` or `"releasableTo":["ALL"]`.
 * Countries are ISO 3166-1 alpha-3 codes.
 */
export interface Label {
  classification: Classification;
  releasableTo: string[];
}

/** Anything the server returns with a label also carries the server-rendered marking text. */
export interface Labelled {
  label: Label;
  marking: string;
}

/** `GET /api/v1/me`: the signed-in user as the platform currently knows them. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  /** ISO 3166-1 alpha-3, set by identity administrators only. */
  country: string;
  clearance: Classification;
  /** Realm roles: `member`, `moderator`, `auditor`, `admin` (see {@link ROLES}). */
  roles: string[];
}

/** A page of results: `?page=0&size=20` → `{items, total, page, size}`; `total` counts readable items only. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
}

/** One entry of a 400 validation problem. */
export interface FieldError {
  field: string;
  message: string;
}

/** An `application/problem+json` error body (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/** The realm roles of API.md and PRODUCT.md ("Who uses it"). */
export const ROLES = ['member', 'moderator', 'auditor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * One record of the append-only audit trail (`GET /api/v1/audit`). Each record carries the
 * SHA-256 of its predecessor (`prevHash`), so an edited or deleted record breaks the chain.
 */
export interface AuditEntry {
  /** Position in the trail, strictly increasing. */
  seq: number;
  /** ISO-8601 UTC. */
  at: string;
  /** Username, or null for anonymous requests and the system itself. */
  actor: string | null;
  action: string;
  /** The kind of object, or null when the action concerns none (e.g. a refused function). */
  objectType: string | null;
  objectId: string | null;
  /** `SUCCESS`, `DENIED`, … (open-ended: unknown values are shown as they come). */
  outcome: string;
  /** Hex SHA-256 of this record. */
  hash: string;
  /** Hex SHA-256 of the record before it. */
  prevHash: string;
}

/** The filters of `GET /api/v1/audit`; absent or empty values are not sent. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  /** Matched by the server against the object type or the object id. */
  object?: string;
  /** ISO-8601 UTC, inclusive lower bound. */
  from?: string;
  /** ISO-8601 UTC, upper bound. */
  to?: string;
  page?: number;
  size?: number;
}

/** `GET /api/v1/audit/verify`: the whole chain recomputed on the server. */
export interface AuditVerification {
  ok: boolean;
  /** How many entries were checked. */
  entries: number;
  /** The first entry whose hash or predecessor does not match, or null when the chain is intact. */
  firstBrokenSeq: number | null;
}

/** `GET /api/v1/client-config` (public): where and as whom the browser signs in. */
export interface ClientConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}

/** `GET /api/v1/users?q=&page&size`: enabled users whose username starts with q or whose name contains it. */
export interface UserQuery {
  q: string;
  page?: number;
  size?: number;
}

/* ----------------------------------------------------------------------------------------------
 * Forums and notifications (docs/api-forums.md).
 * ------------------------------------------------------------------------------------------- */

/** A person as shown next to content: never a clearance. */
export interface Author {
  id: string;
  username: string;
  displayName: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
}

/** `GET /api/v1/forums/{id}`. Counts and times cover only what the caller may read. */
export interface Forum extends Labelled {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  threadCount: number;
  /** Null when nothing readable is inside. */
  lastActivityAt: string | null;
  createdAt: string;
}

/** `GET /api/v1/forums?page&size&archived`. */
export interface ForumQuery {
  page?: number;
  size?: number;
  /** `false` (the server's default) leaves archived forums out; `true` includes them. */
  archived?: boolean;
}

/** `POST /api/v1/forums` (moderators). */
export interface NewForum {
  name: string;
  description: string;
  label: Label;
}

/** `PATCH /api/v1/forums/{id}` (moderators); a label may only be raised. */
export interface ForumPatch {
  name?: string;
  description?: string;
  label?: Label;
  archived?: boolean;
}

/** `GET /api/v1/threads/{id}`. Counts and times cover only posts the caller may read. */
export interface Thread extends Labelled {
  id: string;
  forumId: string;
  forumName: string;
  title: string;
  tags: string[];
  author: Author;
  createdAt: string;
  lastActivityAt: string | null;
  postCount: number;
  /** Readable posts after the caller's read marker (all when never opened; own posts never count). */
  unreadCount: number;
  pinned: boolean;
  locked: boolean;
  /** Only moderators ever see a hidden thread. */
  hidden: boolean;
  /** Null when the first post is above the caller. */
  firstPostId: string | null;
}

/** `GET /api/v1/forums/{id}/threads?page&size&tag`. */
export interface ThreadQuery {
  page?: number;
  size?: number;
  tag?: string;
}

/** `POST /api/v1/forums/{id}/threads`; `label` defaults to the forum's. */
export interface NewThread {
  title: string;
  body: string;
  label?: Label;
  tags?: string[];
}

/** Who deleted a post. */
export type DeletedBy = 'author' | 'moderator';

/** A post. `html` is sanitized by the server (the only HTML the app ever renders). */
export interface Post extends Labelled {
  id: string;
  threadId: string;
  author: Author;
  /** Markdown; '' when deleted, or hidden from the caller. */
  body: string;
  /** Sanitized HTML; '' when deleted, or hidden from the caller. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  revision: number;
  /** Null also when the post replied to is not readable by the caller. */
  replyTo: string | null;
  deleted: boolean;
  deletedBy: DeletedBy | null;
  hidden: boolean;
  hiddenReason: string | null;
  canEdit: boolean;
  canDelete: boolean;
}

/** `GET /api/v1/threads/{id}/posts?page&size`. */
export interface PageQuery {
  page?: number;
  size?: number;
}

/** `POST /api/v1/threads/{id}/posts`; `label` defaults to the thread's. */
export interface NewPost {
  body: string;
  label?: Label;
  replyTo?: string;
}

/** `PATCH /api/v1/posts/{id}`: the author edits the body; author or moderator raise the label. */
export interface PostPatch {
  body?: string;
  label?: Label;
}

export const REVISION_KINDS = ['CREATED', 'EDITED', 'RELABELLED', 'DELETED', 'HIDDEN', 'UNHIDDEN'] as const;

export type RevisionKind = (typeof REVISION_KINDS)[number];

/** One entry of `GET /api/v1/posts/{id}/revisions`, oldest first. */
export interface Revision extends Labelled {
  revision: number;
  /** One of {@link REVISION_KINDS}; unknown values are shown as they come. */
  kind: RevisionKind | string;
  body: string;
  editor: Author;
  at: string;
}

export const THREAD_MODERATION_ACTIONS = ['PIN', 'UNPIN', 'LOCK', 'UNLOCK', 'HIDE', 'UNHIDE'] as const;

export type ThreadModerationAction = (typeof THREAD_MODERATION_ACTIONS)[number];

export type PostModerationAction = 'HIDE' | 'UNHIDE';

/** `POST /api/v1/threads|posts/{id}/moderation`: the reason is required (≤ 500) and audited. */
export interface Moderation<A extends string> {
  action: A;
  reason: string;
}

export type NotificationKind = 'MENTION' | 'REPLY' | 'REVIEW_REQUESTED' | 'ARTICLE_PUBLISHED' | 'ARTICLE_SENT_BACK';

/** A mention or a reply, listed only while the recipient may read the post. */
export interface Notification {
  id: string;
  /** `MENTION` or `REPLY`; unknown kinds are shown generically. */
  kind: NotificationKind | string;
  createdAt: string;
  read: boolean;
  actor: Author;
  /** The forum post it is about; null when it is about a chat message. */
  post: { id: string; threadId: string; threadTitle: string } | null;
  /** The incident chat message it is about (docs/api-incidents.md); null or absent for a post. */
  message?: { id: string; incidentId: string; incidentTitle: string; seq: number } | null;
  /** The knowledge-base article it is about (docs/api-articles.md); null or absent otherwise. */
  article?: { id: string; title: string } | null;
}

/** `GET /api/v1/notifications`: a page, newest first, plus the caller's unread count. */
export interface NotificationPage extends Page<Notification> {
  unread: number;
}

/** `GET /api/v1/notifications?unread=true&page&size`. */
export interface NotificationQuery {
  unread?: boolean;
  page?: number;
  size?: number;
}

/** `GET /api/v1/notifications/unread-count`. */
export interface UnreadCount {
  unread: number;
}

/* ----------------------------------------------------------------------------------------------
 * Incidents, chat and the live socket (docs/api-incidents.md).
 * ------------------------------------------------------------------------------------------- */

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** The lifecycle, in order: OPEN → CONTAINED → RESOLVED → CLOSED (reopen from RESOLVED). */
export const INCIDENT_STATUSES = ['OPEN', 'CONTAINED', 'RESOLVED', 'CLOSED'] as const;

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** `MEMBERS`: only members read it; `CLEARED`: anyone who passes R1 reads it and may join. */
export const INCIDENT_ACCESS = ['MEMBERS', 'CLEARED'] as const;

export type IncidentAccess = (typeof INCIDENT_ACCESS)[number];

export const MEMBER_ROLES = ['COMMANDER', 'RESPONDER', 'OBSERVER'] as const;

export type MemberRole = (typeof MEMBER_ROLES)[number];

/** `GET /api/v1/incidents/{id}`: an incident as the caller may see it. */
export interface Incident extends Labelled {
  id: string;
  title: string;
  summary: string;
  severity: Severity;
  status: IncidentStatus;
  access: IncidentAccess;
  createdBy: Author;
  createdAt: string;
  updatedAt: string;
  /** The newest timeline sequence number of the incident. */
  latestSeq: number;
  /** Null when the caller is not a member. */
  myRole: MemberRole | null;
  /** Members the caller can see (suspended ones are not counted). */
  memberCount: number;
  canPost: boolean;
  canManage: boolean;
}

/** `GET /api/v1/incidents?status&severity&mine&page&size`, most recently updated first. */
export interface IncidentQuery {
  status?: IncidentStatus | undefined;
  severity?: Severity | undefined;
  mine?: boolean | undefined;
  page?: number;
  size?: number;
}

/** `POST /api/v1/incidents`; the creator becomes COMMANDER. */
export interface NewIncident {
  title: string;
  summary: string;
  severity: Severity;
  label: Label;
  access: IncidentAccess;
}

/** `PATCH /api/v1/incidents/{id}`: a status move, edits, or a raised label. */
export interface IncidentPatch {
  status?: IncidentStatus;
  title?: string;
  summary?: string;
  severity?: Severity;
  label?: Label;
}

/** One member of an incident; `online` is true while they have the room open. */
export interface Member {
  user: Author;
  role: MemberRole;
  addedAt: string;
  /** Documented in the contract; the server may leave it out (presence then comes from the socket only). */
  online?: boolean;
}

/** `GET /api/v1/incidents/{id}/members`. */
export interface MemberList {
  items: Member[];
  total: number;
}

/** `POST /api/v1/incidents/{id}/members`. */
export interface NewMember {
  username: string;
  role: MemberRole;
}

export const TIMELINE_KINDS = ['MESSAGE', 'STATUS', 'MEMBER', 'CREATED', 'UPDATED'] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One timeline entry: a chat message (`MESSAGE`) or a system event. `seq` is per incident and
 * strictly increasing; a reader sees gaps where entries are above them. `html` is sanitized by
 * the server and is the only HTML rendered; `body` is Markdown (for system entries, a sentence).
 */
export interface Message extends Labelled {
  id: string;
  incidentId: string;
  seq: number;
  /** The sender's idempotency key; null for system entries. */
  clientId: string | null;
  /** One of {@link TIMELINE_KINDS}; unknown kinds are shown as events. */
  kind: TimelineKind | string;
  author: Author;
  body: string;
  html: string;
  createdAt: string;
}

/**
 * `GET /api/v1/incidents/{id}/messages`: `after` (ascending from there), or `before` (the newest
 * below it), or neither (the newest). `hasMore`: more readable entries lie in the direction asked.
 */
export interface MessageQuery {
  after?: number;
  before?: number;
  limit?: number;
}

export interface MessagePage {
  items: Message[];
  latestSeq: number;
  hasMore: boolean;
}

/** `POST /api/v1/incidents/{id}/messages`; the same `clientId` twice returns the original. */
export interface NewMessage {
  body: string;
  clientId: string;
  label?: Label;
}

/** `POST /api/v1/ws-tickets`: single use, valid 30 s, bound to the user. */
export interface WsTicket {
  ticket: string;
  expiresAt: string;
}
