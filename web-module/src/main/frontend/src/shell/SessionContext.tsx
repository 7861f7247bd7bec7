import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { ClientConfig, Me } from '../api/types';

/** What every signed-in view may use: who is signed in, the API, the way out, and where Keycloak is. */
export interface SessionValue {
  me: Me;
  api: ApiClient;
  signOut: () => Promise<void>;
  /** The public client configuration the sign-in used (e.g. for the Keycloak account console). */
  config: ClientConfig;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession() needs a <SessionContext.Provider> above it.');
  }
  return value;
}
