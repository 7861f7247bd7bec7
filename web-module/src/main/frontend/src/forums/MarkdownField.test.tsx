// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Author } from '../api/types';
import { SessionContext } from '../shell/SessionContext';
import { ALICE, CLIENT_CONFIG } from '../testing/fakes';
import { deferred, fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { pageOf } from '../testing/forumFixtures';
import { changeText, interact, render, type Rendered, waitFor } from '../testing/render';
import { MarkdownField } from './MarkdownField';

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

const PEOPLE: Author[] = [
  { id: 'u1', username: 'bashir', displayName: 'Bashir Otieno', country: 'KEN' },
  { id: 'u2', username: 'bea', displayName: '<img src=x onerror=alert(1)>Bea', country: 'BEL' },
  { id: 'u3', username: 'ben.k', displayName: 'Ben Keller', country: 'CHE' },
];

const usersRoute: FakeRoute = () => jsonResponse(pageOf(PEOPLE, 0, 8));

async function field(routes: Record<string, FakeRoute> = { 'GET /users': usersRoute }) {
  const server = fakeApi(routes);
  const submit = vi.fn();
  let current = '';
  function Harness() {
    const [value, setValue] = useState('');
    current = value;
    return <MarkdownField label="Body" value={value} onChange={setValue} onSubmitShortcut={submit} testId="body" />;
  }
  rendered = await render(
    <SessionContext.Provider value={{ me: ALICE, api: server.api, signOut: async () => undefined, config: CLIENT_CONFIG }}>
      <Harness />
    </SessionContext.Provider>,
  );
  const textarea = rendered.byTestId('body') as HTMLTextAreaElement;
  await interact(() => textarea.focus());
  return { ...rendered, server, submit, textarea, value: () => current };
}

const key = (target: HTMLElement, name: string, init: KeyboardEventInit = {}) =>
  interact(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, ...init }));
  });
const options = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="mention-option"]'));

describe('@mention suggestions', () => {
  it('asks the server for the name after @ (debounced) and lists name, @username and country as text', async () => {
    const { textarea, server, byTestId, container } = await field();
    await changeText(textarea, 'Thanks @b');
    await changeText(textarea, 'Thanks @be');
    await waitFor(() => byTestId('mention-suggestions'));
    const calls = server.callsTo('GET /users');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.query.toString()).toBe('q=be&size=8');

    const listbox = byTestId('mention-suggestions');
    expect(listbox.getAttribute('role')).toBe('listbox');
    expect(options(container).map((o) => o.textContent)).toEqual([
      'Bashir Otieno @bashir KEN',
      '<img src=x onerror=alert(1)>Bea @bea BEL',
      'Ben Keller @ben.k CHE',
    ]);
    expect(listbox.querySelector('img')).toBeNull();
    expect(options(container).map((o) => o.getAttribute('role'))).toEqual(['option', 'option', 'option']);
    expect(textarea.getAttribute('aria-autocomplete')).toBe('list');
    expect(textarea.getAttribute('aria-controls')).toBe(listbox.id);
    expect(textarea.getAttribute('aria-activedescendant')).toBe(options(container)[0]!.id);
    expect(options(container)[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('moves with the arrow keys and inserts "@username " with Enter, without sending the form', async () => {
    const { textarea, byTestId, container, queryByTestId, submit, value } = await field();
    await changeText(textarea, 'Hi @b');
    await waitFor(() => byTestId('mention-suggestions'));
    await key(textarea, 'ArrowDown');
    await key(textarea, 'ArrowDown');
    expect(textarea.getAttribute('aria-activedescendant')).toBe(options(container)[2]!.id);
    await key(textarea, 'ArrowDown'); // wraps around
    await key(textarea, 'ArrowUp');
    await key(textarea, 'ArrowUp');
    expect(options(container)[1]!.getAttribute('aria-selected')).toBe('true');
    expect(options(container)[0]!.getAttribute('aria-selected')).toBe('false');
    await key(textarea, 'Enter');
    expect(value()).toBe('Hi @bea ');
    expect(textarea.selectionStart).toBe(8);
    expect(queryByTestId('mention-suggestions')).toBeNull();
    expect(textarea.hasAttribute('aria-activedescendant')).toBe(false);
    expect(submit).not.toHaveBeenCalled();
  });

  it('inserts with Tab, replacing the whole name under the caret', async () => {
    const { textarea, byTestId, value } = await field();
    await changeText(textarea, '@bas, see');
    // the caret moved back into the name (as with the Left key): React hears of it on keyup
    await interact(() => {
      textarea.setSelectionRange(3, 3);
      textarea.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowLeft', bubbles: true }));
    });
    await waitFor(() => byTestId('mention-suggestions'));
    await key(textarea, 'Tab');
    expect(value()).toBe('@bashir , see');
  });

  it('inserts on a click', async () => {
    const { textarea, byTestId, container, value } = await field();
    await changeText(textarea, 'cc @be');
    await waitFor(() => byTestId('mention-suggestions'));
    const third = options(container)[2]!;
    const mousedown = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    await interact(() => third.dispatchEvent(mousedown));
    expect(mousedown.defaultPrevented).toBe(true); // the textarea keeps the focus
    await interact(() => third.click());
    expect(value()).toBe('cc @ben.k ');
  });

  it('closes with Escape and opens again when the name goes on', async () => {
    const { textarea, byTestId, queryByTestId, value, server } = await field();
    await changeText(textarea, '@b');
    await waitFor(() => byTestId('mention-suggestions'));
    await key(textarea, 'Escape');
    expect(queryByTestId('mention-suggestions')).toBeNull();
    await key(textarea, 'Enter');
    expect(value()).toBe('@b');
    await changeText(textarea, '@ba');
    await waitFor(() => byTestId('mention-suggestions'));
    expect(server.callsTo('GET /users').map((c) => c.query.get('q'))).toEqual(['b', 'ba']);
  });

  it('closes when the textarea loses the focus', async () => {
    const { textarea, byTestId, queryByTestId } = await field();
    await changeText(textarea, '@b');
    await waitFor(() => byTestId('mention-suggestions'));
    await interact(() => textarea.blur());
    expect(queryByTestId('mention-suggestions')).toBeNull();
  });

  it('asks nothing inside code, in an e-mail address, or after "@" alone', async () => {
    const { textarea, server } = await field();
    for (const text of ['```\n@bas', 'see `@bas', 'mail bob@bas', 'just @', '@ ']) {
      await changeText(textarea, text);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(server.callsTo('GET /users')).toHaveLength(0);
  });

  it('shows nothing when nobody matches or the search fails, and ignores an outdated answer', async () => {
    const slow = deferred<Response>();
    let n = 0;
    const { textarea, queryByTestId, byTestId, container, server } = await field({
      'GET /users': ({ query }) => {
        n += 1;
        if (n === 1) return jsonResponse(pageOf([]));
        if (n === 2) return problemResponse(500, 'Server error', 'Boom.');
        if (query.get('q') === 'bx') return slow.promise;
        return usersRoute({ query } as never);
      },
    });
    await changeText(textarea, '@zz');
    await waitFor(() => expect(server.callsTo('GET /users')).toHaveLength(1));
    await changeText(textarea, '@zy');
    await waitFor(() => expect(server.callsTo('GET /users')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queryByTestId('mention-suggestions')).toBeNull();

    await changeText(textarea, '@bx');
    await waitFor(() => expect(server.callsTo('GET /users')).toHaveLength(3));
    await changeText(textarea, '@b');
    await waitFor(() => expect(options(container)).toHaveLength(3));
    await interact(() => slow.resolve(jsonResponse(pageOf([PEOPLE[0]!]))));
    expect(byTestId('mention-suggestions')).toBeTruthy();
    expect(options(container)).toHaveLength(3);
  });

  it('still sends the form with Ctrl+Enter while suggestions are open', async () => {
    const { textarea, byTestId, submit } = await field();
    await changeText(textarea, '@b');
    await waitFor(() => byTestId('mention-suggestions'));
    await key(textarea, 'Enter', { ctrlKey: true });
    expect(submit).toHaveBeenCalledTimes(1);
  });
});
