import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useUnreadCount } from '../../notifications/unreadCount';
import { useSession } from '../../shell/SessionContext';
import { LiveClient, type ConnectionState, type LiveClientOptions, type LiveRoom, type RoomSnapshot } from './liveClient';

const LiveContext = createContext<LiveClient | null>(null);

/** Replaces the real socket in tests (a fake socket, a fixed ticket…). */
export type LiveOverrides = Partial<Pick<LiveClientOptions, 'createSocket' | 'socketUrl' | 'random' | 'isOnline' | 'newClientId'>>;

const OverridesContext = createContext<LiveOverrides>({});

export function LiveOverridesProvider({ value, children }: { value: LiveOverrides; children: ReactNode }) {
  return <OverridesContext.Provider value={value}>{children}</OverridesContext.Provider>;
}

/**
 * Owns the live client of the incidents area: created when the area is entered, closed when
 * it is left. The socket itself opens only while a room is open. A `notification` frame updates
 * the unread badge in the navigation at once.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { api, me } = useSession();
  const overrides = useContext(OverridesContext);
  const { set: setUnread } = useUnreadCount();
  const setUnreadRef = useRef(setUnread);
  setUnreadRef.current = setUnread;
  const [client, setClient] = useState<LiveClient | null>(null);

  useEffect(() => {
    const live = new LiveClient({
      getTicket: async () => (await api.createWsTicket()).ticket,
      fetchMessages: (incidentId, query) => api.listMessages(incidentId, query),
      selfId: me.id,
      onNotification: (count) => setUnreadRef.current(count),
      ...overrides,
    });
    setClient(live);
    return () => live.dispose();
  }, [api, me.id, overrides]);

  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>;
}

/** The area's live client; null for the first moment, before it exists. */
export function useLiveClient(): LiveClient | null {
  return useContext(LiveContext);
}

const IDLE: ConnectionState = { kind: 'idle' };
const noSubscription = () => () => undefined;

export function useConnectionState(client: LiveClient | null): ConnectionState {
  return useSyncExternalStore(client?.subscribeState ?? noSubscription, client?.getState ?? (() => IDLE));
}

export function useRoomSnapshot(room: LiveRoom | null): RoomSnapshot | null {
  return useSyncExternalStore(room?.subscribe ?? noSubscription, room?.getSnapshot ?? (() => null));
}
