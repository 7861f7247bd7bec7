import { describe, expect, it } from 'vitest';
import { formatUserSummary, initials } from './userSummary';

describe('formatUserSummary', () => {
  it('joins country and clearance with a spaced middle dot', () => {
    expect(formatUserSummary({ country: 'GBR', clearance: 'SECRET' })).toBe('GBR · SECRET');
    expect(formatUserSummary({ country: 'GBR', clearance: 'SECRET' })).toBe('GBR \u00b7 SECRET');
    expect(formatUserSummary({ country: 'IND', clearance: 'TOP_SECRET' })).toBe('IND · TOP_SECRET');
  });
});

describe('initials', () => {
  it('takes up to two initials of the display name', () => {
    expect(initials({ displayName: 'Alice Moderator', username: 'alice' })).toBe('AM');
    expect(initials({ displayName: 'Bashir', username: 'bashir' })).toBe('B');
    expect(initials({ displayName: 'Chen Wei Ling', username: 'chen' })).toBe('CW');
  });

  it('falls back to the username', () => {
    expect(initials({ displayName: '  ', username: 'eve' })).toBe('E');
  });
});
