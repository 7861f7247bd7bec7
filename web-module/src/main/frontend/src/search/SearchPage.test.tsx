// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../api/search';
import { deferred, fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
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
      status: { open: total, in_review: 1 },
      date: { day: 1, week: 2, month: total, year: total },
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
    for (const part of ['"lateral movement"', 'OR', 'AND', 'NOT', '-test', 'title:', 'tag:', 'type:', 'T1059.001', 'CVE-2021-44228', 'typos']) {
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
    const { byTestId, queryByTestId } = await open('/search?q=nothing', () => jsonResponse(result([])));
    await waitFor(() => expect(byTestId('search-empty').textContent).toContain('Nothing you can read matches nothing.'));
    expect(byTestId('search-help')).toBeTruthy();
    expect(queryByTestId('search-empty-filters')).toBeNull();
  });

  it('offers to remove the filters when nothing matches with them', async () => {
    const { byTestId, queryByTestId, container, location } = await open('/search?q=emotet&tag=ics&date=day', ({ query }) =>
      jsonResponse(result(query.get('tag') ? [] : [hit(1)])),
    );
    await waitFor(() => expect(byTestId('search-empty').textContent).toContain('with these filters'));
    expect(byTestId('search-empty-remove-tag-ics').textContent).toBe('Remove tag: ics');
    expect(byTestId('search-empty-remove-date-day').textContent).toBe('Remove last updated: Past day');
    await interact(() => byTestId('search-empty-remove-tag-ics').click());
    await waitFor(() => expect(hits(container)).toHaveLength(1));
    expect(location.current).toBe('/search?q=emotet&date=day');
    expect(queryByTestId('search-empty')).toBeNull();
  });

  it('shows the status and date facets in plain words, and sends a date window as from/to', async () => {
    const { byTestId, server, location } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), hit(2)], 2)));
    await waitFor(() => byTestId('facet-status'));
    expect(byTestId('facet-status-in_review').textContent).toBe('In review1');
    expect(byTestId('facet-status-open').getAttribute('aria-label')).toBe('Open: 2 results');
    const dates = Array.from(byTestId('facet-date').querySelectorAll('button')).map((b) => b.textContent);
    expect(dates).toEqual(['Past day1', 'Past week2', 'Past month2', 'Past year2']);
    const before = Date.now();
    await interact(() => byTestId('facet-date-week').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet&date=week'));
    await waitFor(() => expect(server.callsTo('GET /search')).toHaveLength(2));
    const sent = server.callsTo('GET /search')[1]!.query;
    const from = Date.parse(sent.get('from')!);
    expect(from).toBeGreaterThanOrEqual(before - 7 * 86_400_000);
    expect(from).toBeLessThanOrEqual(Date.now() - 7 * 86_400_000);
    expect(sent.get('to')).toBeNull();
    expect(sent.get('date')).toBeNull();
    await interact(() => byTestId('facet-status-open').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet&status=open&date=week'));
    expect(server.callsTo('GET /search').at(-1)?.query.get('status')).toBe('open');
  });

  it('shows the chosen filters as removable chips, with Clear all', async () => {
    const { byTestId, container, location } = await open('/search?q=emotet&type=thread&tag=malware&date=older', () =>
      jsonResponse(result([hit(1)])),
    );
    await waitFor(() => expect(hits(container)).toHaveLength(1));
    const chips = Array.from(container.querySelectorAll('[data-testid="search-chip"]')).map((c) => c.textContent);
    expect(chips).toEqual(['Type: Threads×', 'Tag: malware×', 'Last updated: Older than a year×']);
    expect(byTestId('search-chip-remove-tag-malware').getAttribute('aria-label')).toBe('Remove filter Tag: malware');
    await interact(() => byTestId('search-chip-remove-tag-malware').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet&type=thread&date=older'));
    await interact(() => byTestId('search-clear-filters').click());
    await waitFor(() => expect(location.current).toBe('/search?q=emotet'));
    expect(container.querySelector('[data-testid="search-chips"]')).toBeNull();
  });

  it('shows the first tags and the rest on request', async () => {
    const tags = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`tag${String(i).padStart(2, '0')}`, 20 - i]));
    const { byTestId, container } = await open('/search?q=emotet&tag=tag13', () =>
      jsonResponse({ ...result([hit(1)]), facets: { ...result([]).facets, tag: tags } }),
    );
    await waitFor(() => expect(hits(container)).toHaveLength(1));
    // The first ten, and the chosen one even though it is further down.
    expect(byTestId('facet-tag').querySelectorAll('[aria-pressed]')).toHaveLength(11);
    expect(byTestId('facet-tag-tag13').getAttribute('aria-pressed')).toBe('true');
    await interact(() => byTestId('facet-tag-more').click());
    expect(byTestId('facet-tag').querySelectorAll('[aria-pressed]')).toHaveLength(14);
  });

  it('marks the page with the highest marking of its hits, and every hit with its own', async () => {
    const secret = hit(2, { label: { classification: 'SECRET', releasableTo: ['GBR'] }, marking: 'SECRET//REL TO GBR' });
    const { container } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), secret])));
    await waitFor(() => expect(hits(container)).toHaveLength(2));
    const banners = Array.from(container.querySelectorAll('[data-testid="marking-banner"]')).map((b) => b.textContent);
    expect(banners).toEqual(['SECRET//REL TO GBR', 'SECRET//REL TO GBR']);
    expect(hits(container).map((h) => h.querySelector('[data-testid="marking-chip"]')?.textContent)).toEqual([
      'CONFIDENTIAL//REL TO GBR, KEN',
      'SECRET//REL TO GBR',
    ]);
  });

  it('says it is searching, then keeps the old results visible while the next page loads', async () => {
    const answers: Array<ReturnType<typeof deferred<Response>>> = [];
    const { byTestId, container } = await open('/search?q=emotet', () => {
      const answer = deferred<Response>();
      answers.push(answer);
      return answer.promise;
    });
    await waitFor(() => expect(byTestId('loading').textContent).toContain('Searching'));
    await interact(() => answers[0]!.resolve(jsonResponse({ ...result([hit(1)], 45) })));
    await waitFor(() => expect(hits(container)).toHaveLength(1));
    await interact(() => byTestId('search-pager-next').click());
    await waitFor(() => expect(byTestId('search-layout').getAttribute('aria-busy')).toBe('true'));
    expect(hits(container)).toHaveLength(1);
    await interact(() => answers[1]!.resolve(jsonResponse({ ...result([hit(21)], 45), page: 1 })));
    await waitFor(() => expect(byTestId('search-layout').getAttribute('aria-busy')).toBeNull());
  });

  it('leaves keys alone while the person types, presses a button or holds a modifier', async () => {
    const { container, byTestId, location } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), hit(2)])));
    await waitFor(() => expect(hits(container)).toHaveLength(2));
    const input = byTestId('search-page-input');
    await interact(() => pressKey('j', input));
    expect(container.querySelector('.search-hit--selected')).toBeNull();
    await interact(() => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', ctrlKey: true, bubbles: true })));
    expect(container.querySelector('.search-hit--selected')).toBeNull();
    await interact(() => pressKey('j'));
    expect(hits(container)[0]!.classList.contains('search-hit--selected')).toBe(true);
    // Enter on a facet toggle presses the toggle; it does not open the selected hit.
    await interact(() => pressKey('Enter', byTestId('facet-tag-malware')));
    expect(location.current).toBe('/search?q=emotet');
  });

  it('opens the focused hit with Enter after moving with the arrows', async () => {
    const { container, location } = await open('/search?q=emotet', () => jsonResponse(result([hit(1), hit(2)])));
    await waitFor(() => expect(hits(container)).toHaveLength(2));
    await interact(() => pressKey('ArrowDown'));
    await interact(() => pressKey('ArrowDown'));
    const link = hits(container)[1]!.querySelector('a')!;
    expect(document.activeElement).toBe(link);
    await interact(() => pressKey('Enter', link));
    await waitFor(() => expect(location.current).toBe('/threads/t2'));
  });

  it('reports a refused query', async () => {
    const { container } = await open('/search?q=x&classification=COSMIC', () =>
      problemResponse(400, 'Invalid request', 'Some search parameters are not valid.'),
    );
    await waitFor(() => expect(container.textContent).toContain('Some search parameters are not valid.'));
  });
});
