import { ApiError, errorFromResponse, readJson, unreachableError } from './problem';
import type { AuditEntry, AuditQuery, AuditVerification, ClientConfig, Me, Page } from './types';

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
