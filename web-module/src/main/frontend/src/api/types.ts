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
  /** Realm roles: `member`, `moderator`, `auditor`, `admin`. */
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

/** `GET /api/v1/client-config` (public): where and as whom the browser signs in. */
export interface ClientConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}
