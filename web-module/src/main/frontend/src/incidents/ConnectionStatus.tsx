import { useEffect, useState } from 'react';
import type { ConnectionState } from './live/liveClient';

function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The room's link to the server, in words: "Live", "Connecting…", "Reconnecting in 4 s"
 * (counting down, with "Reconnect now"), "Offline". Announced politely when it changes.
 */
export function ConnectionStatus({ state, onReconnect }: { state: ConnectionState; onReconnect: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.kind !== 'reconnecting') return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state]);

  let text: string;
  switch (state.kind) {
    case 'connected':
      text = 'Live';
      break;
    case 'reconnecting':
      text = `Connection lost — reconnecting in ${secondsUntil(state.at, now)} s`;
      break;
    case 'offline':
      text = 'Offline — waiting for the network';
      break;
    default:
      text = 'Connecting…';
  }
  return (
    <div className={`connection connection--${state.kind}`} data-testid="connection-status" data-state={state.kind}>
      <span className="connection__dot" aria-hidden="true" />
      <span role="status" aria-live="polite" data-testid="connection-text">
        {text}
      </span>
      {(state.kind === 'reconnecting' || state.kind === 'offline') && (
        <button type="button" className="link-button" onClick={onReconnect} data-testid="reconnect-now">
          Reconnect now
        </button>
      )}
    </div>
  );
}
