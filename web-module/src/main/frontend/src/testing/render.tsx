/** Minimal DOM rendering for tests (happy-dom), without a testing-library dependency. */
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

declare global {
  // React reads this flag to know that tests drive updates through act().
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

export interface Rendered {
  container: HTMLElement;
  byTestId(id: string): HTMLElement;
  queryByTestId(id: string): HTMLElement | null;
  unmount(): Promise<void>;
}

export async function render(node: ReactNode): Promise<Rendered> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(node);
  });
  const queryByTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return {
    container,
    queryByTestId,
    byTestId(id) {
      const element = queryByTestId(id);
      if (!element) throw new Error(`No element with data-testid="${id}"`);
      return element;
    },
    async unmount() {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Runs a DOM interaction inside act() so React flushes its updates. */
export async function interact(action: () => void): Promise<void> {
  await act(async () => {
    action();
  });
}

export function pressKey(key: string, target: EventTarget = document): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}
