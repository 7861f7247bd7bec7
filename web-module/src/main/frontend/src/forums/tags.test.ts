import { describe, expect, it } from 'vitest';
import { lastPage, pageFrom, searchFor, tagFrom } from './forumSearch';
import { parseTags } from './tags';

describe('parseTags', () => {
  it('splits on commas and spaces, lower-cases and de-duplicates', () => {
    expect(parseTags(' Phishing, t1566  initial-access,phishing ')).toEqual({ tags: ['phishing', 't1566', 'initial-access'], error: null });
    expect(parseTags('')).toEqual({ tags: [], error: null });
  });

  it('refuses what the server would refuse', () => {
    expect(parseTags('-x').error).toMatch(/Not a valid tag: -x/);
    expect(parseTags('a'.repeat(33)).error).toMatch(/Not a valid tag/);
    expect(parseTags('a b c d e f g h i').error).toBe('At most 8 tags (you have 9).');
    expect(parseTags('a.b_c-d').error).toBeNull();
  });
});

describe('forum addresses', () => {
  it('reads page and tag defensively', () => {
    expect(pageFrom(new URLSearchParams('page=3'))).toBe(3);
    expect(pageFrom(new URLSearchParams('page=-1'))).toBe(0);
    expect(pageFrom(new URLSearchParams('page=x'))).toBe(0);
    expect(tagFrom(new URLSearchParams('tag=Phishing'))).toBe('phishing');
    expect(tagFrom(new URLSearchParams('tag=<script>'))).toBe('');
  });

  it('writes only what is set', () => {
    expect(searchFor(0)).toBe('');
    expect(searchFor(2, { tag: 'x', archived: false })).toBe('?tag=x&page=2');
    expect(searchFor(0, { unread: true })).toBe('?unread=1');
  });

  it('finds the last page', () => {
    expect(lastPage(0, 20)).toBe(0);
    expect(lastPage(20, 20)).toBe(0);
    expect(lastPage(21, 20)).toBe(1);
  });
});
