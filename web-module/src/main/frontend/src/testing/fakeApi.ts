/**
 * A fake ESCAPE server for view tests: a `fetch` that answers `METHOD /path` routes (paths
 * without the `/api/v1` prefix) with JSON or problem+json, and records every call. Unknown
 * routes answer 404 problem+json, like the real server. Never imported by application code.
 */
import { vi } from 'vitest';
import { ApiClient } from '../api/client';

export interface FakeCall {
  method: string;
  /** Without `/api/v1` and without the query string, e.g. `/audit/verify`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** The JSON request body, parsed; undefined when there was none. */
  body: unknown;
}

export type FakeRoute = (call: FakeCall) => Response | Promise<Response>;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problemResponse(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export interface FakeApi {
  api: ApiClient;
  fetch: ReturnType<typeof vi.fn<typeof fetch>>;
  calls: FakeCall[];
  /** The calls to one route, e.g. `callsTo('GET /audit')`. */
  callsTo(route: string): FakeCall[];
}

export function fakeApi(routes: Record<string, FakeRoute>): FakeApi {
  const calls: FakeCall[] = [];
  const fetchFn = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost:8080');
    const call: FakeCall = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      headers: { ...((init?.headers as Record<string, string> | undefined) ?? {}) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    if (!route) return problemResponse(404, 'Not found', 'No such item.');
    const response = await route(call);
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return response;
  });
  return {
    api: new ApiClient({ getToken: async () => 'token-1', fetch: fetchFn }),
    fetch: fetchFn,
    calls,
    callsTo: (route) => calls.filter((c) => `${c.method} ${c.path}` === route),
  };
}

/** A promise resolved from outside, to hold an answer back while a test looks at a loading state. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
