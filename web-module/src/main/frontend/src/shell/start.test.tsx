// @vitest-environment happy-dom
// @vitest-environment-options {"url": "http://localhost:8080/"}
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Root } from 'react-dom/client';
import { ApiClient } from '../api/client';
import { ApiError, unreachableError } from '../api/problem';
import type { ClientConfig } from '../api/types';
import type { AuthSession } from '../auth/session';
import { ALICE } from '../testing/fakes';
import { start, type StartDependencies } from './start';

const CONFIG: ClientConfig = { keycloakUrl: 'http://localhost:8180', realm: 'escape', clientId: 'escape-web' };

function fakeSession(): AuthSession & { [K in keyof AuthSession]: ReturnType<typeof vi.fn> } {
  return {
    token: vi.fn(async () => 'token-1'),
    signInAgain: vi.fn(),
    signOut: vi.fn(async () => undefined),
    dispose: vi.fn(),
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

let root: Root | undefined;
let container: HTMLElement;

function boot(deps: StartDependencies) {
  globalThis.IS_REACT_ACT_ENVIRONMENT = false;
  container = document.createElement('div');
  document.body.appendChild(container);
  root = start(container, deps);
}

const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

afterEach(() => {
  root?.unmount();
  container.remove();
  window.history.replaceState(null, '', '/');
});

describe('start', () => {
  it('says when the server cannot be reached and starts again from "Try again"', async () => {
    const session = fakeSession();
    const meFetch = vi.fn<typeof fetch>().mockResolvedValue(json(ALICE));
    const deps: StartDependencies = {
      fetchConfig: vi.fn<() => Promise<ClientConfig>>().mockRejectedValueOnce(unreachableError()).mockResolvedValue(CONFIG),
      startSession: vi.fn(async () => session),
      createApi: (s) => new ApiClient({ getToken: () => s.token(), fetch: meFetch }),
      navigate: vi.fn(),
    };
    boot(deps);

    await vi.waitFor(() => expect(byTestId('error')).not.toBeNull());
    expect(container.querySelector('h2')?.textContent).toBe('ESCAPE cannot be reached');
    expect(byTestId('error-message')?.textContent).toMatch(/could not be reached/);
    expect(deps.startSession).not.toHaveBeenCalled();

    byTestId('retry')!.click();
    await vi.waitFor(() => expect(byTestId('welcome')?.textContent).toBe('Welcome, Alice Moderator'));
    expect(deps.startSession).toHaveBeenCalledWith(CONFIG);
    expect(meFetch.mock.calls.filter(([url]) => String(url) === '/api/v1/me')).toHaveLength(1);
    expect(byTestId('user-summary')?.textContent).toBe('GBR · SECRET');
  });

  it('retries only the profile when /me fails', async () => {
    const session = fakeSession();
    const meFetch = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(json({ title: 'Service unavailable', status: 503, detail: 'Database is starting.' }, 503))
      .mockResolvedValue(json(ALICE));
    const deps: StartDependencies = {
      fetchConfig: vi.fn(async () => CONFIG),
      startSession: vi.fn(async () => session),
      createApi: (s) => new ApiClient({ getToken: () => s.token(), fetch: meFetch }),
      navigate: vi.fn(),
    };
    boot(deps);

    await vi.waitFor(() => expect(byTestId('error')).not.toBeNull());
    expect(container.querySelector('h2')?.textContent).toBe('Your profile could not be loaded');
    expect(byTestId('error-message')?.textContent).toBe('Service unavailable: Database is starting.');

    byTestId('retry')!.click();
    await vi.waitFor(() => expect(byTestId('welcome')).not.toBeNull());
    expect(deps.startSession).toHaveBeenCalledTimes(1);
  });

  it('offers to sign in again when the server rejects the token', async () => {
    const session = fakeSession();
    const deps: StartDependencies = {
      fetchConfig: vi.fn(async () => CONFIG),
      startSession: vi.fn(async () => session),
      createApi: () => ({ getMe: () => Promise.reject(new ApiError({ type: 'about:blank', title: 'Not signed in', status: 401, detail: '' })) }) as unknown as ApiClient,
      navigate: vi.fn(),
    };
    boot(deps);

    await vi.waitFor(() => expect(byTestId('retry')?.textContent).toBe('Sign in again'));
    byTestId('retry')!.click();
    expect(session.signInAgain).toHaveBeenCalledTimes(1);
  });

  it('reloads the remembered page when sign-in fails', async () => {
    window.sessionStorage.setItem('escape.returnTo', '/kb');
    const deps: StartDependencies = {
      fetchConfig: vi.fn(async () => CONFIG),
      startSession: vi.fn(() => Promise.reject({ error: 'invalid_grant', error_description: 'Code not valid' })),
      createApi: vi.fn(),
      navigate: vi.fn(),
    };
    boot(deps);

    await vi.waitFor(() => expect(byTestId('error')).not.toBeNull());
    expect(container.querySelector('h2')?.textContent).toBe('Sign-in failed');
    expect(byTestId('error-message')?.textContent).toContain('Code not valid');
    byTestId('retry')!.click();
    expect(deps.navigate).toHaveBeenCalledWith('/kb');
    window.sessionStorage.clear();
  });

  it('signs out through the session from the user menu', async () => {
    const session = fakeSession();
    const deps: StartDependencies = {
      fetchConfig: vi.fn(async () => CONFIG),
      startSession: vi.fn(async () => session),
      createApi: (s) => new ApiClient({ getToken: () => s.token(), fetch: vi.fn<typeof fetch>().mockResolvedValue(json(ALICE)) }),
      navigate: vi.fn(),
    };
    boot(deps);
    await vi.waitFor(() => expect(byTestId('sign-out')).not.toBeNull());
    byTestId('sign-out')!.click();
    await vi.waitFor(() => expect(session.signOut).toHaveBeenCalledTimes(1));
  });
});
