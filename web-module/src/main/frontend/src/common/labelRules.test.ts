import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, type Classification, type Label } from '../api/types';
import {
  pageLabel,
  assignableClassifications,
  canAssignAny,
  defaultLabel,
  dominates,
  labelProblems,
  mayAssign,
  mayRead,
  normalizeCountries,
  OPEN_FLOOR,
  releasabilityChoices,
} from './labelRules';

const label = (classification: Classification, ...releasableTo: string[]): Label => ({
  classification,
  releasableTo: releasableTo.length > 0 ? releasableTo : ['ALL'],
});

const ALICE = { clearance: 'SECRET', country: 'GBR' } as const; // GBR SECRET
const CHEN = { clearance: 'RESTRICTED', country: 'MYS' } as const; // MYS RESTRICTED

describe('dominates', () => {
  it.each<[string, Label, Label, boolean]>([
    ['same label', label('SECRET', 'GBR'), label('SECRET', 'GBR'), true],
    ['higher classification, same countries', label('SECRET'), label('RESTRICTED'), true],
    ['lower classification', label('RESTRICTED'), label('SECRET'), false],
    ['countries under ALL', label('SECRET', 'GBR', 'KEN'), label('SECRET'), true],
    ['ALL is not under a list', label('SECRET'), label('SECRET', 'GBR'), false],
    ['subset of countries', label('SECRET', 'GBR'), label('SECRET', 'GBR', 'KEN'), true],
    ['superset of countries', label('SECRET', 'GBR', 'KEN', 'MYS'), label('SECRET', 'GBR', 'KEN'), false],
    ['disjoint countries', label('TOP_SECRET', 'IND'), label('SECRET', 'GBR'), false],
    ['sideways: higher and wider', label('TOP_SECRET'), label('SECRET', 'GBR'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(dominates(a, b)).toBe(expected);
  });

  it('is reflexive and antisymmetric on every level pair', () => {
    for (const a of CLASSIFICATIONS) {
      for (const b of CLASSIFICATIONS) {
        const ab = dominates(label(a), label(b));
        const ba = dominates(label(b), label(a));
        if (a === b) expect(ab && ba).toBe(true);
        else expect(ab).not.toBe(ba);
      }
    }
  });
});

describe('mayRead (R1 for one label)', () => {
  it('needs clearance and country', () => {
    expect(mayRead(ALICE, label('SECRET'))).toBe(true);
    expect(mayRead(ALICE, label('TOP_SECRET'))).toBe(false);
    expect(mayRead(ALICE, label('RESTRICTED', 'GBR', 'KEN'))).toBe(true);
    expect(mayRead(ALICE, label('RESTRICTED', 'KEN'))).toBe(false);
  });
});

describe('assignableClassifications', () => {
  it('runs from the floor to the clearance', () => {
    expect(assignableClassifications(ALICE, OPEN_FLOOR)).toEqual(['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET']);
    expect(assignableClassifications(ALICE, label('CONFIDENTIAL'))).toEqual(['CONFIDENTIAL', 'SECRET']);
    expect(assignableClassifications(CHEN, OPEN_FLOOR)).toEqual(['UNCLASSIFIED', 'RESTRICTED']);
    expect(assignableClassifications(CHEN, label('SECRET'))).toEqual([]);
    expect(assignableClassifications({ clearance: 'TOP_SECRET', country: 'IND' }, label('TOP_SECRET'))).toEqual(['TOP_SECRET']);
  });
});

describe('releasabilityChoices', () => {
  it('offers ALL and any country under a floor released to all', () => {
    expect(releasabilityChoices(OPEN_FLOOR)).toEqual({ allowAll: true, countries: 'any' });
  });

  it('offers only the floor’s countries under a floor with a list', () => {
    expect(releasabilityChoices(label('SECRET', 'KEN', 'GBR'))).toEqual({ allowAll: false, countries: ['GBR', 'KEN'] });
  });
});

describe('labelProblems / mayAssign (W1 containment, W2 no write-up blindness)', () => {
  it.each<[string, Label, Label, boolean]>([
    ['the floor itself', OPEN_FLOOR, OPEN_FLOOR, true],
    ['up to the clearance', label('SECRET'), OPEN_FLOOR, true],
    ['above the clearance', label('TOP_SECRET'), OPEN_FLOOR, false],
    ['below the floor', label('RESTRICTED'), label('CONFIDENTIAL'), false],
    ['own country only under ALL', label('CONFIDENTIAL', 'GBR'), OPEN_FLOOR, true],
    ['own country and others under ALL', label('CONFIDENTIAL', 'GBR', 'KEN', 'MYS'), OPEN_FLOOR, true],
    ['others without own country', label('CONFIDENTIAL', 'KEN'), OPEN_FLOOR, false],
    ['ALL under a list floor', label('SECRET'), label('SECRET', 'GBR', 'KEN'), false],
    ['subset with own country', label('SECRET', 'GBR'), label('SECRET', 'GBR', 'KEN'), true],
    ['the whole list', label('SECRET', 'GBR', 'KEN'), label('SECRET', 'GBR', 'KEN'), true],
    ['adding a country to a list floor', label('SECRET', 'GBR', 'KEN', 'IND'), label('SECRET', 'GBR', 'KEN'), false],
    ['subset without own country', label('SECRET', 'KEN'), label('SECRET', 'GBR', 'KEN'), false],
    ['empty list', { classification: 'SECRET', releasableTo: [] }, OPEN_FLOOR, false],
  ])('%s', (_name, chosen, floor, expected) => {
    expect(mayAssign(chosen, ALICE, floor)).toBe(expected);
  });

  it('names the field at fault, with the server’s field names', () => {
    expect(labelProblems(label('TOP_SECRET', 'KEN'), ALICE, OPEN_FLOOR)).toEqual({
      classification: 'TOP_SECRET is above your clearance (SECRET).',
      releasableTo: 'Must include your own country (GBR), or you could not read it yourself.',
    });
    expect(labelProblems(label('RESTRICTED'), ALICE, label('CONFIDENTIAL')).classification).toMatch(/at least CONFIDENTIAL/);
    expect(labelProblems(label('SECRET', 'GBR', 'IND'), ALICE, label('SECRET', 'GBR')).releasableTo).toMatch(/Cannot add IND/);
    expect(labelProblems(label('SECRET'), ALICE, label('SECRET')) ).toEqual({});
  });

  it('every label it allows dominates the floor and is readable by the chooser (exhaustive over a small world)', () => {
    const countrySets = [['ALL'], ['GBR'], ['KEN'], ['GBR', 'KEN'], ['GBR', 'KEN', 'MYS'], ['KEN', 'MYS']];
    const people = [ALICE, CHEN, { clearance: 'TOP_SECRET', country: 'KEN' } as const];
    for (const who of people) {
      for (const fc of CLASSIFICATIONS) {
        for (const fr of countrySets) {
          const floor = label(fc, ...fr);
          for (const c of CLASSIFICATIONS) {
            for (const r of countrySets) {
              const chosen = label(c, ...r);
              const expected = dominates(chosen, floor) && mayRead(who, chosen);
              expect(mayAssign(chosen, who, floor), `${who.country} ${c}/${r} under ${fc}/${fr}`).toBe(expected);
            }
          }
        }
      }
    }
  });
});

describe('defaults', () => {
  it('starts at the floor, normalized', () => {
    expect(defaultLabel(label('CONFIDENTIAL', 'KEN', 'GBR'))).toEqual(label('CONFIDENTIAL', 'GBR', 'KEN'));
    expect(normalizeCountries(['gbr', 'KEN', 'GBR'])).toEqual(['GBR', 'KEN']);
    expect(normalizeCountries(['GBR', 'ALL'])).toEqual(['ALL']);
  });

  it('says when nothing may be assigned', () => {
    expect(canAssignAny(CHEN, label('SECRET'))).toBe(false);
    expect(canAssignAny(ALICE, label('SECRET', 'KEN'))).toBe(false);
    expect(canAssignAny(ALICE, label('SECRET', 'KEN', 'GBR'))).toBe(true);
  });
});

describe('pageLabel', () => {
  it('takes the highest classification and the common countries', () => {
    expect(
      pageLabel([
        { classification: 'UNCLASSIFIED', releasableTo: ['ALL'] },
        { classification: 'CONFIDENTIAL', releasableTo: ['KEN', 'GBR'] },
        { classification: 'RESTRICTED', releasableTo: ['GBR', 'MYS'] },
      ]),
    ).toEqual({ classification: 'CONFIDENTIAL', releasableTo: ['GBR'] });
  });

  it('stays releasable to all when everything is', () => {
    expect(pageLabel([{ classification: 'SECRET', releasableTo: ['ALL'] }])).toEqual({
      classification: 'SECRET',
      releasableTo: ['ALL'],
    });
  });
});
