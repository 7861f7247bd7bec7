// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { interact, render, type Rendered } from '../testing/render';
import { ConnectionStatus } from './ConnectionStatus';

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('counts down to the next attempt', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'));
    const onReconnect = vi.fn();
    rendered = await render(<ConnectionStatus state={{ kind: 'reconnecting', at: Date.now() + 4_000, attempt: 3 }} onReconnect={onReconnect} />);
    expect(rendered.byTestId('connection-text').textContent).toBe('Connection lost — reconnecting in 4 s');
    await interact(() => vi.advanceTimersByTime(2_000));
    expect(rendered.byTestId('connection-text').textContent).toBe('Connection lost — reconnecting in 2 s');
    await interact(() => rendered!.byTestId('reconnect-now').click());
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });

  it.each([
    [{ kind: 'connected' } as const, 'Live', false],
    [{ kind: 'connecting' } as const, 'Connecting…', false],
    [{ kind: 'idle' } as const, 'Connecting…', false],
    [{ kind: 'offline' } as const, 'Offline — waiting for the network', true],
  ])('%o reads "%s"', async (state, text, offersReconnect) => {
    rendered = await render(<ConnectionStatus state={state} onReconnect={() => undefined} />);
    expect(rendered.byTestId('connection-text').textContent).toBe(text);
    expect(rendered.byTestId('connection-text').getAttribute('aria-live')).toBe('polite');
    expect(rendered.queryByTestId('reconnect-now') !== null).toBe(offersReconnect);
  });
});
