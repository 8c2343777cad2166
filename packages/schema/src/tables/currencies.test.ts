import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyExponent, isCurrencyCode } from './currencies.js';

describe('currency table', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['ISK', 2],
    ['HUF', 2],
    ['CLP', 0],
    ['KRW', 0],
    ['UGX', 0],
    ['MGA', 0],
    ['TWD', 2],
    ['IQD', 3],
  ] as const)('%s has %i decimals', (code, exponent) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyExponent(code)).toBe(exponent);
  });

  it.each([
    'ABC',
    'XXX',
    'XAU',
    'XAG',
    'XPD',
    'XPT',
    'XTS',
    'XDR',
    'XSU',
    'XUA',
    'HRK',
    'ZWL',
    '',
    'usd',
    'Usd',
    'US',
    'USDD',
    ' USD',
    'USD ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ])('rejects %j', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(currencyExponent(code)).toBeUndefined();
  });

  it('has a plausible number of codes', () => {
    expect(CURRENCY_CODES.length).toBeGreaterThanOrEqual(150);
    expect(CURRENCY_CODES.length).toBeLessThanOrEqual(185);
  });

  it('is sorted and has no duplicates', () => {
    const sorted = [...CURRENCY_CODES].sort();
    expect(CURRENCY_CODES).toEqual(sorted);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it('holds only three uppercase letters per code, each with a known exponent', () => {
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(isCurrencyCode(code)).toBe(true);
      expect([0, 2, 3]).toContain(currencyExponent(code));
    }
  });

  it('cannot be changed through the exported list', () => {
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });
});
