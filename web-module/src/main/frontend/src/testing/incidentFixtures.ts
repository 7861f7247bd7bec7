/** Builders for incident wire objects (tests only). */
import type { Author, Incident, Label, Member, Message, MessagePage } from '../api/types';
import { ALICE } from './fakes';
import { authorOf, BASHIR, labelled, OPEN } from './forumFixtures';

export const INCIDENT_ID = 'a0000000-0000-4000-8000-000000000001';

export const CHEN: Author = { id: 'u0000000-0000-4000-8000-00000000c4e1', username: 'chen', displayName: 'Chen Wei', country: 'MYS' };

export function incident(overrides: Partial<Incident> = {}): Incident {
  const label = overrides.label ?? OPEN;
  return {
    id: INCIDENT_ID,
    title: 'Ransomware at GovCERT-X',
    summary: 'File servers encrypted overnight.',
    severity: 'HIGH',
    status: 'OPEN',
    access: 'MEMBERS',
    createdBy: authorOf(ALICE),
    createdAt: '2026-03-01T08:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    latestSeq: 3,
    myRole: 'COMMANDER',
    memberCount: 2,
    canPost: true,
    canManage: true,
    ...overrides,
    ...labelled(label),
  };
}

export function member(user: Author, overrides: Partial<Member> = {}): Member {
  return { user, role: 'RESPONDER', addedAt: '2026-03-01T08:00:00Z', online: false, ...overrides };
}

export function entry(seq: number, overrides: Partial<Message> = {}): Message {
  const label: Label = overrides.label ?? OPEN;
  return {
    id: `m0000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    incidentId: INCIDENT_ID,
    seq,
    clientId: null,
    kind: 'MESSAGE',
    author: authorOf(BASHIR),
    body: `Message ${seq}`,
    html: `<p>Message ${seq}</p>`,
    createdAt: '2026-03-01T09:00:00Z',
    ...overrides,
    ...labelled(label),
  };
}

export function messagePage(items: Message[], latestSeq = items.at(-1)?.seq ?? 0, hasMore = false): MessagePage {
  return { items, latestSeq, hasMore };
}
