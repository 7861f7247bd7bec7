import { describe, expect, it } from 'vitest';
import { formatMarking, markingClassName } from './marking';

describe('formatMarking', () => {
  it('sorts the countries and joins them with ", "', () => {
    expect(formatMarking({ classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR'] })).toBe(
      'CONFIDENTIAL//REL TO GBR, KEN',
    );
    expect(formatMarking({ classification: 'SECRET', releasableTo: ['MYS', 'CAN', 'IND', 'GBR'] })).toBe(
      'SECRET//REL TO CAN, GBR, IND, MYS',
    );
  });

  it('renders just the classification when releasable to ALL', () => {
    expect(formatMarking({ classification: 'CONFIDENTIAL', releasableTo: ['ALL'] })).toBe('CONFIDENTIAL');
    expect(formatMarking({ classification: 'UNCLASSIFIED', releasableTo: ['ALL'] })).toBe('UNCLASSIFIED');
  });

  it('treats ALL alongside countries as ALL', () => {
    expect(formatMarking({ classification: 'RESTRICTED', releasableTo: ['GBR', 'ALL'] })).toBe('RESTRICTED');
  });

  it('renders a single country', () => {
    expect(formatMarking({ classification: 'TOP_SECRET', releasableTo: ['IND'] })).toBe('TOP_SECRET//REL TO IND');
  });

  it('drops duplicate countries', () => {
    expect(formatMarking({ classification: 'SECRET', releasableTo: ['KEN', 'GBR', 'KEN'] })).toBe(
      'SECRET//REL TO GBR, KEN',
    );
  });

  it('sorts by code unit like the server, not by locale', () => {
    expect(formatMarking({ classification: 'SECRET', releasableTo: ['gbr', 'KEN'] })).toBe(
      'SECRET//REL TO KEN, gbr',
    );
  });

  it('does not mutate the label it is given', () => {
    const releasableTo = ['KEN', 'GBR'];
    formatMarking({ classification: 'SECRET', releasableTo });
    expect(releasableTo).toEqual(['KEN', 'GBR']);
  });

  it('never makes an empty list look releasable to all', () => {
    expect(formatMarking({ classification: 'SECRET', releasableTo: [] })).toBe('SECRET//REL TO NONE');
  });
});

describe('markingClassName', () => {
  it('gives each level its own modifier', () => {
    expect(markingClassName('UNCLASSIFIED')).toBe('marking--unclassified');
    expect(markingClassName('RESTRICTED')).toBe('marking--restricted');
    expect(markingClassName('CONFIDENTIAL')).toBe('marking--confidential');
    expect(markingClassName('SECRET')).toBe('marking--secret');
    expect(markingClassName('TOP_SECRET')).toBe('marking--top-secret');
  });

  it('falls back to a neutral look for unknown values', () => {
    expect(markingClassName('COSMIC')).toBe('marking--unknown');
  });
});
