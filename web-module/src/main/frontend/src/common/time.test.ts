import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatRelative } from './time';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('formatRelative', () => {
  it.each([
    ['2026-03-10T11:59:40Z', 'just now'],
    ['2026-03-10T11:55:00Z', '5 minutes ago'],
    ['2026-03-10T09:00:00Z', '3 hours ago'],
    ['2026-03-09T11:00:00Z', 'yesterday'],
    ['2026-03-06T12:00:00Z', '4 days ago'],
  ])('%s → %s', (iso, expected) => {
    expect(formatRelative(iso, NOW)).toBe(expected);
  });

  it('gives the date for old times and leaves nonsense alone', () => {
    expect(formatRelative('2025-01-01T00:00:00Z', NOW)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date('2025-01-01T00:00:00Z')),
    );
    expect(formatRelative('soon', NOW)).toBe('soon');
  });
});

describe('formatAbsolute', () => {
  it('adds UTC to the local time', () => {
    expect(formatAbsolute('2026-03-01T09:30:00Z')).toMatch(/\(2026-03-01 09:30 UTC\)$/);
  });
});
