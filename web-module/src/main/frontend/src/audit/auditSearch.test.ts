import { describe, expect, it } from 'vitest';
import {
  auditQuery,
  auditSearchParams,
  canonicalInstant,
  hasFilters,
  instantToLocalInput,
  localInputToInstant,
  NO_FILTERS,
  parseAuditSearch,
} from './auditSearch';

describe('canonicalInstant', () => {
  it('writes every ISO-8601 instant the same way, in UTC', () => {
    expect(canonicalInstant('2026-03-01T09:30:00Z')).toBe('2026-03-01T09:30:00Z');
    expect(canonicalInstant('2026-03-01T09:30:00.000Z')).toBe('2026-03-01T09:30:00Z');
    expect(canonicalInstant('2026-03-01T09:30Z')).toBe('2026-03-01T09:30:00Z');
    expect(canonicalInstant('2026-03-01T10:30:00+01:00')).toBe('2026-03-01T09:30:00Z');
    expect(canonicalInstant('2026-03-01T09:30:00.25z')).toBe('2026-03-01T09:30:00.250Z');
    expect(canonicalInstant('2026-03-01T09:30:00.123456789Z')).toBe('2026-03-01T09:30:00.123Z');
    expect(canonicalInstant('2026-03-01')).toBe('2026-03-01T00:00:00Z');
  });

  it('puts back a "+" offset that a query string turned into a space', () => {
    expect(canonicalInstant('2026-03-01T15:00:00 05:30')).toBe('2026-03-01T09:30:00Z');
  });

  it('refuses what is not an instant with a zone', () => {
    for (const bad of ['', 'yesterday', '2026-03-01T09:30', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '1709280000']) {
      expect(canonicalInstant(bad), bad).toBe('');
    }
  });
});

describe('datetime-local conversion', () => {
  it('round-trips an instant through the local input value, whatever the time zone', () => {
    for (const iso of ['2026-03-01T09:30:00Z', '2026-07-15T23:59:59Z', '2025-12-31T00:00:01Z']) {
      const local = instantToLocalInput(iso);
      expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/);
      expect(localInputToInstant(local)).toBe(iso);
    }
  });

  it('leaves out zero seconds, like a browser normalizing the value', () => {
    expect(instantToLocalInput('2026-03-01T09:30:00Z')).toMatch(/T\d{2}:\d{2}$/);
  });

  it('shows the instant in local time', () => {
    const iso = '2026-03-01T09:30:15Z';
    const date = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(instantToLocalInput(iso)).toBe(
      `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:15`,
    );
  });

  it('accepts minute precision, which browsers send when seconds are zero', () => {
    const withSeconds = localInputToInstant('2026-03-01T09:30:00');
    expect(localInputToInstant('2026-03-01T09:30')).toBe(withSeconds);
    expect(withSeconds).toBe(new Date(2026, 2, 1, 9, 30, 0).toISOString().replace('.000Z', 'Z'));
  });

  it("tells empty ('') from invalid (undefined)", () => {
    expect(localInputToInstant('')).toBe('');
    expect(localInputToInstant('2026-03-01')).toBeUndefined();
    expect(localInputToInstant('2026-02-30T10:00')).toBeUndefined();
    expect(instantToLocalInput('')).toBe('');
    expect(instantToLocalInput('garbage')).toBe('');
  });
});

describe('the address of an audit view', () => {
  it('reads filters and page from the query string', () => {
    expect(
      parseAuditSearch('?actor=alice&action=post.create&object=thread&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&page=3'),
    ).toEqual({
      filters: {
        actor: 'alice',
        action: 'post.create',
        object: 'thread',
        from: '2026-03-01T00:00:00Z',
        to: '2026-03-02T00:00:00Z',
      },
      page: 3,
    });
  });

  it('treats missing, blank or malformed values as no filter and page 0', () => {
    expect(parseAuditSearch('')).toEqual({ filters: NO_FILTERS, page: 0 });
    expect(parseAuditSearch('?actor=%20%20&from=last+week&to=&page=-1')).toEqual({ filters: NO_FILTERS, page: 0 });
    expect(parseAuditSearch('?page=2.5').page).toBe(0);
    expect(parseAuditSearch('?page=abc').page).toBe(0);
  });

  it('writes only what is set, in a fixed order, and page only beyond the first', () => {
    const params = auditSearchParams({
      filters: { ...NO_FILTERS, to: '2026-03-02T00:00:00Z', actor: ' bashir ' },
      page: 0,
    });
    expect(params.toString()).toBe('actor=bashir&to=2026-03-02T00%3A00%3A00Z');
    expect(auditSearchParams({ filters: NO_FILTERS, page: 2 }).toString()).toBe('page=2');
    expect(auditSearchParams({ filters: NO_FILTERS, page: 0 }).toString()).toBe('');
  });

  it('round-trips: address → view → address', () => {
    const address =
      'actor=audrey&action=label.raise&object=9b2e6a40-3c1d-4f7e-8a55-0d4c2b1e7f90&from=2026-03-01T08%3A00%3A00Z&to=2026-03-01T18%3A00%3A00.500Z&page=4';
    expect(auditSearchParams(parseAuditSearch(address)).toString()).toBe(address);
    const view = parseAuditSearch(address);
    expect(parseAuditSearch(auditSearchParams(view))).toEqual(view);
  });

  it('knows whether any filter is set', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, object: 'post' })).toBe(true);
  });
});

describe('auditQuery', () => {
  it('sends page and size always and filters only when set', () => {
    expect(auditQuery({ filters: NO_FILTERS, page: 0 }, 20)).toEqual({ page: 0, size: 20 });
    expect(auditQuery({ filters: { ...NO_FILTERS, actor: 'eve', from: '2026-03-01T00:00:00Z' }, page: 2 }, 20)).toEqual({
      actor: 'eve',
      from: '2026-03-01T00:00:00Z',
      page: 2,
      size: 20,
    });
  });
});
