import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, isCountryCode } from './countries.js';

describe('country table', () => {
  it.each(['US', 'GB', 'DE', 'JP', 'AX', 'SS', 'BQ', 'CW', 'SX', 'AQ', 'UM'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each([
    'UK',
    'XK',
    'EU',
    'AN',
    'YU',
    'us',
    'Us',
    'ZZ',
    'USA',
    'U',
    '',
    ' US',
    '__proto__',
    'constructor',
    'toString',
  ])('rejects %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });

  it('has exactly 249 codes', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
  });

  it('is sorted and has no duplicates', () => {
    const sorted = [...COUNTRY_CODES].sort();
    expect(COUNTRY_CODES).toEqual(sorted);
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
  });

  it('holds only two uppercase letters per code', () => {
    for (const code of COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(isCountryCode(code)).toBe(true);
    }
  });

  it('cannot be changed through the exported list', () => {
    expect(Object.isFrozen(COUNTRY_CODES)).toBe(true);
  });
});
