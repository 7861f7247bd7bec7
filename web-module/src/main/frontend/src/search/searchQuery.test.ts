import { describe, expect, it } from 'vitest';
import { hasQuery, moveSelection, readSearch, toggleFacet, writeSearch } from './searchQuery';

describe('search state in the address', () => {
  it('reads repeated and comma-separated filters and a page', () => {
    const state = readSearch(new URLSearchParams('q=emotet&type=thread,forum_post&tag=t1566&tag=phishing&page=2'));
    expect(state).toEqual({ q: 'emotet', type: ['thread', 'forum_post'], tag: ['t1566', 'phishing'], classification: [], page: 2 });
  });

  it('writes back only what is set, and survives a round trip', () => {
    const params = writeSearch({ q: 'a "b"', type: [], tag: ['x'], classification: ['SECRET'], page: 0 });
    expect(params.toString()).toBe('q=a+%22b%22&tag=x&classification=SECRET');
    expect(readSearch(params)).toEqual({ q: 'a "b"', type: [], tag: ['x'], classification: ['SECRET'], page: 0 });
  });

  it('ignores nonsense pages', () => {
    expect(readSearch(new URLSearchParams('q=x&page=-3')).page).toBe(0);
    expect(readSearch(new URLSearchParams('q=x&page=abc')).page).toBe(0);
  });

  it('toggles a facet value on and off and goes back to the first page', () => {
    const start = readSearch(new URLSearchParams('q=x&page=3'));
    const on = toggleFacet(start, 'tag', 'malware');
    expect(on.tag).toEqual(['malware']);
    expect(on.page).toBe(0);
    expect(toggleFacet(on, 'tag', 'malware').tag).toEqual([]);
  });

  it('has a query when there is text or a filter', () => {
    expect(hasQuery(readSearch(new URLSearchParams('')))).toBe(false);
    expect(hasQuery(readSearch(new URLSearchParams('q=%20%20')))).toBe(false);
    expect(hasQuery(readSearch(new URLSearchParams('type=article')))).toBe(true);
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
});
