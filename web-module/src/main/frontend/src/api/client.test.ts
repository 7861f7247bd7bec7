import { describe, expect, it, vi } from 'vitest';
import { ApiClient, fetchClientConfig } from './client';
import { ApiError } from './problem';
import type { Me } from './types';

const ALICE: Me = {
  id: '4d8c7f1e-7a51-4c55-9a0e-1b1f6c1d2e3f',
  username: 'alice',
  displayName: 'Alice Moderator',
  country: 'GBR',
  clearance: 'SECRET',
  roles: ['member', 'moderator'],
};

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function clientWith(fetchFn: typeof fetch, token = 'token-1') {
  return new ApiClient({ getToken: () => Promise.resolve(token), fetch: fetchFn });
}

describe('ApiClient', () => {
  it('getMe() calls GET /api/v1/me with the bearer token', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json(ALICE));
    const me = await clientWith(fetchFn, 'abc.def.ghi').getMe();

    expect(me).toEqual(ALICE);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/v1/me');
    expect(init?.method).toBe('GET');
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer abc.def.ghi');
    expect(headers.Accept).toContain('application/json');
    expect(init?.body).toBeUndefined();
  });

  it('asks for a fresh token before every call', async () => {
    const getToken = vi.fn<() => Promise<string>>().mockResolvedValueOnce('t1').mockResolvedValueOnce('t2');
    const fetchFn = vi.fn<typeof fetch>().mockImplementation(() => Promise.resolve(json(ALICE)));
    const api = new ApiClient({ getToken, fetch: fetchFn });
    await api.getMe();
    await api.getMe();
    const tokens = fetchFn.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).Authorization);
    expect(tokens).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('does not call the API when no token can be had', async () => {
    const fetchFn = vi.fn<typeof fetch>();
    const api = new ApiClient({ getToken: () => Promise.reject(new Error('session over')), fetch: fetchFn });
    await expect(api.getMe()).rejects.toThrow('session over');
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('sends JSON bodies and query parameters', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json({ id: 'x' }, 201));
    await clientWith(fetchFn).request('/forums', {
      method: 'POST',
      body: { name: 'Ransomware', label: { classification: 'RESTRICTED', releasableTo: ['ALL'] } },
      query: { page: 0, size: 20, tag: undefined, q: '' },
    });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/v1/forums?page=0&size=20');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init?.body as string)).toEqual({
      name: 'Ransomware',
      label: { classification: 'RESTRICTED', releasableTo: ['ALL'] },
    });
  });

  it('turns a problem+json 404 into an ApiError', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(
      json({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No such item.' }, 404, 'application/problem+json'),
    );
    const error = await clientWith(fetchFn)
      .request('/threads/00000000-0000-0000-0000-000000000000')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe('Not found: No such item.');
  });

  it('reports an unreachable server with status 0', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    const error = (await clientWith(fetchFn).getMe().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.unreachable).toBe(true);
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/could not be reached/);
  });

  it('passes an abort through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('Aborted', 'AbortError');
    const fetchFn = vi.fn<typeof fetch>().mockRejectedValue(abort);
    await expect(clientWith(fetchFn).getMe(controller.signal)).rejects.toBe(abort);
  });

  it('returns undefined for 204 No Content', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(new Response(null, { status: 204 }));
    await expect(clientWith(fetchFn).request('/notifications/1/read', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('getAuditTrail() sends the filters that are set, with page and size', async () => {
    const page = { items: [], total: 0, page: 1, size: 20 };
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json(page));
    const result = await clientWith(fetchFn).getAuditTrail({
      actor: 'alice',
      action: '',
      object: 'thread',
      from: '2026-03-01T00:00:00Z',
      page: 1,
      size: 20,
    });
    expect(result).toEqual(page);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/v1/audit?actor=alice&object=thread&from=2026-03-01T00%3A00%3A00Z&page=1&size=20');
    expect(init?.method).toBe('GET');
  });

  it('getAuditTrail() without filters asks for the first page the server chooses', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json({ items: [], total: 0, page: 0, size: 20 }));
    await clientWith(fetchFn).getAuditTrail();
    expect(fetchFn.mock.calls[0]![0]).toBe('/api/v1/audit');
  });

  it('verifyAuditChain() calls GET /api/v1/audit/verify', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json({ ok: false, entries: 12, firstBrokenSeq: 7 }));
    await expect(clientWith(fetchFn).verifyAuditChain()).resolves.toEqual({ ok: false, entries: 12, firstBrokenSeq: 7 });
    expect(fetchFn.mock.calls[0]![0]).toBe('/api/v1/audit/verify');
  });

  it('turns a 403 from the audit trail into an ApiError carrying the detail', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValue(json({ title: 'Forbidden', status: 403, detail: 'The auditor role is required.' }, 403, 'application/problem+json'));
    const error = (await clientWith(fetchFn).getAuditTrail().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.problem.detail).toBe('The auditor role is required.');
  });

  it('rejects a success answer that is not JSON (e.g. an HTML page)', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValue(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    await expect(clientWith(fetchFn).getMe()).rejects.toThrow('Unexpected response: The server did not answer with JSON.');
  });
});

describe('fetchClientConfig', () => {
  it('fetches the public configuration without a token', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValue(json({ keycloakUrl: 'http://localhost:8180/', realm: 'escape', clientId: 'escape-web' }));
    await expect(fetchClientConfig(fetchFn)).resolves.toEqual({
      keycloakUrl: 'http://localhost:8180',
      realm: 'escape',
      clientId: 'escape-web',
    });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/v1/client-config');
    expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('rejects an incomplete configuration', async () => {
    const fetchFn = vi.fn<typeof fetch>().mockResolvedValue(json({ keycloakUrl: 'javascript:alert(1)', realm: 'escape' }));
    await expect(fetchClientConfig(fetchFn)).rejects.toThrow(/Sign-in is not configured/);
  });

  it('passes server problems on', async () => {
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValue(json({ title: 'Service unavailable', status: 503, detail: 'Starting up.' }, 503, 'application/problem+json'));
    await expect(fetchClientConfig(fetchFn)).rejects.toThrow('Service unavailable: Starting up.');
  });
});
