import { describe, expect, it } from 'vitest';
import { currencyDecimals, formatAmount, MAX_AMOUNT, parseAmount, parseCurrency } from './currencies.js';
import { StripeApiError } from './errors.js';

function errorOf(run: () => unknown): StripeApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof StripeApiError) return error;
  }
  throw new Error('expected a StripeApiError');
}

describe('currencies and amounts', () => {
  it('knows zero- and three-decimal currencies', () => {
    expect(currencyDecimals('jpy')).toBe(0);
    expect(currencyDecimals('krw')).toBe(0);
    expect(currencyDecimals('kwd')).toBe(3);
    expect(currencyDecimals('usd')).toBe(2);
    expect(formatAmount(500, 'jpy')).toBe('500 JPY');
    expect(formatAmount(1999, 'eur')).toBe('19.99 EUR');
  });

  it('normalizes supported currencies and rejects unknown ones on param currency', () => {
    expect(parseCurrency('EUR')).toBe('eur');
    const error = errorOf(() => parseCurrency('xyz'));
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({
      type: 'invalid_request_error',
      param: 'currency',
      code: 'invalid_currency',
    });
    expect(errorOf(() => parseCurrency(undefined)).body).toMatchObject({ code: 'parameter_missing' });
  });

  it('accepts integer amounts from 1 to 99,999,999', () => {
    expect(parseAmount('1')).toBe(1);
    expect(parseAmount(String(MAX_AMOUNT))).toBe(MAX_AMOUNT);
    expect(errorOf(() => parseAmount('0')).body).toMatchObject({ param: 'amount' });
    expect(errorOf(() => parseAmount('-5')).body).toMatchObject({ param: 'amount' });
    expect(errorOf(() => parseAmount('10.5')).body).toMatchObject({ code: 'parameter_invalid_integer' });
    expect(errorOf(() => parseAmount(String(MAX_AMOUNT + 1))).body).toMatchObject({
      code: 'amount_too_large',
    });
  });
});
