/** Builders for forum and notification wire objects (tests only). */
import type { Author, Forum, Label, Me, Notification, Page, Post, Thread } from '../api/types';
import { formatMarking } from '../common/marking';
import { ALICE } from './fakes';

/** A member without moderator rights (demo user bashir). */
export const BASHIR: Me = {
  id: '7c1d2e3f-0000-4000-8000-00000000b001',
  username: 'bashir',
  displayName: 'Bashir Otieno',
  country: 'KEN',
  clearance: 'CONFIDENTIAL',
  roles: ['member'],
};

export const authorOf = (me: Me): Author => ({
  id: me.id,
  username: me.username,
  displayName: me.displayName,
  country: me.country,
});

export const OPEN: Label = { classification: 'UNCLASSIFIED', releasableTo: ['ALL'] };

export function labelled(label: Label) {
  return { label, marking: formatMarking(label) };
}

export function forum(overrides: Partial<Forum> = {}): Forum {
  const label = overrides.label ?? OPEN;
  return {
    id: 'f0000000-0000-4000-8000-000000000001',
    name: 'Malware analysis',
    description: 'Samples, reversing and detection.',
    archived: false,
    threadCount: 2,
    lastActivityAt: '2026-03-01T10:00:00Z',
    createdAt: '2026-01-01T10:00:00Z',
    ...overrides,
    ...labelled(label),
  };
}

export function thread(overrides: Partial<Thread> = {}): Thread {
  const label = overrides.label ?? OPEN;
  return {
    id: 't0000000-0000-4000-8000-000000000001',
    forumId: 'f0000000-0000-4000-8000-000000000001',
    forumName: 'Malware analysis',
    title: 'Emotet is back',
    tags: ['emotet', 't1566'],
    author: authorOf(ALICE),
    createdAt: '2026-03-01T09:00:00Z',
    lastActivityAt: '2026-03-01T10:00:00Z',
    postCount: 3,
    unreadCount: 0,
    pinned: false,
    locked: false,
    hidden: false,
    firstPostId: 'p0000000-0000-4000-8000-000000000001',
    ...overrides,
    ...labelled(label),
  };
}

export function post(n: number, overrides: Partial<Post> = {}): Post {
  const label = overrides.label ?? OPEN;
  return {
    id: `p0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    threadId: 't0000000-0000-4000-8000-000000000001',
    author: authorOf(ALICE),
    body: `Post number ${n}`,
    html: `<p>Post number ${n}</p>`,
    createdAt: '2026-03-01T09:00:00Z',
    editedAt: null,
    revision: 1,
    replyTo: null,
    deleted: false,
    deletedBy: null,
    hidden: false,
    hiddenReason: null,
    canEdit: false,
    canDelete: false,
    ...overrides,
    ...labelled(label),
  };
}

export function notification(n: number, overrides: Partial<Notification> = {}): Notification {
  return {
    id: `n0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'MENTION',
    createdAt: '2026-03-01T09:00:00Z',
    read: false,
    actor: authorOf(ALICE),
    post: { id: post(n).id, threadId: thread().id, threadTitle: `Thread ${n}` },
    ...overrides,
  };
}

export function pageOf<T>(items: T[], page = 0, size = 20, total = items.length): Page<T> {
  return { items, total, page, size };
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** A problem+json answer with field errors (and optionally Retry-After). */
export function problemWith(
  status: number,
  body: { title: string; detail?: string; errors?: { field: string; message: string }[] },
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', status, detail: '', ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
