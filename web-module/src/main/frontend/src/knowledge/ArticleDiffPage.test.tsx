// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleDiff } from '../api/articleTypes';
import { fakeApi, type FakeRoute, jsonResponse, problemResponse } from '../testing/fakeApi';
import { BASHIR } from '../testing/forumFixtures';
import { interact, waitFor } from '../testing/render';
import { renderApp, type RenderedApp } from '../testing/renderApp';
import { article, ARTICLE_ID, diff, reviewEvent, revision } from './articleFixtures';
import { fieldText } from './ArticleDiffPage';

let app: RenderedApp | undefined;
afterEach(async () => {
  await app?.unmount();
  app = undefined;
  vi.unstubAllGlobals();
});

async function open(path: string, routes: Record<string, FakeRoute> = {}) {
  const server = fakeApi({
    [`GET /articles/${ARTICLE_ID}`]: () => jsonResponse(article({ label: { classification: 'RESTRICTED', releasableTo: ['ALL'] } })),
    [`GET /articles/${ARTICLE_ID}/diff`]: ({ query }) =>
      jsonResponse(diff({ from: Number(query.get('from')), to: Number(query.get('to')) } as Partial<ArticleDiff>)),
    [`GET /articles/${ARTICLE_ID}/revisions`]: () => jsonResponse({ items: [revision(4), revision(3), revision(2), revision(1)] }),
    [`GET /articles/${ARTICLE_ID}/reviews`]: () =>
      jsonResponse({ items: [reviewEvent('SUBMITTED'), reviewEvent('SENT_BACK', { comment: 'Cite a source', revision: 3 })] }),
    'GET /notifications/unread-count': () => jsonResponse({ unread: 0 }),
    ...routes,
  });
  app = await renderApp(path, { me: BASHIR, api: server.api });
  return { ...app, server };
}

const cells = (row: Element) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent);

describe('article diff', () => {
  it('shows changed fields before and after, and the body side by side with numbers and signs', async () => {
    const { byTestId, container, server } = await open(`/kb/${ARTICLE_ID}/diff?from=2&to=4`);
    const split = await waitFor(() => byTestId('diff-split'));
    expect(server.callsTo(`GET /articles/${ARTICLE_ID}/diff`)[0]!.query.toString()).toBe('from=2&to=4');
    expect(container.querySelector('h1')?.textContent).toBe('Changes from revision 2 to 4');
    expect(container.querySelectorAll('[data-testid="marking-banner"]')).toHaveLength(2);
    const fields = Array.from(container.querySelectorAll('[data-testid="diff-field"]')).map((r) => [r.querySelector('th')?.textContent, ...cells(r)]);
    expect(fields).toEqual([
      ['Title', 'Before: Old title', 'After: New title'],
      ['Tags', 'Before: ransomware', 'After: ransomware\nt1486'],
    ]);
    const rows = Array.from(split.querySelectorAll('tbody tr'));
    expect(rows.map(cells)).toEqual([
      ['1', ' # Steps', '1', ' # Steps'],
      ['2', '−Removed: Block port 445', '2', '+Added: Block ports 139 and 445'],
      ['3', '−Removed: old line', '', ''],
      ['', '', '3', '+Added: new line'],
      ['⋯ 37 unchanged lines'],
      ['41', ' end', '41', ' end'],
    ]);
    expect(byTestId('diff-summary').textContent).toContain('+2 added −1 removed');
    expect(byTestId('diff-view-split').getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to one inline column, kept in the address', async () => {
    const { byTestId, location } = await open(`/kb/${ARTICLE_ID}/diff?from=2&to=4`);
    await waitFor(() => byTestId('diff-split'));
    await interact(() => byTestId('diff-view-inline').click());
    expect(location.current).toBe(`/kb/${ARTICLE_ID}/diff?from=2&to=4&view=inline`);
    const inline = byTestId('diff-inline');
    expect(Array.from(inline.querySelectorAll('tbody tr')).map(cells)).toEqual([
      ['1', '1', ' # Steps'],
      ['2', '', '−Removed: Block port 445'],
      ['', '2', '+Added: Block ports 139 and 445'],
      ['3', '', '−Removed: old line'],
      ['', '3', '+Added: new line'],
      ['⋯ 37 unchanged lines'],
      ['41', '41', ' end'],
    ]);
    expect(byTestId('diff-view-inline').getAttribute('aria-pressed')).toBe('true');
  });

  it('opens in one column on a phone, unless side by side was chosen', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === '(max-width: 40rem)', media: query }));
    const phone = await open(`/kb/${ARTICLE_ID}/diff?from=2&to=4`);
    await waitFor(() => phone.byTestId('diff-inline'));
    await interact(() => phone.byTestId('diff-view-split').click());
    expect(phone.location.current).toBe(`/kb/${ARTICLE_ID}/diff?from=2&to=4&view=split`);
    await waitFor(() => phone.byTestId('diff-split'));
  });

  it('swaps the two revisions', async () => {
    const { byTestId, location, server } = await open(`/kb/${ARTICLE_ID}/diff?from=2&to=4&view=inline`);
    await waitFor(() => byTestId('diff-inline'));
    expect(byTestId('diff-swap').getAttribute('href')).toBe(`/kb/${ARTICLE_ID}/diff?from=4&to=2&view=inline`);
    await interact(() => byTestId('diff-swap').click());
    expect(location.current).toBe(`/kb/${ARTICLE_ID}/diff?from=4&to=2&view=inline`);
    await waitFor(() => expect(app!.container.querySelector('h1')?.textContent).toBe('Changes from revision 4 to 2'));
    expect(server.callsTo(`GET /articles/${ARTICLE_ID}/diff`).at(-1)!.query.toString()).toBe('from=4&to=2');
  });

  it('asks for two revisions when the address names none', async () => {
    const { byTestId, server } = await open(`/kb/${ARTICLE_ID}/diff?from=x`);
    expect(byTestId('diff-bad-params').textContent).toContain('does not name two revisions');
    expect(server.callsTo(`GET /articles/${ARTICLE_ID}/diff`)).toHaveLength(0);
  });

  it('answers an unknown revision as not available', async () => {
    const { byTestId } = await open(`/kb/${ARTICLE_ID}/diff?from=1&to=99`, {
      [`GET /articles/${ARTICLE_ID}/diff`]: () => problemResponse(404, 'Not found', 'No such item.'),
    });
    await waitFor(() => byTestId('not-available'));
  });

  it('writes field values in words', () => {
    expect(fieldText(null)).toBe('—');
    expect(fieldText([])).toBe('—');
    expect(fieldText('RESTRICTED')).toBe('RESTRICTED');
    expect(fieldText([{ title: 'ATT&CK', url: 'https://attack.mitre.org/' }])).toBe('ATT&CK — https://attack.mitre.org/');
  });
});

describe('article history', () => {
  it('lists revisions and review events, and compares any two', async () => {
    const { byTestId, container, location } = await open(`/kb/${ARTICLE_ID}/history`);
    await waitFor(() => byTestId('revisions'));
    const rows = container.querySelectorAll('[data-testid="revision-row"]');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.textContent).toContain('current');
    expect(rows[0]!.textContent).toContain('Change 4');
    expect(byTestId('revision-changes-4').getAttribute('href')).toBe(`/kb/${ARTICLE_ID}/diff?from=3&to=4`);
    const events = Array.from(container.querySelectorAll('[data-testid="review-event"]')).map((e) => e.textContent);
    expect(events[0]).toContain('Bashir Otieno submitted it for review (revision 2)');
    expect(events[1]).toContain('sent it back (revision 3)');
    expect(events[1]).toContain('Cite a source');

    await interact(() => byTestId('compare').click());
    expect(byTestId('compare-hint').textContent).toBe('Pick two revisions to compare.');
    await interact(() => byTestId('revision-pick-4').click());
    await interact(() => byTestId('revision-pick-3').click());
    await interact(() => byTestId('revision-pick-1').click());
    expect((byTestId('revision-pick-4') as HTMLInputElement).checked).toBe(false);
    expect(byTestId('compare').textContent).toBe('Compare 1 and 3');
    await interact(() => byTestId('compare').click());
    expect(location.current).toBe(`/kb/${ARTICLE_ID}/diff?from=1&to=3`);
  });
});
