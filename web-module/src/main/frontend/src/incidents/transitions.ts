/**
 * The incident lifecycle (docs/api-incidents.md, PATCH): which status moves exist and how they
 * are worded on their buttons. The server refuses anything else with 409; the room offers only
 * these, and only to those who may manage the incident.
 */
import type { Incident, IncidentStatus } from '../api/types';

export interface StatusMove {
  to: IncidentStatus;
  /** The button's text. */
  label: string;
  /** Irreversible moves are confirmed first. */
  confirm: string | null;
}

const MOVES: Readonly<Record<IncidentStatus, readonly StatusMove[]>> = {
  OPEN: [
    { to: 'CONTAINED', label: 'Mark contained', confirm: null },
    { to: 'RESOLVED', label: 'Mark resolved', confirm: null },
  ],
  CONTAINED: [
    { to: 'RESOLVED', label: 'Mark resolved', confirm: null },
    { to: 'OPEN', label: 'Back to open', confirm: null },
  ],
  RESOLVED: [
    { to: 'CLOSED', label: 'Close incident', confirm: 'Close the incident? The room becomes read-only for good: nobody can post, and nothing about it can be changed.' },
    { to: 'OPEN', label: 'Reopen', confirm: null },
  ],
  CLOSED: [],
};

/** The moves the server allows from `status`, whoever asks. */
export function movesFrom(status: IncidentStatus): readonly StatusMove[] {
  return MOVES[status] ?? [];
}

/** The moves to offer this caller: none unless they may manage the incident. */
export function allowedMoves(incident: Pick<Incident, 'status' | 'canManage'>): readonly StatusMove[] {
  return incident.canManage ? movesFrom(incident.status) : [];
}

export function isMoveAllowed(from: IncidentStatus, to: IncidentStatus): boolean {
  return movesFrom(from).some((move) => move.to === to);
}

/** Why the composer is disabled, or null when the caller may post. */
export function postingBlockedReason(incident: Pick<Incident, 'status' | 'myRole' | 'canPost' | 'access'>): string | null {
  if (incident.canPost) return null;
  if (incident.status === 'CLOSED') return 'This incident is closed: the room is read-only.';
  if (incident.myRole === 'OBSERVER') return 'You are an observer here: you can follow the room but not post.';
  if (incident.myRole === null) {
    return incident.access === 'CLEARED' ? 'Join the incident to post in the room.' : 'Only members can post in this room.';
  }
  return 'You cannot post in this room.';
}
