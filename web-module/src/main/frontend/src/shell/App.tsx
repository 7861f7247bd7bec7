import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import type { ApiClient } from '../api/client';
import type { ClientConfig, Me } from '../api/types';
import { AppRoutes } from './AppRoutes';
import { SessionContext, type SessionValue } from './SessionContext';

export interface AppProps {
  me: Me;
  api: ApiClient;
  signOut: () => Promise<void>;
  config: ClientConfig;
}

/** The signed-in application. */
export function App({ me, api, signOut, config }: AppProps) {
  const session = useMemo<SessionValue>(() => ({ me, api, signOut, config }), [me, api, signOut, config]);
  return (
    <SessionContext.Provider value={session}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </SessionContext.Provider>
  );
}
