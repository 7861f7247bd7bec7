import Keycloak from 'keycloak-js';
import type { KeycloakConfig } from 'keycloak-js';
import type { ClientConfig } from '../api/types';
import {
  browserStorage,
  forgetPath,
  isAuthCallback,
  peekRememberedPath,
  rememberPath,
  takeRememberedPath,
  type PathStorage,
} from './returnPath';

/** A token must stay valid this long (seconds) when it is handed to a request. */
export const MIN_TOKEN_VALIDITY_SECONDS = 30;

/** How often the background timer checks whether the token needs refreshing. */
export const REFRESH_CHECK_INTERVAL_MS = 10_000;

/** The part of keycloak-js this app relies on (and that tests replace). */
export type KeycloakClient = Pick<
  Keycloak,
  'init' | 'updateToken' | 'login' | 'logout' | 'token' | 'onTokenExpired' | 'onAuthLogout'
>;

/** What the page needs from `window`: injected so the flow can be tested without a browser. */
export interface BrowserEnvironment {
  location: Pick<Location, 'href' | 'origin' | 'pathname' | 'search' | 'hash'>;
  history: Pick<History, 'replaceState'>;
  storage: PathStorage | undefined;
}

export function browserEnvironment(): BrowserEnvironment {
  return { location: window.location, history: window.history, storage: browserStorage() };
}

/** Thrown by {@link AuthSession.token} when the session is over and sign-in has been restarted. */
export class SessionExpiredError extends Error {
  constructor() {
    super('Your session has ended. Taking you back to sign-in…');
    this.name = 'SessionExpiredError';
  }
}

export interface AuthSession {
  /** A valid access token, refreshed first when it expires within 30 s. */
  token(): Promise<string>;
  /** Back to the Keycloak sign-in page; the current page is restored afterwards. */
  signInAgain(): void;
  /** Ends the Keycloak session (not just the local one) and returns to the site root. */
  signOut(): Promise<void>;
  /** Stops the refresh timer. */
  dispose(): void;
}

export interface StartSessionOptions {
  env?: BrowserEnvironment;
  createClient?: (config: KeycloakConfig) => KeycloakClient;
}

/**
 * Signs the person in with keycloak-js (authorization code + PKCE S256, no login iframe) and
 * keeps the access token fresh.
 *
 * On a first visit this never resolves: keycloak-js navigates to the sign-in page. When Keycloak
 * sends the browser back to the site root, the session is established and the page that was
 * originally asked for is put back into the address bar before the router starts.
 */
export async function startSession(config: ClientConfig, options: StartSessionOptions = {}): Promise<AuthSession> {
  const env = options.env ?? browserEnvironment();
  const origin = env.location.origin;
  const redirectUri = `${origin}/`;
  const currentPath = () => env.location.pathname + env.location.search + env.location.hash;

  if (!isAuthCallback(new URL(env.location.href))) {
    // A fresh page load: this is the page to come back to after sign-in.
    rememberPath(env.storage, currentPath(), origin);
  }

  const client = (options.createClient ?? ((c) => new Keycloak(c)))({
    url: config.keycloakUrl,
    realm: config.realm,
    clientId: config.clientId,
  });

  let leaving = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const stopTimer = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  const signInAgain = () => {
    if (leaving) return;
    leaving = true;
    stopTimer();
    rememberPath(env.storage, currentPath(), origin);
    void client.login({ redirectUri });
  };

  // keycloak-js calls this when Keycloak rejected the refresh token; it then starts the login
  // itself (login-required), so only the page needs remembering.
  client.onAuthLogout = () => {
    if (leaving) return;
    leaving = true;
    stopTimer();
    rememberPath(env.storage, currentPath(), origin);
  };

  const refresh = async (): Promise<void> => {
    if (leaving) throw new SessionExpiredError();
    try {
      await client.updateToken(MIN_TOKEN_VALIDITY_SECONDS);
    } catch {
      signInAgain();
      throw new SessionExpiredError();
    }
    if (!client.token) {
      signInAgain();
      throw new SessionExpiredError();
    }
  };

  const authenticated = await client.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    redirectUri,
  });
  if (!authenticated || !client.token) {
    throw new Error('Sign-in did not complete.');
  }

  const returnTo = takeRememberedPath(env.storage, origin);
  if (returnTo && returnTo !== currentPath()) {
    env.history.replaceState(null, '', returnTo);
  }

  const refreshQuietly = () => {
    refresh().catch(() => undefined);
  };
  client.onTokenExpired = refreshQuietly;
  timer = setInterval(refreshQuietly, REFRESH_CHECK_INTERVAL_MS);

  return {
    async token() {
      await refresh();
      return client.token as string;
    },
    signInAgain,
    async signOut() {
      leaving = true;
      stopTimer();
      forgetPath(env.storage);
      await client.logout({ redirectUri });
    },
    dispose: stopTimer,
  };
}

/**
 * Where "try again" should go after a failed sign-in: the page originally asked for, loaded
 * afresh (a half-processed callback URL cannot be replayed).
 */
export function retrySignInTarget(env: BrowserEnvironment = browserEnvironment()): string {
  return peekRememberedPath(env.storage, env.location.origin) ?? '/';
}

/** keycloak-js rejects with Errors, with `{error, error_description}` objects, or with nothing. */
export function describeSignInError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    const description = record.error_description ?? record.error;
    if (typeof description === 'string' && description) return description.replace(/_/g, ' ');
  }
  return 'The sign-in service did not answer as expected.';
}
