/** Renders the signed-in app's routes at an address, with a session and a fake server (tests only). */
import { act, type ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { vi } from 'vitest';
import type { ApiClient } from '../api/client';
import type { ClientConfig, Me } from '../api/types';
import { AppRoutes } from '../shell/AppRoutes';
import { SessionContext } from '../shell/SessionContext';
import { ALICE, CLIENT_CONFIG } from './fakes';
import { fakeApi } from './fakeApi';
import { render, type Rendered } from './render';

/** Where the in-memory router currently is, e.g. `/audit?actor=alice`, and a way to move in its history. */
export interface LocationRef {
  current: string;
  /** Like the browser's Back (-1) and Forward (1) buttons. */
  go(delta: number): Promise<void>;
}

function LocationProbe({ into }: { into: LocationRef }) {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  into.current = pathname + search;
  into.go = async (delta) => {
    await act(async () => {
      await navigate(delta);
    });
  };
  return null;
}

export interface RenderAppOptions {
  me?: Me;
  api?: ApiClient;
  config?: ClientConfig;
  signOut?: () => Promise<void>;
  /** Puts providers around the routes (e.g. a fake live socket for the incident rooms). */
  wrap?: (routes: ReactNode) => ReactNode;
}

export interface RenderedApp extends Rendered {
  location: LocationRef;
  signOut: () => Promise<void>;
}

export async function renderApp(path: string, options: RenderAppOptions = {}): Promise<RenderedApp> {
  const location: LocationRef = { current: path, go: async () => undefined };
  const signOut = options.signOut ?? vi.fn(async () => undefined);
  const session = {
    me: options.me ?? ALICE,
    api: options.api ?? fakeApi({}).api,
    config: options.config ?? CLIENT_CONFIG,
    signOut,
  };
  const rendered = await render(
    <SessionContext.Provider value={session}>
      <MemoryRouter initialEntries={[path]}>
        {options.wrap ? options.wrap(<AppRoutes />) : <AppRoutes />}
        <LocationProbe into={location} />
      </MemoryRouter>
    </SessionContext.Provider>,
  );
  return { ...rendered, location, signOut };
}
