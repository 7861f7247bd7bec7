// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Forum, ForumPatch } from '../api/types';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { BASHIR, forum, pageOf, problemWith, thread } from '../testing/forumFixtures';
import { changeText, changeValue, interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

const FORUM_ID = 'f0000000-0000-4000-8000-000000000001';
const CONFIDENTIAL_FORUM = forum({ label: { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] } });

const THREADS = [
  thread({ id: 't1', title: 'Pinned rules', pinned: true, locked: true, tags: ['rules'] }),
  thread({ id: 't2', title: 'Emotet <script>x</script>', unreadCount: 2, postCount: 5 }),
  thread({ id: 't3', title: 'Hidden spam', hidden: true, author: { id: 'b', username: 'bashir', displayName: 'Bashir Otieno', country: 'KEN' } }),
];

function threadsRoute(total = THREADS.length): FakeRoute {
  return ({ query }) => jsonResponse(pageOf(THREADS, Number(query.get('page') ?? 0), 20, total));
}

async function open(path: string, routes: Record<string, FakeRoute>, me = ALICE) {
  const server = fakeApi({
    [`GET /forums/${FORUM_ID}`]: () => jsonResponse(CONFIDENTIAL_FORUM),
    [`GET /forums/${FORUM_ID}/threads`]: threadsRoute(),
    ...routes,
  });
  app = await renderApp(path, { me, api: server.api });
  return { ...app, server };
}

const rows = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="thread-row"]'));

describe('forum page', () => {
  it('shows the marking banner at top and bottom, the header and the threads with badges', async () => {
    const { container, byTestId } = await open(`/forums/${FORUM_ID}`, {});
    await waitFor(() => byTestId('thread-list'));
    const banners = Array.from(container.querySelectorAll('[data-testid="marking-banner"]'));
    expect(banners.map((b) => b.textContent)).toEqual(['CONFIDENTIAL//REL TO GBR, KEN', 'CONFIDENTIAL//REL TO GBR, KEN']);
    expect(banners[1]!.className).toContain('marking-banner--bottom');
    expect(container.querySelector('h1')?.textContent).toBe('Malware analysis');
    expect(document.title).toBe('Malware analysis — ESCAPE');

    const [pinned, unread, hidden] = rows(container);
    expect(pinned!.querySelector('[data-testid="badge-pinned"]')).not.toBeNull();
    expect(pinned!.querySelector('[data-testid="badge-locked"]')).not.toBeNull();
    expect(pinned!.querySelector('[data-testid="tag"]')?.getAttribute('href')).toBe(`/forums/${FORUM_ID}?tag=rules`);
    expect(unread!.querySelector('a')?.textContent).toBe('Emotet <script>x</script>');
    expect(unread!.querySelector('script')).toBeNull();
    expect(unread!.querySelector('[data-testid="thread-unread"]')?.textContent).toBe('2');
    expect(unread!.querySelector('[data-testid="thread-unread-text"]')?.textContent).toBe(' (2 unread posts)');
    // unread threads are in bold (.thread-row--unread), the others not
    expect(rows(container).map((r) => r.classList.contains('thread-row--unread'))).toEqual([false, true, false]);
    expect(unread!.querySelector('[data-testid="thread-post-count"]')?.textContent).toBe('5');
    expect(unread!.querySelector('a')?.getAttribute('href')).toBe('/threads/t2');
    expect(pinned!.querySelector('[data-testid="thread-unread"]')).toBeNull();
    expect(hidden!.querySelector('[data-testid="badge-hidden"]')).not.toBeNull();
    expect(hidden!.querySelector('[data-testid="author"]')?.textContent).toBe('Bashir Otieno @bashir KEN');
  });

  it('keeps page and tag in the address and asks the server for them', async () => {
    const { byTestId, server, location } = await open(`/forums/${FORUM_ID}?tag=rules`, {
      [`GET /forums/${FORUM_ID}/threads`]: threadsRoute(45),
    });
    await waitFor(() => byTestId('thread-list'));
    expect(byTestId('tag-filter').textContent).toContain('rules');
    expect(server.callsTo(`GET /forums/${FORUM_ID}/threads`)[0]!.query.toString()).toBe('page=0&size=20&tag=rules');
    await interact(() => byTestId('thread-pager-next').click());
    expect(location.current).toBe(`/forums/${FORUM_ID}?tag=rules&page=1`);
    await waitFor(() => expect(server.callsTo(`GET /forums/${FORUM_ID}/threads`).at(-1)!.query.toString()).toBe('page=1&size=20&tag=rules'));
    await interact(() => byTestId('tag-filter-clear').click());
    expect(location.current).toBe(`/forums/${FORUM_ID}`);
  });

  it('answers a 404 with the neutral page, never hinting that the forum exists', async () => {
    const { byTestId, container, queryByTestId } = await open(`/forums/${FORUM_ID}`, {
      [`GET /forums/${FORUM_ID}`]: () => problemResponse(404, 'Not found', 'No such item.'),
    });
    await waitFor(() => byTestId('not-available'));
    expect(container.querySelector('h1')?.textContent).toBe('Not found or not available to you');
    expect(queryByTestId('marking-banner')).toBeNull();
  });

  it('has an empty state that invites to start a thread', async () => {
    const { byTestId, queryByTestId } = await open(
      `/forums/${FORUM_ID}`,
      { [`GET /forums/${FORUM_ID}/threads`]: () => jsonResponse(pageOf([])) },
      BASHIR,
    );
    await waitFor(() => expect(byTestId('thread-empty').textContent).toMatch(/^No threads yet — start one\./));
    await interact(() => byTestId('thread-empty-start').click());
    expect(byTestId('new-thread-form')).toBeTruthy();
    expect(queryByTestId('thread-empty-start')).toBeNull();
  });

  it('has no invitation in an empty archived forum, nor under a tag filter', async () => {
    const archived = await open(`/forums/${FORUM_ID}`, {
      [`GET /forums/${FORUM_ID}`]: () => jsonResponse(forum({ archived: true })),
      [`GET /forums/${FORUM_ID}/threads`]: () => jsonResponse(pageOf([])),
    });
    await waitFor(() => expect(archived.byTestId('thread-empty').textContent).toBe('No threads in this forum.'));
    expect(archived.queryByTestId('thread-empty-start')).toBeNull();
    await archived.unmount();
    app = undefined;

    const tagged = await open(`/forums/${FORUM_ID}?tag=nope`, { [`GET /forums/${FORUM_ID}/threads`]: () => jsonResponse(pageOf([])) });
    await waitFor(() => expect(tagged.byTestId('thread-empty').textContent).toBe('No threads you can read are tagged “nope”.'));
    expect(tagged.queryByTestId('thread-empty-start')).toBeNull();
  });
});

describe('new thread composer', () => {
  async function compose(routes: Record<string, FakeRoute>) {
    const opened = await open(`/forums/${FORUM_ID}`, routes, BASHIR);
    await waitFor(() => opened.byTestId('new-thread-button'));
    await interact(() => opened.byTestId('new-thread-button').click());
    await changeValue(opened.byTestId('composer-title'), 'Qakbot loader');
    await changeText(opened.byTestId('composer-body'), 'Seen **today**.');
    await changeValue(opened.byTestId('composer-tags'), 'Qakbot, t1566');
    return opened;
  }

  it('sends title, body, tags and the label (default: the forum’s) and opens the new thread', async () => {
    const { byTestId, server, location } = await compose({
      [`POST /forums/${FORUM_ID}/threads`]: () => jsonResponse(thread({ id: 'tnew' }), 201),
      'GET /threads/tnew': () => jsonResponse(thread({ id: 'tnew' })),
      'GET /threads/tnew/posts': () => jsonResponse(pageOf([])),
    });
    expect(byTestId('label-marking').textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    // Bashir (KEN) may keep GBR or drop it, but never drop KEN.
    expect((byTestId('label-country-KEN') as HTMLInputElement).disabled).toBe(true);
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(location.current).toBe('/threads/tnew'));
    expect(server.callsTo(`POST /forums/${FORUM_ID}/threads`)[0]!.body).toEqual({
      title: 'Qakbot loader',
      body: 'Seen **today**.',
      tags: ['qakbot', 't1566'],
      label: { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] },
    });
  });

  it('puts 400 field errors next to their fields and keeps the input', async () => {
    const { byTestId } = await compose({
      [`POST /forums/${FORUM_ID}/threads`]: () =>
        problemWith(400, {
          title: 'Validation failed',
          errors: [
            { field: 'title', message: 'already used in this forum' },
            { field: 'label.classification', message: 'does not dominate the forum' },
          ],
        }),
    });
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(byTestId('composer-title-error').textContent).toBe('already used in this forum'));
    expect(byTestId('label-classification-error').textContent).toBe('does not dominate the forum');
    expect((byTestId('composer-title') as HTMLInputElement).value).toBe('Qakbot loader');
    expect((byTestId('composer-body') as HTMLTextAreaElement).value).toBe('Seen **today**.');
    expect((byTestId('composer-tags') as HTMLInputElement).value).toBe('Qakbot, t1566');
  });

  it.each([
    [429, /Try again in 7 s; your text is kept/],
    [413, /too large to send/],
    [409, /cannot be done now: The forum is archived/],
  ])('shows a %i next to the form and keeps the input', async (status, message) => {
    const { byTestId } = await compose({
      [`POST /forums/${FORUM_ID}/threads`]: () =>
        problemWith(status, { title: 'Refused', detail: status === 409 ? 'The forum is archived.' : '' }, { 'Retry-After': '7' }),
    });
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toMatch(message));
    expect((byTestId('composer-body') as HTMLTextAreaElement).value).toBe('Seen **today**.');
    expect((byTestId('composer-title') as HTMLInputElement).value).toBe('Qakbot loader');
  });

  it('checks tags and required fields before sending', async () => {
    const { byTestId, server } = await compose({});
    await changeValue(byTestId('composer-tags'), 'ok, -bad');
    await changeValue(byTestId('composer-title'), '   ');
    await interact(() => byTestId('composer-submit').click());
    expect(byTestId('composer-tags-error').textContent).toMatch(/Not a valid tag: -bad/);
    expect(byTestId('composer-title-error').textContent).toBe('Give the thread a title.');
    expect(server.callsTo(`POST /forums/${FORUM_ID}/threads`)).toHaveLength(0);
  });

  it('submits with Ctrl+Enter in the body', async () => {
    const { byTestId, server } = await compose({
      [`POST /forums/${FORUM_ID}/threads`]: () => problemWith(429, { title: 'Too many requests' }),
    });
    await interact(() => {
      byTestId('composer-body').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    await waitFor(() => expect(server.callsTo(`POST /forums/${FORUM_ID}/threads`)).toHaveLength(1));
  });

  it('previews the body as plain text, never as HTML', async () => {
    const { byTestId } = await compose({});
    await changeText(byTestId('composer-body'), '<img src=x onerror=alert(1)> *hi*');
    await interact(() => byTestId('composer-body-preview-tab').click());
    const preview = byTestId('composer-body-preview');
    expect(preview.hidden).toBe(false);
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.textContent).toContain('<img src=x onerror=alert(1)> *hi*');
    expect(preview.textContent).toContain('rendered after posting');
  });

  it('suggests colleagues to mention in the first post', async () => {
    const { byTestId } = await compose({
      'GET /users': () => jsonResponse(pageOf([{ id: 'u1', username: 'alice', displayName: 'Alice Moderator', country: 'GBR' }], 0, 8)),
    });
    const body = byTestId('composer-body') as HTMLTextAreaElement;
    await interact(() => body.focus());
    await changeText(body, 'Seen **today** by @ali');
    await waitFor(() => byTestId('mention-suggestions'));
    await interact(() => body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })));
    expect(body.value).toBe('Seen **today** by @alice ');
  });

  it('is not offered in an archived forum', async () => {
    const { byTestId, queryByTestId } = await open(`/forums/${FORUM_ID}`, {
      [`GET /forums/${FORUM_ID}`]: () => jsonResponse(forum({ archived: true })),
    });
    await waitFor(() => byTestId('forum-archived'));
    expect(queryByTestId('new-thread-button')).toBeNull();
  });
});

describe('forum settings', () => {
  /** A fake PATCH that applies what it is sent, as the server would. */
  function patchRoute(start: Forum = CONFIDENTIAL_FORUM): FakeRoute {
    let current = start;
    return ({ body }) => {
      const patch = body as ForumPatch;
      current = forum({ ...current, ...patch });
      return jsonResponse(current);
    };
  }

  async function openSettings(routes: Record<string, FakeRoute> = {}) {
    const opened = await open(`/forums/${FORUM_ID}`, { [`PATCH /forums/${FORUM_ID}`]: patchRoute(), ...routes });
    await waitFor(() => opened.byTestId('forum-settings-button'));
    await interact(() => opened.byTestId('forum-settings-button').click());
    return opened;
  }

  it('is offered to moderators only', async () => {
    const member = await open(`/forums/${FORUM_ID}`, {}, BASHIR);
    await waitFor(() => member.byTestId('thread-list'));
    expect(member.queryByTestId('forum-settings-button')).toBeNull();
    await member.unmount();
    app = undefined;

    const { byTestId } = await openSettings();
    expect(byTestId('forum-settings-button').getAttribute('aria-expanded')).toBe('true');
    expect((byTestId('forum-settings-name') as HTMLInputElement).value).toBe('Malware analysis');
    expect((byTestId('forum-settings-description') as HTMLTextAreaElement).value).toBe('Samples, reversing and detection.');
  });

  it('renames and re-describes, sending only what changed, and shows the result', async () => {
    const { byTestId, queryByTestId, server, container } = await openSettings();
    await changeValue(byTestId('forum-settings-name'), '  Malware & reversing ');
    await changeText(byTestId('forum-settings-description'), 'Samples <b>and</b> YARA.');
    await interact(() => byTestId('forum-settings-save').click());
    await waitFor(() => expect(byTestId('forum-settings-saved').textContent).toBe('The forum settings are saved.'));
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`).map((c) => c.body)).toEqual([
      { name: 'Malware & reversing', description: 'Samples <b>and</b> YARA.' },
    ]);
    expect(container.querySelector('h1')?.textContent).toBe('Malware & reversing');
    expect(container.querySelector('.forum__description')?.textContent).toBe('Samples <b>and</b> YARA.');
    expect(container.querySelector('.forum__description b')).toBeNull();
    expect(document.title).toBe('Malware & reversing — ESCAPE');
    expect(queryByTestId('forum-settings')).toBeNull();
    expect(document.activeElement).toBe(byTestId('forum-settings-button'));
  });

  it('sends nothing when nothing changed, and checks the name first', async () => {
    const { byTestId, server } = await openSettings();
    await interact(() => byTestId('forum-settings-save').click());
    expect(byTestId('form-problem').textContent).toBe('Nothing has changed.');
    await changeValue(byTestId('forum-settings-name'), '   ');
    await interact(() => byTestId('forum-settings-save').click());
    expect(byTestId('forum-settings-name-error').textContent).toBe('Give the forum a name.');
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`)).toHaveLength(0);
  });

  it('only ever offers a higher or narrower label, and raises it', async () => {
    const { byTestId, queryByTestId, server, container } = await openSettings();
    const select = byTestId('label-classification') as HTMLSelectElement;
    // the floor is the current label, CONFIDENTIAL//REL TO GBR, KEN; Alice is cleared SECRET
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['CONFIDENTIAL', 'SECRET']);
    expect(queryByTestId('label-rel-all')).toBeNull();
    expect((byTestId('label-country-GBR') as HTMLInputElement).disabled).toBe(true);
    expect(queryByTestId('forum-settings-raise-note')).toBeNull();

    await selectOption(select, 'SECRET');
    await interact(() => byTestId('label-country-KEN').click());
    expect(byTestId('label-marking').textContent).toBe('SECRET//REL TO GBR');
    expect(byTestId('forum-settings-raise-note').textContent).toMatch(/cannot be lowered again/);
    await interact(() => byTestId('forum-settings-save').click());
    await waitFor(() => expect(server.callsTo(`PATCH /forums/${FORUM_ID}`)).toHaveLength(1));
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`)[0]!.body).toEqual({
      label: { classification: 'SECRET', releasableTo: ['GBR'] },
    });
    await waitFor(() => expect(container.querySelector('[data-testid="marking-banner"]')?.textContent).toBe('SECRET//REL TO GBR'));

    // opened again, the floor is the new label
    await interact(() => byTestId('forum-settings-button').click());
    expect(Array.from((byTestId('label-classification') as HTMLSelectElement).options).map((o) => o.value)).toEqual(['SECRET']);
  });

  it('puts 400 field errors next to their fields and a 409 next to the form, keeping the input', async () => {
    let answer = 400;
    const { byTestId } = await openSettings({
      [`PATCH /forums/${FORUM_ID}`]: () =>
        answer === 400
          ? problemWith(400, { title: 'Validation failed', errors: [{ field: 'name', message: 'is already taken' }] })
          : problemWith(409, { title: 'Conflict', detail: 'A label may only be raised.' }),
    });
    await changeValue(byTestId('forum-settings-name'), 'Phishing');
    await interact(() => byTestId('forum-settings-save').click());
    await waitFor(() => expect(byTestId('forum-settings-name-error').textContent).toBe('is already taken'));
    expect(byTestId('forum-settings-name').getAttribute('aria-invalid')).toBe('true');
    expect((byTestId('forum-settings-name') as HTMLInputElement).value).toBe('Phishing');

    answer = 409;
    await selectOption(byTestId('label-classification'), 'SECRET');
    await interact(() => byTestId('forum-settings-save').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toBe('This cannot be done now: A label may only be raised.'));
    expect((byTestId('forum-settings-name') as HTMLInputElement).value).toBe('Phishing');
    expect(byTestId('label-marking').textContent).toBe('SECRET//REL TO GBR, KEN');
    expect(byTestId('forum-settings')).toBeTruthy();
  });

  it('archives after a confirmation: a read-only notice at the top and no "New thread"', async () => {
    const { byTestId, queryByTestId, server, container } = await openSettings();
    await interact(() => byTestId('forum-archive-button').click());
    expect(byTestId('forum-archive-confirm').getAttribute('role')).toBe('alertdialog');
    await interact(() => byTestId('forum-archive-cancel').click());
    expect(queryByTestId('forum-archive-confirm')).toBeNull();
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`)).toHaveLength(0);

    await interact(() => byTestId('forum-archive-button').click());
    await interact(() => byTestId('forum-archive-confirm-button').click());
    await waitFor(() => byTestId('forum-archived'));
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`).map((c) => c.body)).toEqual([{ archived: true }]);
    const notice = byTestId('forum-archived');
    expect(notice.textContent).toMatch(/^Archived: read-only\./);
    // at the top: before the heading
    expect(notice.compareDocumentPosition(container.querySelector('h1')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(queryByTestId('new-thread-button')).toBeNull();
    expect(byTestId('forum-settings-saved').textContent).toBe('The forum is archived: it is now read-only.');

    await interact(() => byTestId('forum-settings-button').click());
    await interact(() => byTestId('forum-unarchive-button').click());
    await interact(() => byTestId('forum-archive-confirm-button').click());
    await waitFor(() => expect(queryByTestId('forum-archived')).toBeNull());
    expect(server.callsTo(`PATCH /forums/${FORUM_ID}`).at(-1)!.body).toEqual({ archived: false });
    byTestId('new-thread-button');
  });

  it('closes an open composer when the forum is archived', async () => {
    const { byTestId, queryByTestId } = await openSettings();
    await interact(() => byTestId('new-thread-button').click());
    byTestId('new-thread-form');
    await interact(() => byTestId('forum-archive-button').click());
    await interact(() => byTestId('forum-archive-confirm-button').click());
    await waitFor(() => byTestId('forum-archived'));
    expect(queryByTestId('new-thread-form')).toBeNull();
  });

  it('shows a refused archive in the confirmation and leaves the forum as it was', async () => {
    const { byTestId, queryByTestId } = await openSettings({
      [`PATCH /forums/${FORUM_ID}`]: () => problemWith(429, { title: 'Too many requests' }, { 'Retry-After': '3' }),
    });
    await changeValue(byTestId('forum-settings-name'), 'Kept');
    await interact(() => byTestId('forum-archive-button').click());
    await interact(() => byTestId('forum-archive-confirm-button').click());
    await waitFor(() => expect(byTestId('forum-archive-problem').textContent).toMatch(/Try again in 3 s/));
    expect(queryByTestId('forum-archived')).toBeNull();
    expect((byTestId('forum-settings-name') as HTMLInputElement).value).toBe('Kept');
  });
});
