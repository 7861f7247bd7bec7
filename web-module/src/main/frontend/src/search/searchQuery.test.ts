// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  clearFilters,
  dateRange,
  facetValueName,
  hasModifier,
  hasQuery,
  isTypingTarget,
  moveSelection,
  readSearch,
  toggleFacet,
  writeSearch,
} from './searchQuery';

describe('search state in the address', () => {
  it('reads repeated and comma-separated filters, a date window and a page', () => {
    const state = readSearch(new URLSearchParams('q=emotet&type=thread,forum_post&tag=t1566&tag=phishing&status=open&date=week&page=2'));
    expect(state).toEqual({
      q: 'emotet',
      type: ['thread', 'forum_post'],
      tag: ['t1566', 'phishing'],
      classification: [],
      status: ['open'],
      date: 'week',
      page: 2,
    });
  });

  it('writes back only what is set, and survives a round trip', () => {
    const start = { q: 'a "b"', type: [], tag: ['x'], classification: ['SECRET'], status: ['in_review'], date: 'older' as const, page: 0 };
    const params = writeSearch(start);
    expect(params.toString()).toBe('q=a+%22b%22&tag=x&classification=SECRET&status=in_review&date=older');
    expect(readSearch(params)).toEqual(start);
  });

  it('ignores nonsense pages and date windows', () => {
    expect(readSearch(new URLSearchParams('q=x&page=-3')).page).toBe(0);
    expect(readSearch(new URLSearchParams('q=x&page=abc')).page).toBe(0);
    expect(readSearch(new URLSearchParams('q=x&date=decade')).date).toBeNull();
  });

  it('toggles a facet value on and off and goes back to the first page', () => {
    const start = readSearch(new URLSearchParams('q=x&page=3'));
    const on = toggleFacet(start, 'tag', 'malware');
    expect(on.tag).toEqual(['malware']);
    expect(on.page).toBe(0);
    expect(toggleFacet(on, 'tag', 'malware').tag).toEqual([]);
    expect(toggleFacet(toggleFacet(start, 'status', 'open'), 'status', 'closed').status).toEqual(['open', 'closed']);
  });

  it('keeps one date window: choosing another replaces it, choosing it again removes it', () => {
    const start = readSearch(new URLSearchParams('q=x&page=2'));
    const week = toggleFacet(start, 'date', 'week');
    expect(week.date).toBe('week');
    expect(week.page).toBe(0);
    expect(toggleFacet(week, 'date', 'older').date).toBe('older');
    expect(toggleFacet(week, 'date', 'week').date).toBeNull();
    expect(toggleFacet(week, 'date', 'fortnight').date).toBeNull();
  });

  it('lists the chosen filters in facet order and clears them all but the text', () => {
    const state = readSearch(new URLSearchParams('q=x&date=day&status=open&tag=a&type=thread&page=4'));
    expect(activeFilters(state)).toEqual([
      { facet: 'type', value: 'thread' },
      { facet: 'tag', value: 'a' },
      { facet: 'status', value: 'open' },
      { facet: 'date', value: 'day' },
    ]);
    const cleared = clearFilters(state);
    expect(cleared).toEqual(readSearch(new URLSearchParams('q=x')));
    expect(activeFilters(cleared)).toEqual([]);
  });

  it('has a query when there is text or a filter', () => {
    expect(hasQuery(readSearch(new URLSearchParams('')))).toBe(false);
    expect(hasQuery(readSearch(new URLSearchParams('q=%20%20')))).toBe(false);
    expect(hasQuery(readSearch(new URLSearchParams('type=article')))).toBe(true);
    expect(hasQuery(readSearch(new URLSearchParams('status=open')))).toBe(true);
    expect(hasQuery(readSearch(new URLSearchParams('date=month')))).toBe(true);
  });

  it('turns a date window into the from/to instants the server counts it with', () => {
    const now = Date.parse('2026-12-02T09:00:00.000Z');
    expect(dateRange('day', now)).toEqual({ from: '2026-12-01T09:00:00.000Z' });
    expect(dateRange('week', now)).toEqual({ from: '2026-11-25T09:00:00.000Z' });
    expect(dateRange('month', now)).toEqual({ from: '2026-11-02T09:00:00.000Z' });
    expect(dateRange('year', now)).toEqual({ from: '2025-12-02T09:00:00.000Z' });
    expect(dateRange('older', now)).toEqual({ to: '2025-12-02T08:59:59.999Z' });
  });

  it('names facet values in plain words', () => {
    expect(facetValueName('type', 'forum_post')).toBe('Forum posts');
    expect(facetValueName('status', 'in_review')).toBe('In review');
    expect(facetValueName('status', 'open')).toBe('Open');
    expect(facetValueName('classification', 'TOP_SECRET')).toBe('TOP SECRET');
    expect(facetValueName('date', 'older')).toBe('Older than a year');
    expect(facetValueName('date', 'week')).toBe('Past week');
    expect(facetValueName('tag', 'APT29')).toBe('APT29');
  });

  it('moves the selection with j/k and the arrows, within bounds', () => {
    expect(moveSelection('j', -1, 3)).toBe(0);
    expect(moveSelection('ArrowDown', 0, 3)).toBe(1);
    expect(moveSelection('j', 2, 3)).toBe(2);
    expect(moveSelection('k', 0, 3)).toBe(0);
    expect(moveSelection('ArrowUp', 2, 3)).toBe(1);
    expect(moveSelection('x', 1, 3)).toBeNull();
    expect(moveSelection('j', -1, 0)).toBeNull();
  });

  it('knows where the person is typing, and which keys are someone else\'s shortcut', () => {
    const field = (tag: string, type?: string) => {
      const element = document.createElement(tag);
      if (type) element.setAttribute('type', type);
      return element;
    };
    expect(isTypingTarget(field('input', 'search'))).toBe(true);
    expect(isTypingTarget(field('input'))).toBe(true);
    expect(isTypingTarget(field('textarea'))).toBe(true);
    expect(isTypingTarget(field('select'))).toBe(true);
    expect(isTypingTarget(field('input', 'checkbox'))).toBe(false);
    expect(isTypingTarget(field('button'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(hasModifier({ altKey: false, ctrlKey: true, metaKey: false })).toBe(true);
    expect(hasModifier({ altKey: false, ctrlKey: false, metaKey: false })).toBe(false);
  });
});
