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

/**
 * Types a whole value into an input the way a browser does: through the native value setter
 * (which React's change tracking watches) followed by an `input` event.
 */
export async function changeValue(input: HTMLElement, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('changeValue() needs an <input>');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/**
 * Lets pending work (fake fetches, promise chains, React updates) run inside act() until
 * `check` stops throwing; rethrows its last error after `timeoutMs`.
 */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

/** Like {@link changeValue}, for a `<textarea>`. */
export async function changeText(textarea: HTMLElement, value: string): Promise<void> {
  if (!(textarea instanceof HTMLTextAreaElement)) throw new Error('changeText() needs a <textarea>');
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(textarea, value);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Picks an option of a `<select>` by value, as a person would. */
export async function selectOption(select: HTMLElement, value: string): Promise<void> {
  if (!(select instanceof HTMLSelectElement)) throw new Error('selectOption() needs a <select>');
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
