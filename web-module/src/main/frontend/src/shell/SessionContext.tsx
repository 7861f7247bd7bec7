import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { Me } from '../api/types';

/** What every signed-in view may use: who is signed in, the API, and the way out. */
export interface SessionValue {
  me: Me;
  api: ApiClient;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession() needs a <SessionContext.Provider> above it.');
  }
  return value;
}
