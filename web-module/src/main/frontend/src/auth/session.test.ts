import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientConfig } from '../api/types';
import { FakeKeycloak, fakeBrowser } from '../testing/fakes';
import {
  describeSignInError,
  MIN_TOKEN_VALIDITY_SECONDS,
  REFRESH_CHECK_INTERVAL_MS,
  retrySignInTarget,
  SessionExpiredError,
  startSession,
} from './session';

const CONFIG: ClientConfig = { keycloakUrl: 'http://localhost:8180', realm: 'escape', clientId: 'escape-web' };
const ORIGIN = 'http://localhost:8080';

function setup(url: string) {
  const browser = fakeBrowser(url);
  const keycloak = new FakeKeycloak();
  const createClient = vi.fn(() => keycloak);
  const start = () => startSession(CONFIG, { env: browser, createClient });
  return { browser, keycloak, createClient, start };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startSession', () => {
  it('initialises keycloak-js with the realm, PKCE S256, no login iframe and the root redirect URI', async () => {
    const { keycloak, createClient, start } = setup(`${ORIGIN}/`);
    const session = await start();

    expect(createClient).toHaveBeenCalledWith({ url: 'http://localhost:8180', realm: 'escape', clientId: 'escape-web' });
    expect(keycloak.init).toHaveBeenCalledWith({
      onLoad: 'login-required',
      pkceMethod: 'S256',
      checkLoginIframe: false,
      redirectUri: `${ORIGIN}/`,
    });
    session.dispose();
  });

  it('remembers a deep link before sign-in and restores it after Keycloak returns to the root', async () => {
    // First visit: the person opened a deep link; keycloak-js leaves for the sign-in page.
    const first = setup(`${ORIGIN}/incidents?status=OPEN#latest`);
    first.keycloak.init.mockImplementation(() => new Promise<boolean>(() => undefined));
    void first.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.browser.storage.data.get('escape.returnTo')).toBe('/incidents?status=OPEN#latest');

    // Keycloak sends the browser back to the root with the code in the fragment.
    const back = setup(`${ORIGIN}/#state=s1&session_state=x&code=c1`);
    back.browser.storage.data.set('escape.returnTo', '/incidents?status=OPEN#latest');
    back.keycloak.duringInit = () => back.browser.history.replaceState(null, '', `${ORIGIN}/`);
    const session = await back.start();

    expect(back.browser.url).toBe(`${ORIGIN}/incidents?status=OPEN#latest`);
    expect(back.browser.storage.data.has('escape.returnTo')).toBe(false);
    session.dispose();
  });

  it('does not let the callback URL overwrite the remembered page', async () => {
    const { browser, keycloak, start } = setup(`${ORIGIN}/#state=s1&code=c1`);
    browser.storage.data.set('escape.returnTo', '/kb');
    keycloak.init.mockImplementation(() => new Promise<boolean>(() => undefined));
    void start();
    await vi.advanceTimersByTimeAsync(0);
    expect(browser.storage.data.get('escape.returnTo')).toBe('/kb');
  });

  it('stays on the page when nothing was remembered', async () => {
    const { browser, start } = setup(`${ORIGIN}/`);
    const session = await start();
    expect(browser.url).toBe(`${ORIGIN}/`);
    session.dispose();
  });

  it('rejects when keycloak-js cannot complete the sign-in', async () => {
    const { keycloak, start } = setup(`${ORIGIN}/#state=s1&code=c1`);
    keycloak.initResult = 'fails';
    const error = await start().catch((e: unknown) => e);
    expect(describeSignInError(error)).toBe('Code not valid');
  });

  it('refreshes the token (30 s minimum validity) before handing it out', async () => {
    const { keycloak, start } = setup(`${ORIGIN}/`);
    const session = await start();
    await expect(session.token()).resolves.toBe('token-1');
    expect(keycloak.updateToken).toHaveBeenCalledWith(MIN_TOKEN_VALIDITY_SECONDS);
    expect(MIN_TOKEN_VALIDITY_SECONDS).toBe(30);
    session.dispose();
  });

  it('keeps the token fresh on a timer and when it expires', async () => {
    const { keycloak, start } = setup(`${ORIGIN}/`);
    const session = await start();
    keycloak.updateToken.mockClear();

    await vi.advanceTimersByTimeAsync(REFRESH_CHECK_INTERVAL_MS * 3);
    expect(keycloak.updateToken).toHaveBeenCalledTimes(3);

    keycloak.onTokenExpired?.();
    expect(keycloak.updateToken).toHaveBeenCalledTimes(4);

    session.dispose();
    await vi.advanceTimersByTimeAsync(REFRESH_CHECK_INTERVAL_MS * 3);
    expect(keycloak.updateToken).toHaveBeenCalledTimes(4);
  });

  it('goes back to sign-in, remembering the current page, when a refresh fails', async () => {
    const { browser, keycloak, start } = setup(`${ORIGIN}/`);
    const session = await start();
    browser.goTo(`${ORIGIN}/search?q=emotet`);
    keycloak.refreshFails = true;

    await expect(session.token()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(keycloak.login).toHaveBeenCalledTimes(1);
    expect(keycloak.login).toHaveBeenCalledWith({ redirectUri: `${ORIGIN}/` });
    expect(browser.storage.data.get('escape.returnTo')).toBe('/search?q=emotet');

    // Further calls do not start a second sign-in.
    await expect(session.token()).rejects.toBeInstanceOf(SessionExpiredError);
    await vi.advanceTimersByTimeAsync(REFRESH_CHECK_INTERVAL_MS * 2);
    expect(keycloak.login).toHaveBeenCalledTimes(1);
  });

  it('also restarts sign-in when the background refresh fails', async () => {
    const { keycloak, start } = setup(`${ORIGIN}/`);
    await start();
    keycloak.refreshFails = true;
    await vi.advanceTimersByTimeAsync(REFRESH_CHECK_INTERVAL_MS);
    expect(keycloak.login).toHaveBeenCalledTimes(1);
  });

  it('remembers the page when keycloak-js ends the session itself', async () => {
    const { browser, keycloak, start } = setup(`${ORIGIN}/`);
    await start();
    browser.goTo(`${ORIGIN}/notifications`);
    keycloak.onAuthLogout?.();
    expect(browser.storage.data.get('escape.returnTo')).toBe('/notifications');
    expect(keycloak.login).not.toHaveBeenCalled(); // keycloak-js does that itself (login-required)
  });

  it('signs out of Keycloak and returns to the root', async () => {
    const { browser, keycloak, start } = setup(`${ORIGIN}/kb`);
    const session = await start();
    browser.storage.data.set('escape.returnTo', '/kb');
    await session.signOut();
    expect(keycloak.logout).toHaveBeenCalledWith({ redirectUri: `${ORIGIN}/` });
    expect(browser.storage.data.has('escape.returnTo')).toBe(false);
    keycloak.updateToken.mockClear();
    await vi.advanceTimersByTimeAsync(REFRESH_CHECK_INTERVAL_MS * 2);
    expect(keycloak.updateToken).not.toHaveBeenCalled();
  });
});

describe('retrySignInTarget', () => {
  it('reloads the page originally asked for, or the root', () => {
    const browser = fakeBrowser(`${ORIGIN}/#error=temporarily_unavailable&state=s`);
    expect(retrySignInTarget(browser)).toBe('/');
    browser.storage.data.set('escape.returnTo', '/forums');
    expect(retrySignInTarget(browser)).toBe('/forums');
  });
});

describe('describeSignInError', () => {
  it('reads the shapes keycloak-js rejects with', () => {
    expect(describeSignInError(new Error('Network request failed'))).toBe('Network request failed');
    expect(describeSignInError({ error: 'access_denied' })).toBe('access denied');
    expect(describeSignInError(undefined)).toBe('The sign-in service did not answer as expected.');
  });
});
