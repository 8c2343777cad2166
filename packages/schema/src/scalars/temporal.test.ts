import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import {
  accepted,
  allAs,
  expectAccepted,
  expectFastPathAgrees,
  expectFastPathAgreesOnGenerated,
  expectRejected,
  type RejectRow,
  rows,
  type ScalarCase,
  valueRows,
} from './scalar-assertions.fixture.js';

// ---------------------------------------------------------------------------------------------
// Tables.

/** Values that are not strings: every temporal scalar answers invalid_type. */
const NOT_STRINGS: readonly unknown[] = [
  null,
  undefined,
  0,
  1_709_208_000_000,
  Number.NaN,
  true,
  [],
  ['2024-02-29'],
  {},
  new Date(0),
  new String('2024-02-29'),
  () => '2024-02-29',
];

/** Whitespace-only and other odd strings: never a date or time. */
const ODD_STRINGS: readonly string[] = [
  ' ',
  '\t\n',
  '\u00a0',
  '\u2028',
  '😀',
  '漢字',
  'e\u0301',
  '\uD800',
  'a\uDC00b',
];

const DATE_ACCEPT: readonly string[] = [
  '2024-02-29',
  '2000-02-29',
  '2400-02-29',
  '1600-02-29',
  '0000-02-29',
  '2023-02-28',
  '2024-01-31',
  '2024-03-31',
  '2024-04-30',
  '2024-12-31',
  '1970-01-01',
  '0001-01-01',
  '9999-12-31',
];

const DATE_REJECT: readonly RejectRow[] = [
  ['2023-02-29', 'invalid_format'],
  ['1900-02-29', 'invalid_format'],
  ['2100-02-29', 'invalid_format'],
  ['2024-02-30', 'invalid_format'],
  ['2024-13-01', 'invalid_format'],
  ['2024-00-10', 'invalid_format'],
  ['2024-01-00', 'invalid_format'],
  ['2024-01-32', 'invalid_format'],
  ['2024-04-31', 'invalid_format'],
  ['2024-06-31', 'invalid_format'],
  ['2024-09-31', 'invalid_format'],
  ['2024-11-31', 'invalid_format'],
  ['2024-1-01', 'invalid_format'],
  ['2024-01-1', 'invalid_format'],
  ['24-01-01', 'invalid_format'],
  ['2024/01/01', 'invalid_format'],
  ['20240101', 'invalid_format'],
  ['01-02-2024', 'invalid_format'],
  ['２０２４-01-01', 'invalid_format'],
  ['', 'invalid_format'],
  ['2024-01-01T00:00:00Z', 'too_big'],
  [' 2024-01-01', 'too_big'],
  ['2024-01-01 ', 'too_big'],
  ['2024-01-01\n', 'too_big'],
  ['+002024-01-01', 'too_big'],
  ...allAs(ODD_STRINGS, 'invalid_format'),
];

const TIME_ACCEPT: readonly string[] = [
  '00:00',
  '12:30',
  '23:59',
  '00:00:00',
  '23:59:59',
  '12:30:45.1',
  '12:30:45.123',
  '12:30:45.123456789',
];

const TIME_REJECT: readonly RejectRow[] = [
  ['24:00', 'invalid_format'],
  ['24:00:00', 'invalid_format'],
  ['12:60', 'invalid_format'],
  ['12:00:60', 'invalid_format'],
  ['23:59:60', 'invalid_format'],
  ['1:00', 'invalid_format'],
  ['12:5', 'invalid_format'],
  ['12', 'invalid_format'],
  ['1200', 'invalid_format'],
  ['12:00:00Z', 'invalid_format'],
  ['12:00:00+01:00', 'invalid_format'],
  ['12:00:00.', 'invalid_format'],
  ['12:00:00,5', 'invalid_format'],
  ['12h30', 'invalid_format'],
  ['12-00', 'invalid_format'],
  ['T12:00', 'invalid_format'],
  ['12:00 ', 'invalid_format'],
  ['１２:00', 'invalid_format'],
  ['', 'invalid_format'],
  ['12:00:00.1234567890', 'too_big'],
  ['12:00:00.123456789Z', 'too_big'],
  ...allAs(ODD_STRINGS, 'invalid_format'),
];

/** Accepted date-times and the epoch milliseconds they decode to. */
const DATE_TIME_ACCEPT: readonly (readonly [string, number])[] = [
  ['2026-11-27T09:30:00Z', Date.UTC(2026, 10, 27, 9, 30)],
  ['1970-01-01T00:00:00Z', 0],
  ['1970-01-01T00:00:00+00:00', 0],
  ['1970-01-01T00:00:00-00:00', 0],
  ['1969-12-31T23:59:59.999Z', -1],
  ['2024-02-29T12:00:00+05:30', Date.UTC(2024, 1, 29, 6, 30)],
  ['2024-02-29T12:00:00-08:00', Date.UTC(2024, 1, 29, 20, 0)],
  ['2024-03-10T10:00:00.000000001+05:45', Date.UTC(2024, 2, 10, 4, 15)],
  ['2024-12-31T23:30:00-01:00', Date.UTC(2025, 0, 1, 0, 30)],
  ['2025-01-01T00:15:00+01:00', Date.UTC(2024, 11, 31, 23, 15)],
  ['2000-02-29T23:59:59+23:59', Date.UTC(2000, 1, 29, 0, 0, 59)],
  ['2024-03-10T10:00:00.5Z', Date.UTC(2024, 2, 10, 10, 0, 0, 500)],
  ['2024-03-10T10:00:00.12Z', Date.UTC(2024, 2, 10, 10, 0, 0, 120)],
  ['2024-03-10T10:00:00.123Z', Date.UTC(2024, 2, 10, 10, 0, 0, 123)],
  ['2024-03-10T10:00:00.1239Z', Date.UTC(2024, 2, 10, 10, 0, 0, 123)],
  ['2024-03-10T10:00:00.123456789Z', Date.UTC(2024, 2, 10, 10, 0, 0, 123)],
  ['2024-03-10T10:00:00.999999999Z', Date.UTC(2024, 2, 10, 10, 0, 0, 999)],
  ['0001-01-01T00:00:00Z', -62_135_596_800_000],
  ['0000-01-01T00:00:00Z', -62_167_219_200_000],
  ['0050-06-15T12:00:00Z', -60_574_996_800_000],
  ['9999-12-31T23:59:59.999Z', 253_402_300_799_999],
];

const DATE_TIME_REJECT: readonly RejectRow[] = [
  ['2024-02-29T12:00', 'invalid_format'],
  ['2024-02-29T12:00:00', 'invalid_format'],
  ['2024-02-29T12:00Z', 'invalid_format'],
  ['2024-02-29T12:00+01:00', 'invalid_format'],
  ['2024-02-29 12:00:00Z', 'invalid_format'],
  ['2024-02-29t12:00:00Z', 'invalid_format'],
  ['2024-02-29T12:00:00z', 'invalid_format'],
  ['2023-02-29T12:00:00Z', 'invalid_format'],
  ['1900-02-29T12:00:00Z', 'invalid_format'],
  ['2024-04-31T12:00:00Z', 'invalid_format'],
  ['2024-13-01T12:00:00Z', 'invalid_format'],
  ['2024-02-29T24:00:00Z', 'invalid_format'],
  ['2024-02-29T12:60:00Z', 'invalid_format'],
  ['2024-02-29T12:00:60Z', 'invalid_format'],
  ['2024-02-29T12:00:00+0530', 'invalid_format'],
  ['2024-02-29T12:00:00+05', 'invalid_format'],
  ['2024-02-29T12:00:00+24:00', 'invalid_format'],
  ['2024-02-29T12:00:00+05:60', 'invalid_format'],
  ['2024-02-29T12:00:00 +05:00', 'invalid_format'],
  ['2024-02-29T12:00:00.Z', 'invalid_format'],
  ['2024-02-29T12:00:00.1234567890Z', 'invalid_format'],
  ['2024-02-29T12:00:00ZZ', 'invalid_format'],
  ['2024-02-29T12:00:00Z ', 'invalid_format'],
  [' 2024-02-29T12:00:00Z', 'invalid_format'],
  ['2024-02-29T12:00:00Z\n', 'invalid_format'],
  ['+002024-02-29T12:00:00Z', 'invalid_format'],
  ['2024-W09-4T12:00:00Z', 'invalid_format'],
  ['2024-02-29', 'invalid_format'],
  ['Thu, 29 Feb 2024 12:00:00 GMT', 'invalid_format'],
  ['now', 'invalid_format'],
  ['', 'invalid_format'],
  [`2024-02-29T12:00:00.${'1'.repeat(60)}Z`, 'too_big'],
  ['x'.repeat(1_000_000), 'too_big'],
  ...allAs(ODD_STRINGS, 'invalid_format'),
];

const CASES: readonly ScalarCase<string>[] = [
  { name: 'Date', make: () => ScalarTypeEnum.Date(), accept: DATE_ACCEPT, reject: DATE_REJECT },
  { name: 'Time', make: () => ScalarTypeEnum.Time(), accept: TIME_ACCEPT, reject: TIME_REJECT },
  {
    name: 'DateTime',
    make: () => ScalarTypeEnum.DateTime(),
    accept: DATE_TIME_ACCEPT.map(([s]) => s),
    reject: DATE_TIME_REJECT,
  },
];

// ---------------------------------------------------------------------------------------------

describe.each(CASES)('$name', ({ name, make, accept, reject }) => {
  const scalar = make();

  it('has its name', () => {
    expect(scalar.name).toBe(name);
  });

  it.each(valueRows(accept))('accepts %s', (_, value) => {
    expect(scalar.def.check(value)).toBeUndefined();
    expect(scalar.validate(value).ok).toBe(true);
  });

  it.each(rows(reject))('rejects %s', (_, value, code) => {
    expectRejected(scalar, value, code);
  });

  it.each(valueRows(NOT_STRINGS))('rejects %s as invalid_type', (_, value) => {
    expectRejected(scalar, value, 'invalid_type');
  });

  it('rejects a 1,000,000-character string quickly', () => {
    expectRejected(scalar, '9'.repeat(1_000_000), 'too_big');
  });

  it('fast path never accepts what check rejects', () => {
    expectFastPathAgrees(scalar, [...accept, ...reject.map(([v]) => v), ...NOT_STRINGS]);
    expectFastPathAgreesOnGenerated(
      scalar,
      fc.oneof(
        fc.anything(),
        fc.string(),
        fc.stringMatching(/^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,10})?)?(Z|[+-]\d\d:\d\d)?)?$/),
        fc.stringMatching(/^\d\d:\d\d(:\d\d(\.\d{1,10})?)?$/),
      ),
    );
  });
});

describe('Date and Time decode to the same string', () => {
  it.each([...DATE_ACCEPT.map((v) => ['Date', v] as const), ...TIME_ACCEPT.map((v) => ['Time', v] as const)])(
    '%s %s',
    (name, value) => {
      expectAccepted(name === 'Date' ? ScalarTypeEnum.Date() : ScalarTypeEnum.Time(), value);
    },
  );

  it('Date agrees with the calendar for every day of 1900, 2000, 2023 and 2024', () => {
    const scalar = ScalarTypeEnum.Date();
    for (const year of [1900, 2000, 2023, 2024]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const d = new Date(Date.UTC(year, month - 1, day));
          const exists = d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
          expect(scalar.validate(text).ok, text).toBe(exists);
        }
      }
    }
  });
});

describe('DateTime decoding', () => {
  const scalar = ScalarTypeEnum.DateTime();

  it.each(DATE_TIME_ACCEPT)('%s decodes to epoch %i', (text, millis) => {
    const decoded = accepted(scalar, text);
    expect(decoded).toBeInstanceOf(Date);
    expect(decoded.getTime()).toBe(millis);
    // Agrees with the platform parser whenever it sees the same precision.
    if (!/\.\d{4,}/.test(text)) expect(Date.parse(text)).toBe(millis);
  });

  it('returns a fresh Date every time', () => {
    const a = scalar.validate('2024-02-29T12:00:00Z');
    const b = scalar.validate('2024-02-29T12:00:00Z');
    expect(a.ok && b.ok && a.value !== b.value).toBe(true);
  });

  it('decodes any instant written with any offset to the same instant (generated)', () => {
    const instants = fc.date({
      min: new Date('0001-01-02T00:00:00Z'),
      max: new Date('9999-12-30T23:59:59.999Z'),
      noInvalidDate: true,
    });
    const offsets = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instants, offsets, fc.boolean(), (instant, offset, nanos) => {
        const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, -1);
        const abs = Math.abs(offset);
        const sign = offset < 0 || Object.is(offset, -0) ? '-' : '+';
        const suffix = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const text = `${local}${nanos ? '987654' : ''}${suffix}`;
        expect(accepted(scalar, text).getTime(), text).toBe(instant.getTime());
      }),
    );
  });
});

describe('DateTime encoding', () => {
  const encode = ScalarTypeEnum.DateTime().def.encode;

  it('exists', () => {
    expect(encode).toBeDefined();
  });

  it.each([
    [new Date(0), '1970-01-01T00:00:00.000Z'],
    [new Date(Date.UTC(2024, 1, 29, 6, 30, 0, 123)), '2024-02-29T06:30:00.123Z'],
    [new Date(-62_167_219_200_000), '0000-01-01T00:00:00.000Z'],
    [new Date(253_402_300_799_999), '9999-12-31T23:59:59.999Z'],
  ])('encodes %o as %s', (date, iso) => {
    expect(encode?.(date)).toEqual({ value: iso });
  });

  it.each([
    ['Invalid Date', new Date(Number.NaN), 'invalid_format'],
    ['an ISO string', '2024-02-29T12:00:00Z', 'invalid_type'],
    ['epoch millis', 0, 'invalid_type'],
    ['null', null, 'invalid_type'],
    ['undefined', undefined, 'invalid_type'],
    [
      'a Date-like object',
      { getTime: (): number => 0, toISOString: (): string => '1970-01-01T00:00:00.000Z' },
      'invalid_type',
    ],
    ['year 10000', new Date(Date.UTC(10_000, 0, 1)), 'too_big'],
    ['year -1', new Date(-62_167_219_200_001), 'too_big'],
  ] as const)('rejects %s with %s', (_, value, code) => {
    expect(encode?.(value)).toEqual({ code, message: expect.any(String) });
  });

  it('round-trips every encodable Date (generated)', () => {
    const scalar = ScalarTypeEnum.DateTime();
    const dates = fc.date({
      min: new Date('0000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(dates, (date) => {
        const encoded = encode?.(date);
        expect(encoded).toHaveProperty('value');
        const wire = (encoded as { value: string }).value;
        const result = scalar.validate(wire);
        expect(result.ok && result.value.getTime()).toBe(date.getTime());
      }),
    );
  });
});

describe('temporal descriptions', () => {
  it('have defaults and can be replaced', () => {
    expect(ScalarTypeEnum.Date().def.description).toMatch(/YYYY-MM-DD/);
    expect(ScalarTypeEnum.Date({ description: 'Due date' }).def.description).toBe('Due date');
    expect(ScalarTypeEnum.DateTime({ description: 'Paid at' }).def.description).toBe('Paid at');
    expect(ScalarTypeEnum.Time({ description: 'Opens at' }).def.description).toBe('Opens at');
  });
});
