// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../api/articleTypes';
import type { Me } from '../api/types';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { authorOf, BASHIR } from '../testing/forumFixtures';
import { changeText, interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { article, ARTICLE_ID } from './articleFixtures';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
  vi.restoreAllMocks();
});

const PATH = `/kb/${ARTICLE_ID}`;
const SECRET_GBR = { classification: 'SECRET', releasableTo: ['GBR'] } as const;

async function open(shown: Article, options: { me?: Me; routes?: Record<string, FakeRoute> } = {}) {
  const server = fakeApi({
    [`GET /articles/${ARTICLE_ID}`]: () => jsonResponse(shown),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    ...options.routes,
  });
  app = await renderApp(PATH, { me: options.me ?? ALICE, api: server.api });
  await waitFor(() => expect(app!.queryByTestId('article') ?? app!.queryByTestId('not-available')).not.toBeNull());
  return { ...app, server };
}

const banners = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="marking-banner"]'));

describe('article reading view', () => {
  it('shows the marking banner at the top and the bottom, the title, summary and sanitized body', async () => {
    const { container, byTestId } = await open(article({ label: { ...SECRET_GBR, releasableTo: ['GBR'] } }));
    const [top, bottom] = banners(container);
    expect(banners(container)).toHaveLength(2);
    expect(top!.textContent).toBe('SECRET//REL TO GBR');
    expect(bottom!.textContent).toBe('SECRET//REL TO GBR');
    expect(top!.compareDocumentPosition(byTestId('article-html')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(bottom!.compareDocumentPosition(byTestId('article-html')) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
    expect(container.querySelector('h1')?.textContent).toBe('Isolate hosts with EDR network containment');
    expect(byTestId('article-summary').textContent).toBe('Cut an infected host off the network without powering it down.');
    expect(byTestId('article-html').querySelector('h2')?.textContent).toBe('Steps');
    expect(byTestId('article-status').textContent).toBe('Status: Published');
    expect(document.title).toBe('Isolate hosts with EDR network containment — ESCAPE');
  });

  it('shows a retired article with its reason', async () => {
    const { byTestId } = await open(
      article({ status: 'RETIRED', retiredAt: '2026-03-03T08:00:00Z', retiredReason: 'Superseded by the EDR playbook v2', actions: [] }),
    );
    expect(byTestId('article-retired').textContent).toContain('Retired — kept for reference: Superseded by the EDR playbook v2');
  });

  it('copies a code block to the clipboard and says so', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { byTestId } = await open(article());
    const button = byTestId('code-copy');
    expect(button.textContent).toBe('Copy');
    await interact(() => button.click());
    await waitFor(() => expect(button.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith('edr contain --host $H\n');
    expect(byTestId('copy-announcement').textContent).toBe('Copied to the clipboard.');
  });

  it('lists the headings when there are more than three, and links to them', async () => {
    const html = '<h2>One</h2><p>a</p><h3>One a</h3><h2>Two</h2><h2>Two</h2><p>b</p>';
    const { byTestId } = await open(article({ html }));
    const toc = await waitFor(() => byTestId('article-toc'));
    const links = Array.from(toc.querySelectorAll('a'));
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['One', '#kb-one'],
      ['One a', '#kb-one-a'],
      ['Two', '#kb-two'],
      ['Two', '#kb-two-2'],
    ]);
    await interact(() => links[2]!.click());
    expect(document.activeElement?.id).toBe('kb-two');
  });

  it('has no table of contents for short articles', async () => {
    const { queryByTestId } = await open(article());
    expect(queryByTestId('article-toc')).toBeNull();
  });

  it('shows tags, external references, source and credits', async () => {
    const { byTestId, container } = await open(
      article({ source: { kind: 'STIX', ref: 'course-of-action--1', url: 'https://attack.mitre.org/mitigations/M1040' } }),
    );
    const ref = byTestId('article-references').querySelector('a')!;
    expect(ref.getAttribute('href')).toBe('https://attack.mitre.org/mitigations/M1040');
    expect(ref.getAttribute('rel')).toBe('noopener noreferrer');
    expect(byTestId('article-source').textContent).toBe('Imported from MITRE ATT&CK M1040');
    expect(container.querySelector('footer a.tag')?.getAttribute('href')).toBe('/kb?tag=ransomware');
    expect(byTestId('article-credits').textContent).toContain('Published by');
  });

  it('links a promoted article to its incident', async () => {
    const { byTestId } = await open(article({ source: { kind: 'INCIDENT', ref: 'a0000000-0000-4000-8000-000000000001', url: null } }));
    expect(byTestId('article-source').querySelector('a')?.getAttribute('href')).toBe('/incidents/a0000000-0000-4000-8000-000000000001');
  });

  it('offers exactly the actions the server lists', async () => {
    const none = await open(article({ actions: [] }));
    expect(none.queryByTestId('article-actions')).toBeNull();
    await none.unmount();

    const some = await open(article({ status: 'IN_REVIEW', actions: ['edit', 'sendBack', 'publish'] }));
    const buttons = Array.from(some.byTestId('article-actions').querySelectorAll('a, button')).map((b) => b.getAttribute('data-testid'));
    expect(buttons).toEqual(['action-edit', 'action-publish', 'action-sendBack']);
    expect(some.byTestId('action-edit').getAttribute('href')).toBe(`/kb/${ARTICLE_ID}/edit`);
  });

  it('shows the last send-back comment prominently on a draft', async () => {
    const { byTestId } = await open(
      article({
        status: 'DRAFT',
        actions: ['edit', 'submit'],
        reviewComment: { comment: 'Cite the vendor advisory.', by: authorOf(ALICE), at: '2026-03-02T09:00:00Z' },
      }),
      { me: BASHIR },
    );
    expect(byTestId('review-comment').textContent).toContain('Sent back by Alice Moderator');
    expect(byTestId('review-comment').textContent).toContain('Cite the vendor advisory.');
  });

  it('publishes after confirmation and shows the new state', async () => {
    const { byTestId, server, queryByTestId } = await open(article({ status: 'IN_REVIEW', actions: ['publish', 'sendBack'] }), {
      routes: { [`POST /articles/${ARTICLE_ID}/publish`]: () => jsonResponse(article({ status: 'PUBLISHED', actions: ['retire'] })) },
    });
    await interact(() => byTestId('action-publish').click());
    expect(server.callsTo(`POST /articles/${ARTICLE_ID}/publish`)).toHaveLength(0);
    await interact(() => byTestId('step-confirm').click());
    await waitFor(() => expect(byTestId('article-status').textContent).toBe('Status: Published'));
    expect(server.callsTo(`POST /articles/${ARTICLE_ID}/publish`)[0]!.body).toEqual({});
    expect(byTestId('article-action-done').textContent).toBe('Published.');
    expect(queryByTestId('action-publish')).toBeNull();
    expect(byTestId('action-retire')).toBeTruthy();
  });

  it('needs a comment to send back', async () => {
    const { byTestId, server } = await open(article({ status: 'IN_REVIEW', actions: ['sendBack'] }), {
      routes: { [`POST /articles/${ARTICLE_ID}/send-back`]: () => jsonResponse(article({ status: 'DRAFT', actions: [] })) },
    });
    await interact(() => byTestId('action-sendBack').click());
    await interact(() => byTestId('step-confirm').click());
    expect(byTestId('step-comment-error').textContent).toBe('Write a comment for the author.');
    expect(server.callsTo(`POST /articles/${ARTICLE_ID}/send-back`)).toHaveLength(0);
    await changeText(byTestId('step-comment'), 'Step 3 is unsafe on domain controllers.');
    await interact(() => byTestId('step-confirm').click());
    await waitFor(() => expect(byTestId('article-status').textContent).toBe('Status: Draft'));
    expect(server.callsTo(`POST /articles/${ARTICLE_ID}/send-back`)[0]!.body).toEqual({ comment: 'Step 3 is unsafe on domain controllers.' });
  });

  it('needs a reason to retire', async () => {
    const { byTestId } = await open(article({ actions: ['retire'] }));
    await interact(() => byTestId('action-retire').click());
    await interact(() => byTestId('step-confirm').click());
    expect(byTestId('step-comment-error').textContent).toContain('Give a reason');
  });

  it('shows the server’s refusal (403 two-person rule, 409 status)', async () => {
    const { byTestId } = await open(article({ status: 'IN_REVIEW', actions: ['publish'] }), {
      routes: {
        [`POST /articles/${ARTICLE_ID}/publish`]: () =>
          problemResponse(403, 'Forbidden', 'You wrote the current revision: another moderator must publish it.'),
      },
    });
    await interact(() => byTestId('action-publish').click());
    await interact(() => byTestId('step-confirm').click());
    await waitFor(() => expect(byTestId('form-problem').textContent).toContain('another moderator must publish it'));
    expect(byTestId('article-status').textContent).toBe('Status: In review');
  });

  it('says "not available" for a 404, whatever the reason', async () => {
    const { byTestId } = await open(article(), { routes: { [`GET /articles/${ARTICLE_ID}`]: () => problemResponse(404, 'Not found', 'No such item.') } });
    expect(byTestId('not-available').textContent).toContain('Not found or not available to you');
  });
});
