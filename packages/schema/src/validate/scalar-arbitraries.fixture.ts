/**
 * fast-check arbitraries of valid wire values for every built-in scalar (numbers within their
 * bounds, strings within their patterns, dates, currencies, JSON...). Tests only.
 */
import fc from 'fast-check';
import type { AnyScalarType } from '../scalar-type.js';
import { COUNTRY_CODES } from '../tables/countries.js';
import { CURRENCY_CODES } from '../tables/currencies.js';
import { defineOwn, PROTO_KEYS } from './arbitraries.fixture.js';

// ---------------------------------------------------------------------------------------------
// Valid values per scalar
// ---------------------------------------------------------------------------------------------

const SAFE = Number.MAX_SAFE_INTEGER;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

function schemaNumber(schema: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = schema[key];
  return typeof v === 'number' ? v : undefined;
}

/** Integers in [min, max], biased to small values and both bounds. */
export function intIn(min: number, max: number): fc.Arbitrary<number> {
  const arbs: fc.Arbitrary<number>[] = [
    fc.constantFrom(min, max),
    fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number),
  ];
  const lo = Math.max(min, INT32_MIN);
  const hi = Math.min(max, INT32_MAX);
  if (lo <= hi)
    arbs.push(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: Math.min(hi, lo + 20) }));
  return fc.oneof(...arbs);
}

function numberArbitrary(schema: Readonly<Record<string, unknown>>): fc.Arbitrary<number> {
  const integer = schema.type === 'integer';
  let min = schemaNumber(schema, 'minimum') ?? (integer ? -SAFE : -Number.MAX_VALUE);
  let minExcluded = false;
  const exclusiveMinimum = schemaNumber(schema, 'exclusiveMinimum');
  if (exclusiveMinimum !== undefined && exclusiveMinimum >= min) {
    min = exclusiveMinimum;
    minExcluded = true;
  }
  const max = schemaNumber(schema, 'maximum') ?? (integer ? SAFE : Number.MAX_VALUE);
  if (integer) return intIn(minExcluded ? Math.floor(min) + 1 : Math.ceil(min), Math.floor(max));
  const arbs: fc.Arbitrary<number>[] = [
    fc.double({ min, max, minExcluded, noNaN: true, noDefaultInfinity: true }),
  ];
  const lo = Math.max(minExcluded ? Math.floor(min) + 1 : Math.ceil(min), INT32_MIN);
  const hi = Math.min(Math.floor(max), INT32_MAX);
  if (lo <= hi) arbs.push(fc.integer({ min: lo, max: hi }));
  if (0 > min && 0 <= max) arbs.push(fc.constant(-0));
  return fc.oneof(...arbs);
}

const STRING_PIECES = ['a', 'Z', '0', ' ', 'é', '\u00a0', '😀', '𝒳', '\t', '"', '\\', '中'] as const;

function stringPatterns(schema: Readonly<Record<string, unknown>>): RegExp[] {
  const out: RegExp[] = [];
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) {
    for (const part of allOf) {
      const p = (part as Record<string, unknown>).pattern;
      if (typeof p === 'string') out.push(new RegExp(p, 'u'));
    }
  }
  return out;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function freeStringArbitrary(
  schema: Readonly<Record<string, unknown>>,
  nonBlank: boolean,
): fc.Arbitrary<string> {
  const minLength = schemaNumber(schema, 'minLength') ?? 0;
  const maxLength = schemaNumber(schema, 'maxLength') ?? 10_000;
  const cap = Math.min(maxLength, minLength + 12);
  const patterns = stringPatterns(schema);
  const inBounds = (s: string): boolean => {
    const n = codePoints(s);
    return (
      n >= minLength &&
      n <= maxLength &&
      s.isWellFormed() &&
      (!nonBlank || /\S/u.test(s)) &&
      patterns.every((p) => p.test(s))
    );
  };
  const arbs: fc.Arbitrary<string>[] = [];
  if (patterns.length > 0) {
    // Custom patterns: generate from the first pattern, keep what fits the other rules.
    arbs.push(...patterns.map((p) => fc.stringMatching(new RegExp(p.source))));
  } else {
    arbs.push(
      fc.string({ unit: 'binary', minLength, maxLength: cap }),
      fc.string({ unit: 'grapheme-ascii', minLength, maxLength: cap }),
      // Built from astral characters and spaces: exercises code-point (not UTF-16) lengths.
      fc
        .array(fc.constantFrom(...STRING_PIECES), { minLength, maxLength: cap })
        .map((parts) => parts.join('')),
    );
  }
  // Boundaries: exactly maxLength code points (twice as many UTF-16 units when astral).
  const boundary = fc.constantFrom(
    '😀'.repeat(maxLength),
    'x'.repeat(maxLength),
    ` ${'b'.repeat(Math.max(0, minLength - 1))}`,
  );
  return fc
    .oneof(...arbs.map((arbitrary) => ({ arbitrary, weight: 12 })), { arbitrary: boundary, weight: 1 })
    .filter(inBounds);
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const chars = (set: string) => fc.constantFrom(...set);

const idArbitrary = fc.oneof(
  fc
    .tuple(
      chars(LOWER + UPPER + DIGITS),
      fc.string({ unit: chars(`${LOWER}${UPPER}${DIGITS}_.:|-`), maxLength: 20 }),
    )
    .map(([first, rest]) => first + rest),
  fc.constantFrom('inv_123', 'A', `a${'-'.repeat(127)}`, 'ord:2024|x.y'),
);

const uuidArbitrary = fc
  .tuple(fc.uuid(), fc.boolean())
  .map(([uuid, upper]) => (upper ? uuid.toUpperCase() : uuid));

const emailArbitrary = fc.oneof(
  fc.emailAddress().filter((e) => e.length <= 254),
  fc.constantFrom(
    'a@b.co',
    "o'brien+tag@example.com",
    'first.last@sub.example.org',
    `${'x'.repeat(64)}@x.io`,
  ),
);

const urlArbitrary = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 2048),
  fc.constantFrom('http://localhost', 'https://[::1]:8080/x?y#z', 'https://example.com/😀', 'http://a.b:1/'),
);

const phoneArbitrary = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: chars(DIGITS), minLength: 1, maxLength: 14 }))
  .map(([first, rest]) => `+${first}${rest}`);

const localeArbitrary = fc.oneof(
  fc
    .tuple(
      fc.string({ unit: chars(LOWER), minLength: 2, maxLength: 3 }),
      fc.option(fc.tuple(chars(UPPER), fc.string({ unit: chars(LOWER), minLength: 3, maxLength: 3 }))),
      fc.option(
        fc.oneof(
          fc.string({ unit: chars(UPPER), minLength: 2, maxLength: 2 }),
          fc.constantFrom('419', '001'),
        ),
      ),
    )
    .map(([lang, script, region]) => {
      let tag = lang;
      if (script !== null) tag += `-${script[0]}${script[1]}`;
      if (region !== null) tag += `-${region}`;
      return tag;
    }),
  fc.constantFrom(
    'en',
    'en-US',
    'pt-BR',
    'zh-Hant-TW',
    'sr-Latn-RS',
    'es-419',
    'de-CH-1996',
    'en-x-twain',
    'zh-cmn-Hans-CN',
    'en-US-u-ca-gregory',
  ),
);

const MIN_INSTANT = Date.parse('0000-01-02T00:00:00.000Z');
const MAX_INSTANT = Date.parse('9999-12-30T23:59:59.999Z');
const DAY_MS = 86_400_000;

/** Instants between years 0000 and 9999 (keeping a day of margin for offsets). */
const instantArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc
    .date({ min: new Date(MIN_INSTANT), max: new Date(MAX_INSTANT), noInvalidDate: true })
    .map((d) => d.getTime()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 365 }),
      fc.integer({ min: 0, max: DAY_MS - 1 }),
    )
    .map(([year, day, ms]) => {
      const d = new Date(0);
      d.setUTCFullYear(year, 0, 1 + day);
      return Math.min(MAX_INSTANT, Math.max(MIN_INSTANT, d.getTime() + ms));
    }),
);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** An RFC 3339 date-time string and the instant (ms) it denotes, fraction truncated to ms. */
export const dateTimeWithInstant: fc.Arbitrary<{ readonly text: string; readonly instant: number }> = fc
  .tuple(
    instantArbitrary,
    fc.oneof(fc.constant<number | 'Z'>('Z'), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
    fc.integer({ min: 0, max: 9 }),
    fc.string({ unit: chars(DIGITS), minLength: 6, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([instant, offset, fractionDigits, extraDigits, negativeZero]) => {
    const offsetMinutes = offset === 'Z' ? 0 : offset;
    const local = new Date(instant + offsetMinutes * 60_000).toISOString();
    const millis = local.slice(20, 23);
    const fraction = `${millis}${extraDigits}`.slice(0, fractionDigits);
    const sign = offsetMinutes < 0 || (offsetMinutes === 0 && negativeZero) ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const suffix = offset === 'Z' ? 'Z' : `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
    const text = `${local.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}${suffix}`;
    const keptMillis = Number(millis.slice(0, Math.min(3, fractionDigits)).padEnd(3, '0'));
    return { text, instant: instant - Number(millis) + keptMillis };
  });

const dateArbitrary = fc.oneof(
  instantArbitrary.map((ms) => new Date(ms).toISOString().slice(0, 10)),
  fc.constantFrom(
    '2000-02-29',
    '2024-02-29',
    '0000-02-29',
    '1600-02-29',
    '2400-02-29',
    '9999-12-31',
    '0000-01-01',
  ),
);

const timeArbitrary = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.integer({ min: 0, max: 59 })),
    fc.option(fc.string({ unit: chars(DIGITS), minLength: 1, maxLength: 9 })),
  )
  .map(([h, m, s, frac]) => {
    let t = `${pad(h, 2)}:${pad(m, 2)}`;
    if (s !== null) t += `:${pad(s, 2)}${frac === null ? '' : `.${frac}`}`;
    return t;
  });

function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasProtoKey);
  for (const key of Object.keys(value)) {
    if ((PROTO_KEYS as readonly string[]).includes(key) || hasProtoKey(Reflect.get(value, key))) return true;
  }
  return false;
}

/** Removes `__proto__`/`constructor`/`prototype` keys at any depth (JSON scalars reject them). */
function withoutProtoKeys(value: unknown): unknown {
  if (!hasProtoKey(value)) return value;
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!(PROTO_KEYS as readonly string[]).includes(key))
      defineOwn(out, key, withoutProtoKeys(Reflect.get(value, key)));
  }
  return out;
}

/** Small, acceptable JSON values (shallow: JSON Schema cannot express the depth limit). */
export const jsonDataArbitrary: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 2, depthSize: 'xsmall' }),
    fc.jsonValue({ maxDepth: 2, depthSize: 'xsmall', stringUnit: 'binary' }),
  )
  .map(withoutProtoKeys);

const jsonObjectArbitrary: fc.Arbitrary<unknown> = fc
  .dictionary(fc.string({ maxLength: 6 }), jsonDataArbitrary, { maxKeys: 4 })
  .map(withoutProtoKeys);

function moneyArbitrary(schema: Readonly<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const amount = (schema.properties as Record<string, Record<string, unknown>>).amount ?? {};
  const min = schemaNumber(amount, 'minimum') ?? 0;
  const max = schemaNumber(amount, 'maximum') ?? SAFE;
  return fc
    .tuple(intIn(min, max), fc.constantFrom(...CURRENCY_CODES), fc.boolean())
    .map(([a, currency, swap]) => (swap ? { currency, amount: a } : { amount: a, currency }));
}

/** Valid wire values of one scalar (respecting the bounds and patterns it was built with). */
export function scalarArbitrary(type: AnyScalarType): fc.Arbitrary<unknown> {
  const schema = type.def.jsonSchema;
  switch (type.name) {
    case 'String':
      return freeStringArbitrary(schema, false);
    case 'NonEmptyString':
      return freeStringArbitrary(schema, true);
    case 'Int':
    case 'PositiveInt':
    case 'NonNegativeInt':
    case 'Number':
    case 'Float':
    case 'PositiveNumber':
    case 'NonNegativeNumber':
      return numberArbitrary(schema);
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return idArbitrary;
    case 'UUID':
      return uuidArbitrary;
    case 'Email':
      return emailArbitrary;
    case 'URL':
      return urlArbitrary;
    case 'PhoneNumber':
      return phoneArbitrary;
    case 'Locale':
      return localeArbitrary;
    case 'Date':
      return dateArbitrary;
    case 'DateTime':
      return dateTimeWithInstant.map((d) => d.text);
    case 'Time':
      return timeArbitrary;
    case 'Currency':
      return fc.constantFrom(...CURRENCY_CODES);
    case 'CountryCode':
      return fc.constantFrom(...COUNTRY_CODES);
    case 'Money':
      return moneyArbitrary(schema);
    case 'JSON':
      return jsonDataArbitrary;
    case 'JSONObject':
      return jsonObjectArbitrary;
    default:
      throw new Error(`test-arbitraries: no generator for scalar ${type.name}`);
  }
}
