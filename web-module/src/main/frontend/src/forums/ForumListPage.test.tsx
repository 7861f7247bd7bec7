// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse } from '../testing/fakeApi';
import { BASHIR, forum, pageOf, problemWith } from '../testing/forumFixtures';
import { changeValue, interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { formatAbsolute } from '../common/time';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

async function open(path: string, routes: Record<string, FakeRoute>, me = ALICE) {
  const server = fakeApi(routes);
  app = await renderApp(path, { me, api: server.api });
  return { ...app, server };
}

const FORUMS = [
  forum(),
  forum({
    id: 'f2',
    name: 'Ransomware <b>ops</b>',
    label: { classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR'] },
    threadCount: 0,
    lastActivityAt: null,
  }),
  forum({ id: 'f3', name: 'Old stuff', archived: true }),
];

const rows = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="forum-row"]'));

describe('forum list', () => {
  it('lists the forums with marking, thread count and last activity; names stay text', async () => {
    const { container, byTestId, server } = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf(FORUMS)) });
    await waitFor(() => byTestId('forum-list'));
    expect(rows(container)).toHaveLength(3);
    const [first, second, third] = rows(container);
    expect(first!.querySelector('a')?.getAttribute('href')).toBe('/forums/f0000000-0000-4000-8000-000000000001');
    expect(first!.querySelector('[data-testid="marking-chip"]')?.textContent).toBe('UNCLASSIFIED');
    expect(first!.querySelector('[data-testid="forum-thread-count"]')?.textContent).toBe('2');
    expect(first!.querySelector('time')?.getAttribute('title')).toBe(formatAbsolute('2026-03-01T10:00:00Z'));
    expect(second!.querySelector('h2')?.textContent).toBe('Ransomware <b>ops</b>');
    expect(second!.querySelector('b')).toBeNull();
    expect(second!.querySelector('[data-testid="marking-chip"]')?.textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    expect(second!.textContent).toContain('none yet');
    expect(third!.classList.contains('forum-row--archived')).toBe(true);
    expect(third!.textContent).toContain('Archived');
    expect(server.callsTo('GET /forums')[0]!.query.toString()).toBe('page=0&size=50&archived=false');
  });

  it('asks for archived forums too when the reader wants them, in the address', async () => {
    const { byTestId, server, location } = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf(FORUMS)) });
    await waitFor(() => byTestId('forum-list'));
    await interact(() => byTestId('forum-show-archived').click());
    expect(location.current).toBe('/forums?archived=1');
    await waitFor(() => expect(server.callsTo('GET /forums').at(-1)!.query.get('archived')).toBe('true'));
  });

  it('says so when there is nothing to read; members learn that moderators create forums', async () => {
    const { byTestId, queryByTestId } = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf([])) }, BASHIR);
    await waitFor(() => expect(byTestId('forum-empty').textContent).toMatch(/^No forums you can read yet\./));
    expect(byTestId('forum-empty-hint').textContent).toMatch(/created by moderators/);
    expect(queryByTestId('forum-empty-create')).toBeNull();
  });

  it('hints moderators to create the first forum, and opens the form from there', async () => {
    const { byTestId, queryByTestId } = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf([])) });
    await waitFor(() => expect(byTestId('forum-empty-hint').textContent).toMatch(/create the first one/));
    await interact(() => byTestId('forum-empty-create').click());
    expect(byTestId('new-forum-form')).toBeTruthy();
    expect(queryByTestId('forum-empty-create')).toBeNull();
  });

  it('has a plain empty state when archived forums are shown too', async () => {
    const { byTestId, queryByTestId } = await open('/forums?archived=1', { 'GET /forums': () => jsonResponse(pageOf([])) });
    await waitFor(() => expect(byTestId('forum-empty').textContent).toBe('No forums you can read, archived or not.'));
    expect(queryByTestId('forum-empty-hint')).toBeNull();
  });

  it('offers "New forum" to moderators only', async () => {
    const member = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf(FORUMS)) }, BASHIR);
    await waitFor(() => member.byTestId('forum-list'));
    expect(member.queryByTestId('new-forum-button')).toBeNull();
    await member.unmount();
    app = undefined;

    const moderator = await open('/forums', { 'GET /forums': () => jsonResponse(pageOf(FORUMS)) });
    await waitFor(() => moderator.byTestId('new-forum-button'));
  });

  it('creates a forum with a label and opens it; a refusal keeps what was typed', async () => {
    let refuse = true;
    const { byTestId, location, container, server } = await open('/forums', {
      'GET /forums': () => jsonResponse(pageOf(FORUMS)),
      'POST /forums': () => {
        if (refuse) {
          refuse = false;
          return problemWith(400, { title: 'Validation failed', errors: [{ field: 'name', message: 'is already taken' }] });
        }
        return jsonResponse(forum({ id: 'f9', name: 'Phishing' }), 201);
      },
      'GET /forums/f9': () => jsonResponse(forum({ id: 'f9', name: 'Phishing' })),
      'GET /forums/f9/threads': () => jsonResponse(pageOf([])),
    });
    await waitFor(() => byTestId('new-forum-button'));
    await interact(() => byTestId('new-forum-button').click());
    await changeValue(byTestId('forum-name'), 'Phishing');
    await selectOption(byTestId('label-classification'), 'RESTRICTED');
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(container.textContent).toContain('is already taken'));
    expect((byTestId('forum-name') as HTMLInputElement).value).toBe('Phishing');
    expect(byTestId('forum-name').getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('label-marking').textContent).toBe('RESTRICTED');

    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(location.current).toBe('/forums/f9'));
    expect(server.callsTo('POST /forums').map((c) => c.body)).toEqual([
      { name: 'Phishing', description: '', label: { classification: 'RESTRICTED', releasableTo: ['ALL'] } },
      { name: 'Phishing', description: '', label: { classification: 'RESTRICTED', releasableTo: ['ALL'] } },
    ]);
  });
});
