import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import { CURRENCY_CODES } from '../tables/currencies.js';
import { formatMinorUnits, toMinorUnits } from './money.js';
import {
  accepted,
  expectFastPathAgrees,
  expectRejectedAt,
  type RejectAtRow,
  show,
  valueRows,
} from './scalar-assertions.fixture.js';

// ---------------------------------------------------------------------------------------------
// Money.

const SAFE = Number.MAX_SAFE_INTEGER;

const MONEY_ACCEPT: readonly unknown[] = [
  { amount: 1234, currency: 'USD' },
  { amount: 0, currency: 'JPY' },
  { amount: -0, currency: 'EUR' },
  { amount: 1, currency: 'KWD' },
  { amount: SAFE, currency: 'USD' },
  { currency: 'ISK', amount: 5 },
  JSON.parse('{"currency":"CHF","amount":990}'),
  Object.assign(Object.create(null) as object, { amount: 42, currency: 'GBP' }),
];

const MONEY_REJECT: readonly RejectAtRow[] = [
  [null, 'invalid_type', []],
  [undefined, 'invalid_type', []],
  [1234, 'invalid_type', []],
  ['1234', 'invalid_type', []],
  ['12.34 USD', 'invalid_type', []],
  ['', 'invalid_type', []],
  [true, 'invalid_type', []],
  [[], 'invalid_type', []],
  [[1234, 'USD'], 'invalid_type', []],
  [{}, 'required', ['currency']],
  [{ amount: 1234 }, 'required', ['currency']],
  [{ amount: 1234, currency: undefined }, 'required', ['currency']],
  [{ currency: 'USD' }, 'required', ['amount']],
  [{ amount: undefined, currency: 'USD' }, 'required', ['amount']],
  [{ amount: 12.34, currency: 'USD' }, 'not_integer', ['amount']],
  [{ amount: 0.1, currency: 'USD' }, 'not_integer', ['amount']],
  [{ amount: 1234.5, currency: 'JPY' }, 'not_integer', ['amount']],
  [{ amount: Number.MIN_VALUE, currency: 'USD' }, 'not_integer', ['amount']],
  [{ amount: Number.NaN, currency: 'USD' }, 'not_finite', ['amount']],
  [{ amount: Infinity, currency: 'USD' }, 'not_finite', ['amount']],
  [{ amount: -Infinity, currency: 'USD' }, 'not_finite', ['amount']],
  [JSON.parse('{"amount":1e400,"currency":"USD"}'), 'not_finite', ['amount']],
  [{ amount: '1234', currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: '', currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: null, currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: true, currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: 1234n, currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: [1234], currency: 'USD' }, 'invalid_type', ['amount']],
  [{ amount: -1, currency: 'USD' }, 'too_small', ['amount']],
  [{ amount: -SAFE, currency: 'USD' }, 'too_small', ['amount']],
  [{ amount: -SAFE - 1, currency: 'USD' }, 'too_small', ['amount']],
  [{ amount: SAFE + 1, currency: 'USD' }, 'too_big', ['amount']],
  [{ amount: 1e21, currency: 'USD' }, 'too_big', ['amount']],
  [{ amount: 1, currency: 'usd' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: 'XXX' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: 'ABC' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: '' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: ' USD' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: 'US' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: null }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: 840 }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: '__proto__' }, 'invalid_enum', ['currency']],
  [{ amount: 1, currency: 'USD', note: 'x' }, 'unknown_key', ['note']],
  [{ amount: 1, currency: 'USD', Amount: 1 }, 'unknown_key', ['Amount']],
  [{ amount: 1.5, currency: 'usd', extra: true }, 'unknown_key', ['extra']],
  [JSON.parse('{"amount":1,"currency":"USD","__proto__":{"amount":2}}'), 'unknown_key', ['__proto__']],
  [JSON.parse('{"amount":1,"currency":"USD","constructor":{}}'), 'unknown_key', ['constructor']],
  // Inherited properties do not count, like missing model fields.
  [Object.create({ amount: 1, currency: 'USD' }), 'required', ['currency']],
  [Object.assign(Object.create({ currency: 'USD' }) as object, { amount: 1 }), 'required', ['currency']],
  [Object.assign(Object.create({ amount: 1 }) as object, { currency: 'USD' }), 'required', ['amount']],
];

describe('Money', () => {
  const scalar = ScalarTypeEnum.Money();

  it.each(valueRows(MONEY_ACCEPT))('accepts %s as a fresh plain object', (_, value) => {
    const input = value as { amount: number; currency: string };
    const money = accepted(scalar, value);
    expect(money).toEqual({ amount: input.amount + 0, currency: input.currency });
    expect(money).not.toBe(value);
    expect(Object.getPrototypeOf(money)).toBe(Object.prototype);
    expect(Object.keys(money).sort()).toEqual(['amount', 'currency']);
    expect(Object.is(money.amount, -0)).toBe(false);
  });

  it.each(
    MONEY_REJECT.map(
      ([value, code, at]) => [`${show(value)} ${JSON.stringify(at)} -> ${code}`, value, code, at] as const,
    ),
  )('rejects %s', (_, value, code, at) => {
    expectRejectedAt(scalar, value, code, at, { pathlessAtRoot: true });
  });

  it('has no fast path, or one that agrees with check', () => {
    expectFastPathAgrees(scalar, [...MONEY_ACCEPT, ...MONEY_REJECT.map(([v]) => v)]);
  });

  it('Object.prototype is unchanged after validating hostile values', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    scalar.validate(JSON.parse('{"amount":1,"currency":"USD","__proto__":{"polluted":true}}'));
    scalar.def.encode?.(JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('encode returns a fresh { amount, currency } and rejects what validate rejects', () => {
    const encode = scalar.def.encode;
    const input = { amount: -0, currency: 'USD' };
    const encoded = encode?.(input) as { value: { amount: number } };
    expect(encoded).toEqual({ value: { amount: 0, currency: 'USD' } });
    expect(encoded.value).not.toBe(input);
    expect(Object.is(encoded.value.amount, -0)).toBe(false);
    expect(encode?.({ amount: 1.5, currency: 'USD' })).toMatchObject({
      code: 'not_integer',
      path: ['amount'],
    });
    expect(encode?.('12.34')).toMatchObject({ code: 'invalid_type' });
  });

  it.each([
    [
      'Money({ min: -500 })',
      ScalarTypeEnum.Money({ min: -500 }),
      [-500, 0, 500],
      [
        [-501, 'too_small'],
        [-SAFE, 'too_small'],
      ],
    ],
    [
      'Money({ max: 100 })',
      ScalarTypeEnum.Money({ max: 100 }),
      [0, 100],
      [
        [101, 'too_big'],
        [-1, 'too_small'],
      ],
    ],
    [
      'Money({ min: 100, max: 100 })',
      ScalarTypeEnum.Money({ min: 100, max: 100 }),
      [100],
      [
        [99, 'too_small'],
        [101, 'too_big'],
      ],
    ],
    [
      'Money({ min: -SAFE })',
      ScalarTypeEnum.Money({ min: -SAFE }),
      [-SAFE, SAFE],
      [
        [-SAFE - 1, 'too_small'],
        [SAFE + 1, 'too_big'],
      ],
    ],
  ] as const)('%s', (_, money, accept, reject) => {
    for (const amount of accept)
      expect(money.validate({ amount, currency: 'USD' }).ok, String(amount)).toBe(true);
    for (const [amount, code] of reject) {
      expect(money.def.check({ amount, currency: 'USD' })).toMatchObject({ code, path: ['amount'] });
    }
  });

  it.each([
    ['min: 1.5', { min: 1.5 }],
    ['min: NaN', { min: Number.NaN }],
    ['max: Infinity', { max: Infinity }],
    ['max: 2^53', { max: SAFE + 1 }],
    ['min: -2^53', { min: -SAFE - 1 }],
    ['min > max', { min: 10, max: 5 }],
    ['max below the default min 0', { max: -1 }],
  ])('%s throws a TypeError at definition', (_, options) => {
    expect(() => ScalarTypeEnum.Money(options)).toThrow(TypeError);
  });

  it('describes itself and refers to the currency table', () => {
    expect(scalar.def.jsonSchema).toMatchObject({
      type: 'object',
      required: ['amount', 'currency'],
      additionalProperties: false,
    });
    expect(scalar.def.defs).toHaveProperty('CurrencyCode');
    expect(ScalarTypeEnum.Money({ description: 'Price' }).def.description).toBe('Price');
  });
});

// ---------------------------------------------------------------------------------------------
// toMinorUnits / formatMinorUnits.

describe('toMinorUnits', () => {
  it.each([
    ['12.34', 'USD', 1234],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1234],
    ['1.2', 'KWD', 1200],
    ['0.001', 'BHD', 1],
    ['0', 'USD', 0],
    ['0.05', 'USD', 5],
    ['0.5', 'USD', 50],
    ['12', 'USD', 1200],
    ['12.3', 'USD', 1230],
    ['1.50', 'USD', 150],
    ['-12.34', 'USD', -1234],
    ['-1', 'JPY', -1],
    ['007', 'USD', 700],
    ['-0', 'USD', 0],
    ['-0.00', 'USD', 0],
    ['90071992547409.91', 'USD', SAFE],
    ['-90071992547409.91', 'USD', -SAFE],
    ['9007199254740991', 'JPY', SAFE],
    ['9007199254740.991', 'KWD', SAFE],
    [12.34, 'USD', 1234],
    [0.1, 'USD', 10],
    [500, 'JPY', 500],
    [-0, 'USD', 0],
    [-7.5, 'EUR', -750],
  ] as const)('toMinorUnits(%j, %s) === %i', (major, currency, minor) => {
    const result = toMinorUnits(major, currency);
    expect(result).toBe(minor);
    expect(Object.is(result, -0)).toBe(false);
  });

  it.each([
    ['1.5', 'JPY'],
    ['1.0', 'JPY'],
    ['12.345', 'USD'],
    ['1.2345', 'KWD'],
    ['12.34', 'usd'],
    ['12.34', 'XXX'],
    ['12.34', 'ABC'],
    ['12.34', ''],
    ['', 'USD'],
    [' 12.34', 'USD'],
    ['12.34 ', 'USD'],
    ['+12.34', 'USD'],
    ['12.', 'USD'],
    ['.5', 'USD'],
    ['-', 'USD'],
    ['--1', 'USD'],
    ['1e3', 'USD'],
    ['1,000.00', 'USD'],
    ['12,34', 'USD'],
    ['NaN', 'USD'],
    ['Infinity', 'USD'],
    ['١٢', 'USD'],
    ['１２', 'USD'],
    ['90071992547409.92', 'USD'],
    ['9007199254740992', 'JPY'],
    ['12345678901234567', 'JPY'],
    [Number.NaN, 'USD'],
    [Infinity, 'USD'],
    [1e21, 'USD'],
    [0.1 + 0.2, 'USD'],
    [1e-7, 'USD'],
    [1.5, 'JPY'],
    [1.005, 'USD'],
  ] as const)('toMinorUnits(%s, %j) throws a RangeError', (major, currency) => {
    expect(() => toMinorUnits(major, currency)).toThrow(RangeError);
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [5, 'USD', '0.05'],
    [-1234, 'KWD', '-1.234'],
    [1234, 'USD', '12.34'],
    [1234, 'KWD', '1.234'],
    [1234, 'JPY', '1234'],
    [0, 'USD', '0.00'],
    [-0, 'USD', '0.00'],
    [0, 'JPY', '0'],
    [-5, 'USD', '-0.05'],
    [100, 'USD', '1.00'],
    [1, 'KWD', '0.001'],
    [SAFE, 'USD', '90071992547409.91'],
    [-SAFE, 'JPY', '-9007199254740991'],
  ] as const)('formatMinorUnits(%i, %s) === %j', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });

  it.each([
    [1.5, 'USD'],
    [Number.NaN, 'USD'],
    [Infinity, 'USD'],
    [SAFE + 1, 'USD'],
    [1, 'usd'],
    [1, 'XXX'],
    [1, ''],
  ] as const)('formatMinorUnits(%s, %j) throws a RangeError', (minor, currency) => {
    expect(() => formatMinorUnits(minor, currency)).toThrow(RangeError);
  });
});

describe('minor units round-trip', () => {
  it.each(['USD', 'JPY', 'KWD', 'EUR', 'BHD', 'CLP', 'ISK', 'HUF'])(
    'toMinorUnits(formatMinorUnits(n, %s)) === n for any safe integer',
    (currency) => {
      fc.assert(
        fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 })), (minor) => {
          const text = formatMinorUnits(minor, currency);
          expect(toMinorUnits(text, currency)).toBe(minor + 0);
        }),
      );
    },
  );

  it('holds for every currency in the table at the edges', () => {
    for (const currency of CURRENCY_CODES) {
      for (const minor of [0, 1, -1, 999, 1000, -1001, SAFE, -SAFE]) {
        expect(toMinorUnits(formatMinorUnits(minor, currency), currency), `${currency} ${minor}`).toBe(minor);
      }
    }
  });

  it('formatting a parsed decimal gives back the decimal, padded to the exponent', () => {
    expect(formatMinorUnits(toMinorUnits('12.3', 'USD'), 'USD')).toBe('12.30');
    expect(formatMinorUnits(toMinorUnits('-0.5', 'KWD'), 'KWD')).toBe('-0.500');
    expect(formatMinorUnits(toMinorUnits('007', 'JPY'), 'JPY')).toBe('7');
  });
});
