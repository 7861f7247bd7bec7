// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../api/search';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { interact, pressKey, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
});

function hit(n: number, overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    type: 'forum_post',
    id: `p${n}`,
    title: `Emotet <b>wave</b> ${n}`,
    snippet: `seen &lt;script&gt; <mark>emotet</mark> ${n}`,
    label: { classification: 'CONFIDENTIAL', releasableTo: ['GBR', 'KEN'] },
    marking: 'CONFIDENTIAL//REL TO GBR, KEN',
    url: `/threads/t${n}#post-p${n}`,
    score: 1,
    updatedAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

function result(items: SearchHit[], total = items.length): SearchResult {
  return {
    total,
    items,
    facets: {
      type: { forum_post: total },
      tag: { malware: 2, t1566: 1 },
      classification: { CONFIDENTIAL: total },
    },
    page: 0,
    size: 20,
  };
}

async function open(path: string, route: FakeRoute) {
  const server = fakeApi({ 'GET /search': route, 'GET /search/suggest': () => jsonResponse({ suggestions: [] }) });
  app = await renderApp(path, { api: server.api });
  return { ...app, server };
}

const hits = (c: HTMLElement) => Array.from(c.querySelectorAll<HTMLElement>('[data-testid="search-hit"]'));

describe('search page', () => {
  it('explains the query syntax before anything is searched, without calling the server', async () => {
    const { byTestId, server } = await open('/search', () => jsonResponse(result([])));
    const help = byTestId('search-help').textContent ?? '';
    for (const part of ['"lateral movement"', 'OR', 'AND', 'NOT', 'title:', 'tag:', 'type:']) {
      expect(help).toContain(part);
    }
    expect(server.callsTo('GET /search')).toHaveLength(0);
  });

  it('shows every hit with its marking, the title as text and the snippet as HTML', async () => {
    const { container, byTestId, server } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), hit(2)], 2)));
    await waitFor(() => expect(hits(container)).toHaveLength(2));
    expect(server.callsTo('GET /search')[0]!.query.get('q')).toBe('emotet');
    const first = hits(container)[0]!;
    expect(first.querySelector('[data-testid="marking-chip"]')?.textContent).toBe('CONFIDENTIAL//REL TO GBR, KEN');
    expect(first.querySelector('a')?.textContent).toBe('Emotet <b>wave</b> 1');
    expect(first.querySelector('a b')).toBeNull();
    const snippet = first.querySelector('[data-testid="search-hit-snippet"]')!;
    expect(snippet.querySelector('mark')?.textContent).toBe('emotet');
    expect(snippet.querySelector('script')).toBeNull();
    expect(snippet.textContent).toContain('<script>');
    expect(byTestId('search-total').textContent).toContain('2 results');
  });

  it('turns facet values into filter toggles kept in the address', async () => {
    const { container, byTestId, server, location } = await open('/search?q=emotet', ({ query }) =>
      jsonResponse(result(query.get('tag') === 'malware' ? [hit(1)] : [hit(1), hit(2)])),
    );
    await waitFor(() => expect(hits(container)).toHaveLength(2));
    expect(byTestId('facet-tag-malware').textContent).toBe('malware2');
    await interact(() => byTestId('facet-tag-malware').click());
    await waitFor(() => expect(hits(container)).toHaveLength(1));
    expect(location.current).toBe('/search?q=emotet&tag=malware');
    expect(server.callsTo('GET /search').at(-1)?.query.get('tag')).toBe('malware');
    expect(byTestId('facet-tag-malware').getAttribute('aria-pressed')).toBe('true');
    await interact(() => byTestId('facet-tag-malware').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet'));
  });

  it('pages through results', async () => {
    const { byTestId, server, location } = await open('/search?q=emotet', ({ query }) =>
      jsonResponse({ ...result([hit(Number(query.get('page') ?? 0) + 1)], 45), page: Number(query.get('page') ?? 0) }),
    );
    await waitFor(() => byTestId('search-pager-next'));
    await interact(() => byTestId('search-pager-next').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet&page=1'));
    await waitFor(() => expect(server.callsTo('GET /search').at(-1)?.query.get('page')).toBe('1'));
  });

  it('moves between hits with j/k and opens the selected one with Enter', async () => {
    const { container, location } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), hit(2), hit(3)])));
    await waitFor(() => expect(hits(container)).toHaveLength(3));
    await interact(() => pressKey('j'));
    await interact(() => pressKey('j'));
    expect(hits(container)[1]!.classList.contains('search-hit--selected')).toBe(true);
    await interact(() => pressKey('k'));
    expect(hits(container)[0]!.getAttribute('aria-current')).toBe('true');
    await interact(() => pressKey('ArrowDown'));
    await interact(() => pressKey('Enter'));
    // The location probe records path and query, not the #post- anchor.
    await waitFor(() => expect(location.current).toBe('/threads/t2'));
  });

  it('says when nothing readable matches, with the syntax help', async () => {
    const { byTestId } = await open('/search?q=nothing', () => jsonResponse(result([])));
    await waitFor(() => expect(byTestId('search-empty').textContent).toContain('Nothing you can read matches.'));
    expect(byTestId('search-help')).toBeTruthy();
  });

  it('reports a refused query', async () => {
    const { container } = await open('/search?q=x&classification=COSMIC', () =>
      problemResponse(400, 'Invalid request', 'Some search parameters are not valid.'),
    );
    await waitFor(() => expect(container.textContent).toContain('Some search parameters are not valid.'));
  });
});
