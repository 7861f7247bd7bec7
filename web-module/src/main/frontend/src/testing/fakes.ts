/**
 * Test doubles shared by the unit tests: users and client configuration, in-memory storage, a
 * browser location/history pair and a scriptable stand-in for keycloak-js. Never imported by
 * application code.
 */
import { vi } from 'vitest';
import type { KeycloakInitOptions, KeycloakLoginOptions, KeycloakLogoutOptions } from 'keycloak-js';
import type { PathStorage } from '../auth/returnPath';
import type { BrowserEnvironment, KeycloakClient } from '../auth/session';
import type { ClientConfig, Me } from '../api/types';

export const ALICE: Me = {
  id: '4d8c7f1e-7a51-4c55-9a0e-1b1f6c1d2e3f',
  username: 'alice',
  displayName: 'Alice Moderator',
  country: 'GBR',
  clearance: 'SECRET',
  roles: ['member', 'moderator'],
};

/** An auditor (demo user audrey): may read the audit trail. */
export const AUDREY: Me = {
  id: '9b2e6a40-3c1d-4f7e-8a55-0d4c2b1e7f90',
  username: 'audrey',
  displayName: 'Audrey Keller',
  country: 'CHE',
  clearance: 'SECRET',
  roles: ['member', 'auditor'],
};

export const CLIENT_CONFIG: ClientConfig = {
  keycloakUrl: 'http://localhost:8180',
  realm: 'escape',
  clientId: 'escape-web',
};

export function memoryStorage(): PathStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

export interface FakeBrowser extends BrowserEnvironment {
  storage: ReturnType<typeof memoryStorage>;
  /** Simulates the browser being at `url` (a full URL). */
  goTo(url: string): void;
  readonly url: string;
}

export function fakeBrowser(initialUrl: string): FakeBrowser {
  const location = { href: '', origin: '', pathname: '', search: '', hash: '' };
  const goTo = (url: string) => {
    const parsed = new URL(url);
    location.href = parsed.href;
    location.origin = parsed.origin;
    location.pathname = parsed.pathname;
    location.search = parsed.search;
    location.hash = parsed.hash;
  };
  goTo(initialUrl);
  return {
    location,
    history: {
      replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
        if (url !== undefined && url !== null) goTo(new URL(url, location.href).href);
      },
    },
    storage: memoryStorage(),
    goTo,
    get url() {
      return location.href;
    },
  };
}

/** A keycloak-js stand-in: `init` signs in (or fails) as scripted, `login` never returns. */
export class FakeKeycloak implements KeycloakClient {
  token?: string;
  onTokenExpired?: () => void;
  onAuthLogout?: () => void;

  /** What init() should do when the page is a callback; set before calling startSession. */
  initResult: 'authenticated' | 'fails' = 'authenticated';
  /** Runs inside init(), e.g. to mimic keycloak-js cleaning the callback URL. */
  duringInit: () => void = () => undefined;
  refreshFails = false;
  tokenCounter = 0;

  init = vi.fn(async (_options?: KeycloakInitOptions): Promise<boolean> => {
    this.duringInit();
    if (this.initResult === 'fails') throw { error: 'invalid_grant', error_description: 'Code not valid' };
    this.token = `token-${++this.tokenCounter}`;
    return true;
  });

  updateToken = vi.fn(async (_minValidity?: number): Promise<boolean> => {
    if (this.refreshFails) throw new Error('refresh failed');
    return false;
  });

  login = vi.fn((_options?: KeycloakLoginOptions): Promise<void> => new Promise<void>(() => undefined));

  logout = vi.fn(async (_options?: KeycloakLogoutOptions): Promise<void> => undefined);
}
