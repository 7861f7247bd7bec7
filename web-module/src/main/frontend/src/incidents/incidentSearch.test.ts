import { describe, expect, it } from 'vitest';
import { filtersFrom, searchForFilters } from './incidentSearch';

describe('incident list address', () => {
  it('reads known filters and ignores the rest', () => {
    expect(filtersFrom(new URLSearchParams('status=OPEN&severity=HIGH&mine=1&page=2'))).toEqual({
      status: 'OPEN',
      severity: 'HIGH',
      mine: true,
      page: 2,
    });
    expect(filtersFrom(new URLSearchParams('status=open&severity=EXTREME&mine=yes&page=-1'))).toEqual({
      status: undefined,
      severity: undefined,
      mine: false,
      page: 0,
    });
  });

  it('writes only what is set, in a stable order', () => {
    expect(searchForFilters({ status: 'CLOSED', severity: undefined, mine: true, page: 0 })).toBe('?status=CLOSED&mine=1');
    expect(searchForFilters({ status: undefined, severity: 'LOW', mine: false, page: 3 })).toBe('?severity=LOW&page=3');
    expect(searchForFilters({ status: undefined, severity: undefined, mine: false, page: 0 })).toBe('');
  });
});
