import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, type IncidentStatus } from '../api/types';
import { allowedMoves, isMoveAllowed, movesFrom, postingBlockedReason } from './transitions';

/** The contract's table (docs/api-incidents.md, PATCH). */
const ALLOWED: [IncidentStatus, IncidentStatus][] = [
  ['OPEN', 'CONTAINED'],
  ['OPEN', 'RESOLVED'],
  ['CONTAINED', 'OPEN'],
  ['CONTAINED', 'RESOLVED'],
  ['RESOLVED', 'CLOSED'],
  ['RESOLVED', 'OPEN'],
];

describe('status transitions', () => {
  it('allow exactly the moves of the contract', () => {
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        const expected = ALLOWED.some(([f, t]) => f === from && t === to);
        expect(isMoveAllowed(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('word the buttons and confirm only the irreversible close', () => {
    expect(movesFrom('OPEN').map((m) => m.label)).toEqual(['Mark contained', 'Mark resolved']);
    expect(movesFrom('RESOLVED').map((m) => m.label)).toEqual(['Close incident', 'Reopen']);
    expect(movesFrom('CLOSED')).toEqual([]);
    const confirmed = INCIDENT_STATUSES.flatMap((s) => movesFrom(s)).filter((m) => m.confirm !== null);
    expect(confirmed.map((m) => m.to)).toEqual(['CLOSED']);
  });

  it('offers nothing to those who may not manage the incident', () => {
    expect(allowedMoves({ status: 'OPEN', canManage: false })).toEqual([]);
    expect(allowedMoves({ status: 'OPEN', canManage: true }).map((m) => m.to)).toEqual(['CONTAINED', 'RESOLVED']);
  });
});

describe('postingBlockedReason', () => {
  const base = { status: 'OPEN', myRole: 'RESPONDER', canPost: true, access: 'MEMBERS' } as const;
  it.each([
    [{ ...base }, null],
    [{ ...base, canPost: false, status: 'CLOSED' }, /closed/],
    [{ ...base, canPost: false, myRole: 'OBSERVER' }, /observer/],
    [{ ...base, canPost: false, myRole: null, access: 'CLEARED' }, /Join/],
    [{ ...base, canPost: false, myRole: null }, /Only members/],
  ] as const)('%o → %s', (incident, expected) => {
    const reason = postingBlockedReason(incident);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});
