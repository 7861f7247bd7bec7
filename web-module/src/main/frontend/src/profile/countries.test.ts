import { describe, expect, it } from 'vitest';
import { countryName } from './countries';

describe('countryName', () => {
  it('names the countries of the demo users from their alpha-3 codes', () => {
    expect(countryName('GBR')).toBe('United Kingdom');
    expect(countryName('KEN')).toBe('Kenya');
    expect(countryName('MYS')).toBe('Malaysia');
    expect(countryName('IND')).toBe('India');
    expect(countryName('CAN')).toBe('Canada');
    expect(countryName('CHE')).toBe('Switzerland');
  });

  it('knows codes whose alpha-2 differs from their first letters', () => {
    expect(countryName('DEU')).toBe('Germany');
    expect(countryName('CHN')).toBe('China');
    expect(countryName('ZAF')).toBe('South Africa');
    expect(countryName('XKX')).toBe('Kosovo');
  });

  it('has nothing for unknown codes, alpha-2 codes or other input', () => {
    for (const code of ['ZZZ', 'GB', 'gbr', '', 'ALL', 'constructor', 'toString']) {
      expect(countryName(code), code).toBeUndefined();
    }
  });
});
