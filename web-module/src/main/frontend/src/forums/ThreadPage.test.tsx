// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Post } from '../api/types';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { authorOf, BASHIR, noContent, pageOf, post, problemWith, thread } from '../testing/forumFixtures';
import { changeText, changeValue, interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

const THREAD = thread({
  title: 'Emotet <em>is</em> back',
  label: { classification: 'RESTRICTED', releasableTo: ['ALL'] },
});
const T = THREAD.id;
const SECRET_GBR = { classification: 'SECRET', releasableTo: ['GBR'] } as const;

/** A page with everything a thread can hold, as the server shows it to bashir (a member). */
function mixedPosts(): Post[] {
  return [
    post(1, { label: THREAD.label, html: '<p>First <strong>post</strong></p><pre><code>rule x { }</code></pre>' }),
    post(2, {
      label: THREAD.label,
      author: authorOf(BASHIR),
      replyTo: post(1).id,
      editedAt: '2026-03-01T09:30:00Z',
      revision: 2,
      canEdit: true,
      canDelete: true,
      body: 'My *reply*',
      html: '<p>My <em>reply</em></p>',
    }),
    post(3, { label: THREAD.label, deleted: true, deletedBy: 'moderator', body: '', html: '' }),
    post(4, { label: THREAD.label, hidden: true, hiddenReason: null, body: '', html: '' }),
    post(5, { label: { classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR'] }, replyTo: 'p-elsewhere' }),
  ];
}

async function open(routes: Record<string, FakeRoute> = {}, me = BASHIR, path = `/threads/${T}`, posts = mixedPosts()) {
  const server = fakeApi({
    [`GET /threads/${T}`]: () => jsonResponse(THREAD),
    [`GET /threads/${T}/posts`]: ({ query }) => jsonResponse(pageOf(posts, Number(query.get('page') ?? 0), 20, posts.length)),
    [`PUT /threads/${T}/read-marker`]: () => noContent(),
    ...routes,
  });
  app = await renderApp(path, { me, api: server.api });
  await waitFor(() => expect(app!.container.querySelectorAll('[data-testid="post"]').length).toBeGreaterThan(0));
  return { ...app, server };
}

const posts = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="post"]'));
const postEl = (c: HTMLElement, n: number) => c.querySelector<HTMLElement>(`[data-post-id="${post(n).id}"]`)!;
const inPost = (c: HTMLElement, n: number, id: string) => postEl(c, n).querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('thread page', () => {
  it('shows the page marking (thread and posts on it) at top and bottom, the title as text, tags and posts in order', async () => {
    const { container } = await open();
    const banners = Array.from(container.querySelectorAll('[data-testid="marking-banner"]'));
    // the thread is RESTRICTED, one post CONFIDENTIAL//REL TO GBR, KEN: the banner covers both
    expect(banners.map((b) => b.textContent)).toEqual(['CONFIDENTIAL//REL TO GBR, KEN', 'CONFIDENTIAL//REL TO GBR, KEN']);
    expect(container.querySelector('h1')?.textContent).toBe('Emotet <em>is</em> back');
    expect(container.querySelector('h1 em')).toBeNull();
    expect(Array.from(container.querySelectorAll('.thread-header [data-testid="tag"]')).map((t) => t.textContent)).toEqual(['emotet', 't1566']);
    expect(posts(container).map((p) => p.getAttribute('data-post-id'))).toEqual(mixedPosts().map((p) => p.id));
    expect(postEl(container, 1).id).toBe(`post-${post(1).id}`);
  });

  it('renders the server’s sanitized html, with each post’s own marking, author, edited marker and reply-to', async () => {
    const { container } = await open();
    const first = inPost(container, 1, 'post-html')!;
    expect(first.querySelector('strong')?.textContent).toBe('post');
    expect(first.querySelector('pre code')?.textContent).toBe('rule x { }');
    expect(inPost(container, 1, 'post-marking')?.textContent).toBe('RESTRICTED');
    expect(inPost(container, 5, 'post-marking')?.textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    expect(postEl(container, 5).classList.contains('post--raised')).toBe(true);
    expect(inPost(container, 2, 'author')?.textContent).toBe('Bashir Otieno @bashir KEN');
    expect(inPost(container, 2, 'post-edited')?.getAttribute('title')).toMatch(/^Edited /);
    expect(inPost(container, 1, 'post-edited')).toBeNull();
    const replyTo = inPost(container, 2, 'post-reply-to')!;
    expect(replyTo.textContent).toBe('In reply to Alice Moderator');
    await interact(() => replyTo.querySelector('a')!.click());
    expect(document.activeElement).toBe(postEl(container, 1));
    expect(inPost(container, 5, 'post-reply-to')?.textContent).toBe('In reply to a post on another page');
  });

  it('shows tombstones and hidden posts without their content', async () => {
    const { container } = await open();
    expect(inPost(container, 3, 'post-tombstone')?.textContent).toBe('This post was deleted by a moderator.');
    expect(inPost(container, 3, 'post-html')).toBeNull();
    expect(inPost(container, 3, 'post-reply')).toBeNull();
    expect(inPost(container, 4, 'post-hidden')?.textContent).toBe('Hidden by a moderator.');
    expect(inPost(container, 4, 'post-html')).toBeNull();
  });

  it('shows a moderator the hidden content with its reason, and Hide/Unhide', async () => {
    const hidden = post(4, { hidden: true, hiddenReason: 'off topic', html: '<p>spam</p>', body: 'spam' });
    const { container, server } = await open(
      { [`POST /posts/${hidden.id}/moderation`]: () => jsonResponse({ ...hidden, hidden: false, hiddenReason: null }) },
      ALICE,
      `/threads/${T}`,
      [post(1), hidden],
    );
    expect(inPost(container, 4, 'post-hidden')?.textContent).toMatch(/^Hidden by a moderator: off topic/);
    expect(inPost(container, 4, 'post-html')?.textContent).toBe('spam');
    await interact(() => inPost(container, 4, 'post-unhide')!.click());
    await changeValue(postEl(container, 4).querySelector('[data-testid="reason-input"]')!, 'appeal accepted');
    await interact(() => postEl(container, 4).querySelector<HTMLElement>('[data-testid="reason-submit"]')!.click());
    await waitFor(() => expect(inPost(container, 4, 'post-hidden')).toBeNull());
    expect(server.callsTo(`POST /posts/${hidden.id}/moderation`)[0]!.body).toEqual({ action: 'UNHIDE', reason: 'appeal accepted' });
    expect(inPost(container, 4, 'post-hide')).not.toBeNull();
  });

  it('sets the read marker once the posts are shown', async () => {
    const { server } = await open();
    await waitFor(() => expect(server.callsTo(`PUT /threads/${T}/read-marker`).length).toBeGreaterThan(0));
  });

  it('answers a 404 with the neutral page', async () => {
    const server = fakeApi({ [`GET /threads/${T}`]: () => problemResponse(404, 'Not found', 'No such item.') });
    app = await renderApp(`/threads/${T}`, { me: BASHIR, api: server.api });
    await waitFor(() => app!.byTestId('not-available'));
    expect(server.callsTo(`GET /threads/${T}/posts`)).toHaveLength(0);
  });

  it('focuses the post named in the address', async () => {
    const { container } = await open({}, BASHIR, `/threads/${T}#post-${post(2).id}`);
    await waitFor(() => expect(document.activeElement).toBe(postEl(container, 2)));
  });

  it('looks for a linked post on the following pages', async () => {
    const many = Array.from({ length: 25 }, (_, i) => post(i + 1));
    const server = fakeApi({
      [`GET /threads/${T}`]: () => jsonResponse(THREAD),
      [`GET /threads/${T}/posts`]: ({ query }) => {
        const page = Number(query.get('page') ?? 0);
        return jsonResponse(pageOf(many.slice(page * 20, page * 20 + 20), page, 20, many.length));
      },
      [`PUT /threads/${T}/read-marker`]: () => noContent(),
    });
    app = await renderApp(`/threads/${T}#post-${post(23).id}`, { me: BASHIR, api: server.api });
    await waitFor(() => expect(app!.location.current).toBe(`/threads/${T}?page=1`));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-post-id')).toBe(post(23).id));
  });
});

describe('replying', () => {
  it('posts a reply to a post with the thread’s label by default, then focuses the new post', async () => {
    const created = post(6, { author: authorOf(BASHIR), body: 'Thanks', html: '<p>Thanks</p>', replyTo: post(1).id });
    let withNew = false;
    const { container, byTestId, server } = await open({
      [`POST /threads/${T}/posts`]: () => {
        withNew = true;
        return jsonResponse(created, 201);
      },
      [`GET /threads/${T}/posts`]: () => {
        const list = withNew ? [...mixedPosts(), created] : mixedPosts();
        return jsonResponse(pageOf(list));
      },
    });
    await interact(() => inPost(container, 1, 'post-reply')!.click());
    expect(byTestId('reply-to').textContent).toContain('Replying to Alice Moderator');
    expect(document.activeElement).toBe(byTestId('composer-body'));
    expect(byTestId('reply-marking').textContent).toBe('RESTRICTED');
    await changeText(byTestId('composer-body'), 'Thanks');
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(document.activeElement).toBe(postEl(container, 6)));
    expect(server.callsTo(`POST /threads/${T}/posts`)[0]!.body).toEqual({ body: 'Thanks', replyTo: post(1).id });
    expect((byTestId('composer-body') as HTMLTextAreaElement).value).toBe('');
  });

  it('sends a raised label when one is chosen', async () => {
    const { byTestId, server } = await open({
      [`POST /threads/${T}/posts`]: () => problemWith(429, { title: 'Too many requests' }, { 'Retry-After': '3' }),
    });
    await interact(() => byTestId('reply-label-toggle').click());
    const select = byTestId('label-classification') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['RESTRICTED', 'CONFIDENTIAL']);
    await changeText(byTestId('composer-body'), 'Sensitive detail');
    await interact(() => {
      select.value = 'CONFIDENTIAL';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toMatch(/Try again in 3 s/));
    expect(server.callsTo(`POST /threads/${T}/posts`)[0]!.body).toEqual({
      body: 'Sensitive detail',
      label: { classification: 'CONFIDENTIAL', releasableTo: ['ALL'] },
    });
    expect((byTestId('composer-body') as HTMLTextAreaElement).value).toBe('Sensitive detail');
  });

  it('keeps the text when the thread was locked meanwhile (409)', async () => {
    const { byTestId } = await open({
      [`POST /threads/${T}/posts`]: () => problemWith(409, { title: 'Conflict', detail: 'The thread is locked.' }),
    });
    await changeText(byTestId('composer-body'), 'Late reply');
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toBe('This cannot be done now: The thread is locked.'));
    expect((byTestId('composer-body') as HTMLTextAreaElement).value).toBe('Late reply');
  });

  it('suggests colleagues after @ and sends the chosen @username in the body', async () => {
    const { byTestId, server } = await open({
      'GET /users': () => jsonResponse(pageOf([authorOf(ALICE)], 0, 8)),
      [`POST /threads/${T}/posts`]: () => problemWith(429, { title: 'Too many requests' }),
    });
    const body = byTestId('composer-body') as HTMLTextAreaElement;
    await interact(() => body.focus());
    await changeText(body, 'Agreed, @al');
    await waitFor(() => expect(byTestId('mention-option').textContent).toBe('Alice Moderator @alice GBR'));
    await interact(() => body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    expect(body.value).toBe('Agreed, @alice ');
    expect(server.callsTo('GET /users')[0]!.query.toString()).toBe('q=al&size=8');
    await interact(() => byTestId('composer-submit').click());
    await waitFor(() => expect(server.callsTo(`POST /threads/${T}/posts`)[0]!.body).toEqual({ body: 'Agreed, @alice ' }));
  });

  it('suggests colleagues in the edit form too', async () => {
    const { container } = await open({ 'GET /users': () => jsonResponse(pageOf([authorOf(ALICE)], 0, 8)) });
    await interact(() => inPost(container, 2, 'post-edit')!.click());
    const text = inPost(container, 2, 'post-edit-body') as HTMLTextAreaElement;
    await changeText(text, 'My *reply* to @a');
    await waitFor(() => expect(inPost(container, 2, 'mention-suggestions')).not.toBeNull());
    await interact(() => inPost(container, 2, 'mention-option')!.click());
    expect(text.value).toBe('My *reply* to @alice ');
  });

  it('offers no reply box in a locked thread', async () => {
    const { byTestId, queryByTestId, container } = await open({ [`GET /threads/${T}`]: () => jsonResponse({ ...THREAD, locked: true }) });
    expect(queryByTestId('reply-box')).toBeNull();
    expect(byTestId('thread-locked-notice').textContent).toMatch(/locked/);
    expect(inPost(container, 1, 'post-reply')).toBeNull();
  });
});

describe('own posts', () => {
  it('edits a post in place', async () => {
    const edited = { ...mixedPosts()[1]!, body: 'My better reply', html: '<p>My better reply</p>', revision: 3 };
    const { container, server } = await open({ [`PATCH /posts/${post(2).id}`]: () => jsonResponse(edited) });
    expect(inPost(container, 1, 'post-edit')).toBeNull();
    await interact(() => inPost(container, 2, 'post-edit')!.click());
    const text = inPost(container, 2, 'post-edit-body') as HTMLTextAreaElement;
    expect(text.value).toBe('My *reply*');
    expect(document.activeElement).toBe(text);
    await changeText(text, 'My better reply');
    await interact(() => inPost(container, 2, 'post-edit-save')!.click());
    await waitFor(() => expect(inPost(container, 2, 'post-html')?.textContent).toBe('My better reply'));
    expect(server.callsTo(`PATCH /posts/${post(2).id}`)[0]!.body).toEqual({ body: 'My better reply' });
  });

  it('deletes after confirmation and shows the tombstone', async () => {
    const { container, server } = await open({ [`DELETE /posts/${post(2).id}`]: () => noContent() });
    await interact(() => inPost(container, 2, 'post-delete')!.click());
    expect(server.callsTo(`DELETE /posts/${post(2).id}`)).toHaveLength(0);
    await interact(() => inPost(container, 2, 'post-delete-confirm-button')!.click());
    await waitFor(() => expect(inPost(container, 2, 'post-tombstone')?.textContent).toBe('This post was deleted by its author.'));
  });

  it('raises a label only upward', async () => {
    const raised = { ...mixedPosts()[1]!, label: { classification: 'CONFIDENTIAL' as const, releasableTo: ['KEN'] }, marking: 'CONFIDENTIAL//REL TO KEN' };
    const { container, server } = await open({ [`PATCH /posts/${post(2).id}`]: () => jsonResponse(raised) });
    await interact(() => inPost(container, 2, 'post-raise-label')!.click());
    const select = inPost(container, 2, 'label-classification') as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['RESTRICTED', 'CONFIDENTIAL']);
    await interact(() => {
      select.value = 'CONFIDENTIAL';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await interact(() => inPost(container, 2, 'label-rel-countries')!.click());
    await interact(() => inPost(container, 2, 'raise-label-save')!.click());
    await waitFor(() => expect(inPost(container, 2, 'post-marking')?.textContent).toBe('CONFIDENTIAL//REL TO KEN'));
    expect(server.callsTo(`PATCH /posts/${post(2).id}`)[0]!.body).toEqual({ label: { classification: 'CONFIDENTIAL', releasableTo: ['KEN'] } });
  });

  it('shows the revision history as text, and a 403 in words', async () => {
    const { container } = await open({
      [`GET /posts/${post(2).id}/revisions`]: () =>
        jsonResponse([
          { revision: 1, kind: 'CREATED', body: '<b>first</b>', label: THREAD.label, marking: 'RESTRICTED', editor: authorOf(BASHIR), at: '2026-03-01T09:00:00Z' },
          { revision: 2, kind: 'EDITED', body: 'My *reply*', label: SECRET_GBR, marking: 'SECRET//REL TO GBR', editor: authorOf(BASHIR), at: '2026-03-01T09:30:00Z' },
        ]),
      [`GET /posts/${post(1).id}/revisions`]: () => problemResponse(403, 'Forbidden', 'Not allowed.'),
    });
    await interact(() => inPost(container, 2, 'post-history')!.click());
    await waitFor(() => expect(postEl(container, 2).querySelectorAll('[data-testid="revision"]')).toHaveLength(2));
    const first = postEl(container, 2).querySelector('[data-testid="revision"]')!;
    expect(first.querySelector('pre')?.textContent).toBe('<b>first</b>');
    expect(first.querySelector('b')).toBeNull();
    expect(first.textContent).toContain('#1 Created');
    expect(postEl(container, 2).querySelectorAll('[data-testid="revision-marking"]')[1]!.textContent).toBe('SECRET//REL TO GBR');

    await interact(() => inPost(container, 1, 'post-history')!.click());
    await waitFor(() =>
      expect(inPost(container, 1, 'history-forbidden')?.textContent).toBe('Only the author, moderators and auditors can see the history of a post.'),
    );
  });
});

describe('thread moderation', () => {
  it('is offered to moderators only, and asks for a reason', async () => {
    const member = await open();
    expect(member.queryByTestId('thread-moderation')).toBeNull();
    await member.unmount();
    app = undefined;

    const { byTestId, server, queryByTestId } = await open(
      { [`POST /threads/${T}/moderation`]: () => jsonResponse({ ...THREAD, locked: true }) },
      ALICE,
    );
    await interact(() => byTestId('thread-lock').click());
    await interact(() => byTestId('reason-submit').click());
    expect(byTestId('reason-form').textContent).toContain('A reason is required');
    expect(server.callsTo(`POST /threads/${T}/moderation`)).toHaveLength(0);
    await changeValue(byTestId('reason-input'), 'resolved');
    await interact(() => byTestId('reason-submit').click());
    await waitFor(() => byTestId('thread-locked-notice'));
    expect(server.callsTo(`POST /threads/${T}/moderation`)[0]!.body).toEqual({ action: 'LOCK', reason: 'resolved' });
    expect(byTestId('thread-unlock').textContent).toBe('Unlock thread');
    expect(queryByTestId('reply-box')).toBeNull();
    expect(byTestId('badge-locked').textContent).toBe('Locked');
  });
});
