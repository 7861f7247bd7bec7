// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { ALICE } from '../testing/fakes';
import { fakeApi, type FakeRoute, jsonResponse } from '../testing/fakeApi';
import { BASHIR, pageOf } from '../testing/forumFixtures';
import { interact, selectOption, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { listItem } from './articleFixtures';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

async function open(path: string, options: { me?: Me; routes?: Record<string, FakeRoute> } = {}) {
  const server = fakeApi({
    'GET /articles': () => jsonResponse(pageOf([listItem(1), listItem(2, { status: 'PUBLISHED', tags: ['phishing'] })])),
    'GET /articles/tags': () => jsonResponse({ tags: [{ tag: 'ransomware', count: 3 }, { tag: 'phishing', count: 1 }] }),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    ...options.routes,
  });
  app = await renderApp(path, { me: options.me ?? ALICE, api: server.api });
  return { ...app, server };
}

/** The list requests (not the review-queue count, which asks for one item). */
const listCalls = (server: ReturnType<typeof fakeApi>) =>
  server
    .callsTo('GET /articles')
    .map((c) => Object.fromEntries(c.query.entries()))
    .filter((q) => q.size !== '1');

describe('knowledge base list', () => {
  it('lists published articles by default, newest first, with marking, status, author and tags', async () => {
    const { server, container, byTestId } = await open('/kb');
    await waitFor(() => byTestId('article-list'));
    expect(listCalls(server)[0]).toEqual({ status: 'PUBLISHED', sort: 'recent', page: '0', size: '20' });
    const rows = container.querySelectorAll('[data-testid="article-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('h2 a')?.getAttribute('href')).toBe(`/kb/${listItem(1).id}`);
    expect(rows[0]!.querySelector('[data-testid="marking-chip"]')?.textContent).toBe('UNCLASSIFIED');
    expect(rows[0]!.querySelector('[data-testid="article-status"]')?.textContent).toBe('Status: Published');
    expect(rows[0]!.textContent).toContain('Bashir Otieno');
    expect(rows[0]!.querySelector('a.tag')?.getAttribute('href')).toBe('/kb?tag=ransomware');
    expect(document.title).toBe('Knowledge base — ESCAPE');
    expect(byTestId('kb-tab-published').getAttribute('aria-current')).toBe('page');
    expect(byTestId('new-article-button').getAttribute('href')).toBe('/kb/new');
  });

  it('takes tab, tag, sort and page from the address', async () => {
    const { server, byTestId } = await open('/kb?view=retired&tag=T1486&sort=title&page=2');
    await waitFor(() => byTestId('article-list'));
    expect(listCalls(server)[0]).toEqual({ status: 'RETIRED', tag: 't1486', sort: 'title', page: '2', size: '20' });
    expect(byTestId('kb-tab-retired').getAttribute('aria-current')).toBe('page');
    expect(byTestId('tag-filter').textContent).toContain('t1486');
    expect((byTestId('article-sort') as HTMLSelectElement).value).toBe('title');
  });

  it('asks for the caller’s own articles in any status under "My articles"', async () => {
    const { server, byTestId } = await open('/kb?view=mine');
    await waitFor(() => byTestId('article-list'));
    expect(listCalls(server)[0]).toEqual({ mine: 'true', sort: 'recent', page: '0', size: '20' });
  });

  it('ignores values it does not know', async () => {
    const { server, byTestId } = await open('/kb?view=secret&tag=%3Cscript%3E&sort=evil&page=-1');
    await waitFor(() => byTestId('article-list'));
    expect(listCalls(server)[0]).toEqual({ status: 'PUBLISHED', sort: 'recent', page: '0', size: '20' });
  });

  it('keeps filters in the address when sorting, choosing a tag and switching tabs', async () => {
    const { byTestId, container, location } = await open('/kb?tag=phishing');
    await waitFor(() => byTestId('tag-cloud'));
    await selectOption(byTestId('article-sort'), 'title');
    expect(location.current).toBe('/kb?tag=phishing&sort=title');
    const ransomware = Array.from(container.querySelectorAll<HTMLAnchorElement>('[data-testid="tag-cloud-tag"]')).find((a) =>
      a.textContent?.startsWith('ransomware'),
    )!;
    expect(ransomware.textContent).toBe('ransomware 3');
    await interact(() => ransomware.click());
    expect(location.current).toBe('/kb?tag=ransomware&sort=title');
    await interact(() => byTestId('kb-tab-mine').click());
    expect(location.current).toBe('/kb?view=mine&tag=ransomware&sort=title');
    await interact(() => byTestId('tag-filter-clear').click());
    expect(location.current).toBe('/kb?view=mine&sort=title');
  });

  it('offers the review queue with its count to moderators', async () => {
    const { server, byTestId } = await open('/kb?view=review', {
      routes: {
        'GET /articles': ({ query }) =>
          jsonResponse(query.get('size') === '1' ? pageOf([listItem(9)], 0, 1, 7) : pageOf([listItem(3, { status: 'IN_REVIEW' })])),
      },
    });
    await waitFor(() => byTestId('article-list'));
    await waitFor(() => expect(byTestId('review-count').textContent).toBe('7 waiting'));
    expect(byTestId('kb-tab-review').getAttribute('aria-current')).toBe('page');
    expect(listCalls(server)).toContainEqual({ status: 'IN_REVIEW', sort: 'recent', page: '0', size: '20' });
  });

  it('offers no review queue to members, even from the address', async () => {
    const { server, byTestId, queryByTestId } = await open('/kb?view=review', { me: BASHIR });
    await waitFor(() => byTestId('article-list'));
    expect(queryByTestId('kb-tab-review')).toBeNull();
    expect(queryByTestId('review-count')).toBeNull();
    expect(listCalls(server)).toEqual([{ status: 'PUBLISHED', sort: 'recent', page: '0', size: '20' }]);
  });

  it('says there is nothing published yet, and how to write one', async () => {
    const { byTestId } = await open('/kb', { me: BASHIR, routes: { 'GET /articles': () => jsonResponse(pageOf([])) } });
    const empty = await waitFor(() => byTestId('article-empty'));
    expect(empty.textContent).toContain('No published articles yet.');
    expect(empty.querySelector('a')?.getAttribute('href')).toBe('/kb/new');
    expect(empty.textContent).not.toContain('ATT&CK');
  });

  it('tells administrators about the ATT&CK import', async () => {
    const { byTestId } = await open('/kb', {
      me: { ...ALICE, roles: ['member', 'admin'] },
      routes: { 'GET /articles': () => jsonResponse(pageOf([])) },
    });
    const empty = await waitFor(() => byTestId('article-empty'));
    expect(empty.textContent).toContain('MITRE ATT&CK');
  });

  it('says when no article carries the tag', async () => {
    const { byTestId } = await open('/kb?tag=wiper', { routes: { 'GET /articles': () => jsonResponse(pageOf([])) } });
    expect((await waitFor(() => byTestId('article-empty'))).textContent).toBe('No articles you can read here are tagged “wiper”.');
  });

  it('pages through the list in the address', async () => {
    const items = Array.from({ length: 20 }, (_, i) => listItem(i + 1));
    const { byTestId, location } = await open('/kb?sort=title', { routes: { 'GET /articles': () => jsonResponse(pageOf(items, 0, 20, 45)) } });
    await waitFor(() => byTestId('article-pager-range'));
    expect(byTestId('article-pager-range').textContent).toBe('1–20 of 45 articles');
    await interact(() => byTestId('article-pager-next').click());
    expect(location.current).toBe('/kb?sort=title&page=1');
  });
});
