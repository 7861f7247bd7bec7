import { describe, expect, it } from 'vitest';
import { attackId } from './ArticleBadges';
import { bodyProblem, isArticleTag, isHttpUrl, MAX_BODY_BYTES, referenceProblems, referencesToSend, splitTags, tagProblem } from './articleRules';
import { filtersFrom, queryFor, searchForFilters } from './articleSearch';

describe('article rules (as the server checks them)', () => {
  it.each([
    ['ransomware', true],
    ['t1059.001', true],
    ['initial_access-2', true],
    ['a'.repeat(40), true],
    ['a'.repeat(41), false],
    ['-lead', false],
    ['.lead', false],
    ['Upper', false],
    ['has space', false],
    ['', false],
  ])('tag %s → %s', (tag, ok) => {
    expect(isArticleTag(tag)).toBe(ok);
  });

  it('lower-cases typed tags and splits at commas and spaces', () => {
    expect(splitTags(' Phishing, T1566  initial-access,,')).toEqual(['phishing', 't1566', 'initial-access']);
    expect(tagProblem('T1486', [])).toBeNull();
    expect(tagProblem('x', Array.from({ length: 20 }, (_, i) => `t${i}`))).toBe('At most 20 tags.');
    expect(tagProblem('t0', Array.from({ length: 20 }, (_, i) => `t${i}`))).toBeNull();
  });

  it('accepts only absolute http(s) reference addresses', () => {
    expect(isHttpUrl('https://attack.mitre.org/mitigations/M1040')).toBe(true);
    expect(isHttpUrl('http://intranet.example/x')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://x.org', '//x.org', 'attack.mitre.org', 'https://']) expect(isHttpUrl(bad), bad).toBe(false);
  });

  it('numbers reference problems over the rows that are filled, as the server numbers what it receives', () => {
    const rows = [
      { title: '', url: '' },
      { title: 'ok', url: 'https://ok.org' },
      { title: '', url: 'mailto:x' },
    ];
    expect(referenceProblems(rows)).toEqual({
      'references[1].title': 'Give the reference a title.',
      'references[1].url': 'Must be a full http:// or https:// address.',
    });
    expect(referencesToSend(rows)).toEqual([
      { title: 'ok', url: 'https://ok.org' },
      { title: '', url: 'mailto:x' },
    ]);
  });

  it('limits the body to 256 KiB of UTF-8', () => {
    expect(bodyProblem('x'.repeat(MAX_BODY_BYTES))).toBeNull();
    expect(bodyProblem('é'.repeat(MAX_BODY_BYTES / 2 + 1))).toContain('Too long');
  });

  it('reads ATT&CK ids from their pages', () => {
    expect(attackId('https://attack.mitre.org/mitigations/M1040')).toBe('M1040');
    expect(attackId('https://attack.mitre.org/techniques/T1059/001/')).toBe('T1059.001');
    expect(attackId('https://example.org/')).toBeNull();
    expect(attackId(null)).toBeNull();
  });
});

describe('knowledge-base list address', () => {
  it('round-trips filters, leaving defaults out', () => {
    const filters = filtersFrom(new URLSearchParams('view=mine&tag=Ransomware&sort=title&page=3'));
    expect(filters).toEqual({ view: 'mine', tag: 'ransomware', sort: 'title', page: 3 });
    expect(searchForFilters(filters)).toBe('?view=mine&tag=ransomware&sort=title&page=3');
    expect(searchForFilters(filtersFrom(new URLSearchParams('')))).toBe('');
  });

  it('asks the server for each tab', () => {
    const base = { tag: '', sort: 'recent' as const, page: 0 };
    expect(queryFor({ ...base, view: 'published' }, 20)).toMatchObject({ status: 'PUBLISHED' });
    expect(queryFor({ ...base, view: 'retired' }, 20)).toMatchObject({ status: 'RETIRED' });
    expect(queryFor({ ...base, view: 'review' }, 20)).toMatchObject({ status: 'IN_REVIEW' });
    const mine = queryFor({ ...base, view: 'mine' }, 20);
    expect(mine).toMatchObject({ mine: true });
    expect(mine.status).toBeUndefined();
  });
});
