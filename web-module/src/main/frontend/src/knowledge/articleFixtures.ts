/** Builders for knowledge-base wire objects (tests only). */
import type { Article, ArticleDiff, ArticleRevision, ReviewEvent } from '../api/articleTypes';
import type { Label } from '../api/types';
import { ALICE } from '../testing/fakes';
import { authorOf, BASHIR, labelled, OPEN } from '../testing/forumFixtures';

export const ARTICLE_ID = 'k0000000-0000-4000-8000-000000000001';

export function article(overrides: Partial<Article> = {}): Article {
  const label: Label = overrides.label ?? OPEN;
  return {
    id: ARTICLE_ID,
    title: 'Isolate hosts with EDR network containment',
    summary: 'Cut an infected host off the network without powering it down.',
    body: '## Steps\n\n1. Contain\n\n```\nedr contain --host $H\n```',
    html: '<h2>Steps</h2><ol><li>Contain</li></ol><pre><code>edr contain --host $H\n</code></pre>',
    tags: ['ransomware', 't1486'],
    references: [{ title: 'ATT&CK M1040', url: 'https://attack.mitre.org/mitigations/M1040' }],
    status: 'PUBLISHED',
    revision: 4,
    author: authorOf(BASHIR),
    createdAt: '2026-03-01T08:00:00Z',
    updatedAt: '2026-03-02T08:00:00Z',
    publishedAt: '2026-03-02T08:00:00Z',
    publishedBy: authorOf(ALICE),
    retiredAt: null,
    retiredReason: null,
    reviewComment: null,
    source: null,
    actions: [],
    ...overrides,
    ...labelled(label),
  };
}

export function listItem(n: number, overrides: Partial<Article> = {}): Article {
  return article({ id: `k0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, title: `Article ${n}`, body: null, html: null, ...overrides });
}

export function revision(number: number, overrides: Partial<ArticleRevision> = {}): ArticleRevision {
  const label: Label = overrides.label ?? OPEN;
  return {
    number,
    kind: number === 1 ? 'CREATED' : 'EDITED',
    editor: authorOf(BASHIR),
    at: '2026-03-01T08:00:00Z',
    comment: number === 1 ? null : `Change ${number}`,
    title: 'Isolate hosts',
    ...overrides,
    ...labelled(label),
  };
}

export function reviewEvent(action: string, overrides: Partial<ReviewEvent> = {}): ReviewEvent {
  return { action, actor: authorOf(BASHIR), at: '2026-03-01T09:00:00Z', comment: null, revision: 2, ...overrides };
}

export function diff(overrides: Partial<ArticleDiff> = {}): ArticleDiff {
  return {
    from: 2,
    to: 4,
    fields: [
      { field: 'title', from: 'Old title', to: 'New title' },
      { field: 'tags', from: ['ransomware'], to: ['ransomware', 't1486'] },
    ],
    lines: [
      { kind: 'EQUAL', oldNumber: 1, newNumber: 1, oldText: '# Steps', newText: '# Steps' },
      { kind: 'CHANGE', oldNumber: 2, newNumber: 2, oldText: 'Block port 445', newText: 'Block ports 139 and 445' },
      { kind: 'DELETE', oldNumber: 3, newNumber: null, oldText: 'old line', newText: null },
      { kind: 'INSERT', oldNumber: null, newNumber: 3, oldText: null, newText: 'new line' },
      { kind: 'SKIP', oldNumber: 4, newNumber: 4, oldText: null, newText: null, count: 37 },
      { kind: 'EQUAL', oldNumber: 41, newNumber: 41, oldText: 'end', newText: 'end' },
    ],
    added: 2,
    removed: 1,
    ...overrides,
  };
}
