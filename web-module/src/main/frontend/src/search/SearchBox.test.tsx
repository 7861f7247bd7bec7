// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, jsonResponse } from '../testing/fakeApi';
import { changeValue, interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

async function open() {
  const server = fakeApi({
    'GET /search/suggest': ({ query }) =>
      jsonResponse({ suggestions: query.get('q') === 'emo' ? ['Emotet wave', 'emotet'] : [] }),
    'GET /search': () =>
      jsonResponse({ total: 0, items: [], facets: { type: {}, tag: {}, classification: {}, status: {}, date: {} }, page: 0, size: 20 }),
  });
  app = await renderApp('/', { api: server.api });
  return { ...app, server };
}

function key(target: HTMLElement, name: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
}

const options = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="header-search-option"]'));

describe('header search box', () => {
  it('suggests after a pause, once per pause, and lets the keyboard pick one', async () => {
    const { byTestId, container, server, location } = await open();
    const input = byTestId('header-search-input') as HTMLInputElement;
    await interact(() => input.focus());
    await changeValue(input, 'e');
    await changeValue(input, 'em');
    await changeValue(input, 'emo');
    await waitFor(() => expect(options(container)).toHaveLength(2));
    expect(server.callsTo('GET /search/suggest').map((c) => c.query.get('q'))).toEqual(['emo']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await interact(() => key(input, 'ArrowDown'));
    await interact(() => key(input, 'ArrowDown'));
    expect(options(container)[1]!.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options(container)[1]!.id);
    await interact(() => input.form!.requestSubmit());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet'));
  });

  it('searches the typed text on Enter and closes on Escape', async () => {
    const { byTestId, container, location } = await open();
    const input = byTestId('header-search-input') as HTMLInputElement;
    await interact(() => input.focus());
    await changeValue(input, 'emo');
    await waitFor(() => expect(options(container)).toHaveLength(2));
    await interact(() => key(input, 'Escape'));
    expect(container.querySelector('[role="listbox"]')?.hasAttribute('hidden')).toBe(true);
    await changeValue(input, 'T1059.001 "lateral"');
    await interact(() => input.form!.requestSubmit());
    await waitFor(() => expect(location.current).toBe('/search?q=T1059.001+%22lateral%22'));
  });

  it('closes the list on the first Escape and clears the box on the second', async () => {
    const { byTestId, container } = await open();
    const input = byTestId('header-search-input') as HTMLInputElement;
    await interact(() => input.focus());
    await changeValue(input, 'emo');
    await waitFor(() => expect(options(container)).toHaveLength(2));
    await interact(() => key(input, 'Escape'));
    expect(input.value).toBe('emo');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await interact(() => key(input, 'Escape'));
    expect(input.value).toBe('');
  });

  it('wraps around the suggestions with the arrows and picks one with the mouse', async () => {
    const { byTestId, container, location } = await open();
    const input = byTestId('header-search-input') as HTMLInputElement;
    await interact(() => input.focus());
    await changeValue(input, 'emo');
    await waitFor(() => expect(options(container)).toHaveLength(2));
    await interact(() => key(input, 'ArrowUp'));
    expect(options(container)[1]!.getAttribute('aria-selected')).toBe('true');
    await interact(() => key(input, 'ArrowDown'));
    expect(options(container)[0]!.getAttribute('aria-selected')).toBe('true');
    await interact(() => options(container)[0]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true })));
    await waitFor(() => expect(location.current).toBe('/search?q=Emotet+wave'));
  });

  it('puts the cursor in the box on "/" from anywhere but a text field', async () => {
    const { byTestId, server } = await open();
    const input = byTestId('header-search-input') as HTMLInputElement;
    const before = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    await interact(() => document.body.dispatchEvent(before));
    expect(document.activeElement).toBe(input);
    expect(before.defaultPrevented).toBe(true);
    await interact(() => input.blur());
    const field = document.createElement('textarea');
    document.body.appendChild(field);
    field.focus();
    const typed = new KeyboardEvent('keydown', { key: '/', bubbles: true, cancelable: true });
    await interact(() => field.dispatchEvent(typed));
    expect(document.activeElement).toBe(field);
    expect(typed.defaultPrevented).toBe(false);
    field.remove();
    expect(server.callsTo('GET /search/suggest')).toHaveLength(0);
  });
});
