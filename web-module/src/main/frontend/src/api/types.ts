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
