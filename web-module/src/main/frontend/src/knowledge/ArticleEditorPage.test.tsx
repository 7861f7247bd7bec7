// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../api/articleTypes';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { BASHIR, problemWith } from '../testing/forumFixtures';
import { changeText, changeValue, interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { article, ARTICLE_ID } from './articleFixtures';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
  vi.restoreAllMocks();
});

const EDITABLE = article({ status: 'DRAFT', revision: 4, actions: ['edit', 'submit'], author: { ...BASHIR } });

async function open(path: string, routes: Record<string, FakeRoute> = {}) {
  const server = fakeApi({
    [`GET /articles/${ARTICLE_ID}`]: () => jsonResponse(EDITABLE),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    ...routes,
  });
  app = await renderApp(path, { me: BASHIR, api: server.api });
  await waitFor(() => app!.byTestId('article-editor'));
  return { ...app, server };
}

async function addTag(input: HTMLElement, text: string) {
  await changeValue(input, text);
  await interact(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
}

const chips = (c: HTMLElement) => Array.from(c.querySelectorAll('[data-testid="tag-chip"] span')).map((s) => s.textContent);

describe('article editor: new article', () => {
  it('creates a draft with title, summary, body, tags, references and label, then opens it', async () => {
    const created = article({ status: 'DRAFT', revision: 1 });
    const { byTestId, container, server, location } = await open('/kb/new', { 'POST /articles': () => jsonResponse(created, 201) });
    expect(container.querySelector('h1')?.textContent).toBe('New article');
    await changeValue(byTestId('editor-title'), '  Block SMB at the perimeter ');
    await changeText(byTestId('editor-summary'), 'Why and how.');
    await changeText(byTestId('editor-body'), '## Steps\n\nBlock 445.');
    await addTag(byTestId('tag-input-field'), 'SMB');
    await addTag(byTestId('tag-input-field'), 't1021.002, lateral-movement');
    expect(chips(container)).toEqual(['smb', 't1021.002', 'lateral-movement']);
    await interact(() => byTestId('reference-add').click());
    await changeValue(byTestId('reference-title'), 'CISA advisory');
    await changeValue(byTestId('reference-url'), 'https://www.cisa.gov/x');
    await selectOption(container.querySelector('select')!, 'RESTRICTED');
    await interact(() => byTestId('editor-save').click());
    await waitFor(() => expect(location.current).toBe(`/kb/${ARTICLE_ID}`));
    expect(server.callsTo('POST /articles')[0]!.body).toEqual({
      title: 'Block SMB at the perimeter',
      summary: 'Why and how.',
      body: '## Steps\n\nBlock 445.',
      tags: ['smb', 't1021.002', 'lateral-movement'],
      references: [{ title: 'CISA advisory', url: 'https://www.cisa.gov/x' }],
      label: { classification: 'RESTRICTED', releasableTo: ['ALL'] },
    });
  });

  it('keeps an invalid tag in the field with the reason, like the server would refuse it', async () => {
    const { byTestId, container } = await open('/kb/new');
    const input = byTestId('tag-input-field') as HTMLInputElement;
    await addTag(input, '-bad');
    expect(byTestId('tag-input-error').textContent).toContain('“-bad” is not a valid tag');
    expect(input.value).toBe('-bad');
    expect(chips(container)).toEqual([]);
    await addTag(input, 'x'.repeat(41));
    expect(byTestId('tag-input-error').textContent).toContain('at most 40 characters');
    await addTag(input, 'a'.repeat(40));
    expect(chips(container)).toEqual(['a'.repeat(40)]);
    await addTag(input, 'ok, no way!, fine');
    // Spaces separate tags too (none may hold one): "no" is added, "way!" stays with what follows.
    expect(chips(container)).toEqual(['a'.repeat(40), 'ok', 'no']);
    expect(input.value).toBe('way!, fine');
  });

  it('allows at most 20 tags', async () => {
    const { byTestId, container } = await open('/kb/new');
    await addTag(byTestId('tag-input-field'), Array.from({ length: 21 }, (_, i) => `t${i}`).join(','));
    expect(chips(container)).toHaveLength(20);
    expect(byTestId('tag-input-error').textContent).toBe('At most 20 tags.');
  });

  it('checks title and reference addresses before sending', async () => {
    const { byTestId, server } = await open('/kb/new');
    await interact(() => byTestId('reference-add').click());
    await changeValue(byTestId('reference-title'), 'Notes');
    await changeValue(byTestId('reference-url'), 'javascript:alert(1)');
    await interact(() => byTestId('editor-save').click());
    expect(byTestId('editor-title-error').textContent).toBe('Give the article a title.');
    expect(byTestId('reference-url-error').textContent).toBe('Must be a full http:// or https:// address.');
    expect(server.callsTo('POST /articles')).toHaveLength(0);
  });

  it('shows the server’s field errors next to their fields', async () => {
    const { byTestId } = await open('/kb/new', {
      'POST /articles': () =>
        problemWith(400, {
          title: 'Validation failed',
          errors: [
            { field: 'title', message: 'must not be blank' },
            { field: 'tags[0]', message: 'is not a valid tag' },
            { field: 'references[0].url', message: 'must be an absolute http or https URL' },
          ],
        }),
    });
    await changeValue(byTestId('editor-title'), 'x');
    await interact(() => byTestId('reference-add').click());
    await changeValue(byTestId('reference-title'), 'Notes');
    await changeValue(byTestId('reference-url'), 'https://example.org/a');
    await interact(() => byTestId('editor-save').click());
    await waitFor(() => expect(byTestId('editor-title-error').textContent).toBe('must not be blank'));
    expect(byTestId('tag-input-error').textContent).toBe('is not a valid tag');
    expect(byTestId('reference-url-error').textContent).toBe('must be an absolute http or https URL');
  });

  it('saves with Ctrl+Enter', async () => {
    const { byTestId, server } = await open('/kb/new', { 'POST /articles': () => jsonResponse(article({ status: 'DRAFT' }), 201) });
    await changeValue(byTestId('editor-title'), 'Quick one');
    const body = byTestId('editor-body');
    await interact(() => body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true })));
    await waitFor(() => expect(server.callsTo('POST /articles')).toHaveLength(1));
  });

  it('warns before a link takes unsaved text away', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { byTestId, location } = await open('/kb/new');
    await changeValue(byTestId('editor-title'), 'Half written');
    await interact(() => byTestId('editor-cancel').click());
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(location.current).toBe('/kb/new');
    confirm.mockReturnValue(true);
    await interact(() => byTestId('editor-cancel').click());
    expect(location.current).toBe('/kb');
  });
});

describe('article editor: editing', () => {
  it('sends the revision it was based on and the revision note', async () => {
    const { byTestId, server } = await open(`/kb/${ARTICLE_ID}/edit`, {
      [`PUT /articles/${ARTICLE_ID}`]: () => jsonResponse({ ...EDITABLE, revision: 5 }),
    });
    expect((byTestId('editor-title') as HTMLInputElement).value).toBe(EDITABLE.title);
    expect((byTestId('editor-body') as HTMLTextAreaElement).value).toBe(EDITABLE.body);
    await changeValue(byTestId('editor-comment'), 'Added step 2');
    await interact(() => byTestId('editor-save').click());
    await waitFor(() => expect(server.callsTo(`PUT /articles/${ARTICLE_ID}`)).toHaveLength(1));
    expect(server.callsTo(`PUT /articles/${ARTICLE_ID}`)[0]!.body).toMatchObject({ baseRevision: 4, comment: 'Added step 2', title: EDITABLE.title });
  });

  it('on 409 keeps the typed text, shows the server’s message, and reloads the latest on request', async () => {
    const detail =
      'This article was changed by Alice Moderator at 10:02 (revision 5) after you opened revision 4. Reload it, reapply your changes and save again.';
    let latestServed = false;
    const latest: Article = { ...EDITABLE, revision: 5, body: 'Their newer body', title: 'Their title' };
    const { byTestId, server } = await open(`/kb/${ARTICLE_ID}/edit`, {
      [`GET /articles/${ARTICLE_ID}`]: () => {
        const answer = latestServed ? latest : EDITABLE;
        latestServed = true;
        return jsonResponse(answer);
      },
      [`PUT /articles/${ARTICLE_ID}`]: ({ body }) =>
        (body as { baseRevision: number }).baseRevision === 4 ? problemResponse(409, 'Conflict', detail) : jsonResponse({ ...latest, revision: 6 }),
    });
    await changeText(byTestId('editor-body'), 'My careful rewrite');
    await interact(() => byTestId('editor-save').click());
    await waitFor(() => expect(byTestId('conflict-message').textContent).toBe(detail));
    expect((byTestId('editor-body') as HTMLTextAreaElement).value).toBe('My careful rewrite');

    await interact(() => byTestId('conflict-reload').click());
    await waitFor(() => byTestId('conflict-latest'));
    expect(byTestId('conflict-latest-body').textContent).toBe('Their newer body');
    expect((byTestId('editor-body') as HTMLTextAreaElement).value).toBe('My careful rewrite');
    expect((byTestId('editor-title') as HTMLInputElement).value).toBe(EDITABLE.title);

    await interact(() => byTestId('editor-save').click());
    await waitFor(() => expect(server.callsTo(`PUT /articles/${ARTICLE_ID}`)).toHaveLength(2));
    expect(server.callsTo(`PUT /articles/${ARTICLE_ID}`)[1]!.body).toMatchObject({ baseRevision: 5, body: 'My careful rewrite' });
  });

  it('offers only higher labels, and warns that raising is permanent', async () => {
    const { byTestId, container, queryByTestId } = await open(`/kb/${ARTICLE_ID}/edit`);
    const select = container.querySelector('select')!;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL']);
    expect(queryByTestId('label-raise-warning')).toBeNull();
    await selectOption(select, 'CONFIDENTIAL');
    expect(byTestId('label-raise-warning').textContent).toContain('permanent');
  });

  it('previews the server’s rendering of the saved body, and plain text once changed', async () => {
    const { byTestId, queryByTestId } = await open(`/kb/${ARTICLE_ID}/edit`);
    await interact(() => byTestId('body-preview-tab').click());
    expect(byTestId('body-preview-html').querySelector('h2')?.textContent).toBe('Steps');
    await changeText(byTestId('editor-body'), '## Steps\n\nchanged');
    expect(queryByTestId('body-preview-html')).toBeNull();
    expect(byTestId('body-preview-plain').textContent).toBe('## Steps\n\nchanged');
  });

  it('explains when the article may not be edited', async () => {
    const server = fakeApi({
      [`GET /articles/${ARTICLE_ID}`]: () => jsonResponse(article({ status: 'RETIRED', actions: [] })),
      'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    });
    app = await renderApp(`/kb/${ARTICLE_ID}/edit`, { me: ALICE, api: server.api });
    const note = await waitFor(() => app!.byTestId('edit-not-allowed'));
    expect(note.textContent).toBe('Retired articles are kept as they are.');
  });
});
