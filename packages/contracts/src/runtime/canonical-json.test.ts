import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/** A deep copy with every object's keys in another order (seeded Fisher-Yates). */
function shuffled(value: unknown, seed: number): unknown {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
    }
    // fromEntries defines own properties, so a `__proto__` key stays a plain key.
    return Object.fromEntries(entries.map(([k, item]) => [k, walk(item)]));
  };
  return walk(value);
}

/** JSON values with no objects: primitives and (nested) arrays of them. */
const objectFree = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('is stable under key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('is valid JSON for the same data, and canonical on a round trip (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('equals JSON.stringify for values without objects (property)', () => {
    fc.assert(
      fc.property(objectFree, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts keys by UTF-16 code unit at every depth, without white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
    // Upper case before lower case; a surrogate pair (U+1F600) before U+FFFF, unlike code point order.
    expect(canonicalJson({ a: 1, B: 2, '\uffff': 3, '😀': 4 })).toBe('{"B":2,"a":1,"😀":4,"\uffff":3}');
    // Integer-like keys sort as strings too (JSON.stringify would put them first, numerically).
    expect(canonicalJson({ 10: 'x', 9: 'y', a: 'z' })).toBe('{"10":"x","9":"y","a":"z"}');
  });

  it('escapes keys and strings as JSON does', () => {
    expect(canonicalJson({ 'a"b': 'line\nbreak', '\\': '\u0000' })).toBe(
      '{"\\\\":"\\u0000","a\\"b":"line\\nbreak"}',
    );
    expect(canonicalJson('\ud800')).toBe(JSON.stringify('\ud800'));
  });

  it('writes Dates as ISO strings, and an invalid Date as null', () => {
    const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    expect(canonicalJson({ at })).toBe('{"at":"2025-01-02T03:04:05.006Z"}');
    expect(canonicalJson({ at })).toBe(JSON.stringify({ at }));
    expect(canonicalJson([new Date(0)])).toBe('["1970-01-01T00:00:00.000Z"]');
    expect(canonicalJson({ at: new Date(Number.NaN) })).toBe(JSON.stringify({ at: new Date(Number.NaN) }));
  });

  it('drops undefined and function members, and writes them as null in arrays', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: () => 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
    expect(canonicalJson([undefined, () => 1, 1])).toBe('[null,null,1]');
    // Holes in a sparse array read as undefined members.
    expect(canonicalJson(new Array(2))).toBe('[null,null]');
    // Same data with and without an undefined member: same text (same fingerprint).
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes -0 as 0 and non-finite numbers as null, like JSON.stringify', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson({ x: -0 })).toBe(canonicalJson({ x: 0 }));
    expect(canonicalJson([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      '[null,null,null]',
    );
    expect(canonicalJson(1e21)).toBe(JSON.stringify(1e21));
    expect(canonicalJson(5e-324)).toBe(JSON.stringify(5e-324));
  });

  it('handles nested and empty arrays and objects', () => {
    expect(canonicalJson([[], [[]], [1, [2, [3, {}]]], {}])).toBe('[[],[[]],[1,[2,[3,{}]]],{}]');
    expect(canonicalJson({ a: [{ b: [{ c: [] }] }] })).toBe('{"a":[{"b":[{"c":[]}]}]}');
  });

  it('writes bigints as strings and top-level undefined as null', () => {
    expect(canonicalJson(12345678901234567890n)).toBe('"12345678901234567890"');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('keeps an own `__proto__` key from JSON.parse as data', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
    expect(canonicalJson(shuffled(parsed, 7))).toBe(canonicalJson(parsed));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads only own enumerable keys', () => {
    const withProto = Object.create({ inherited: 1 }) as Record<string, unknown>;
    withProto.own = 2;
    Object.defineProperty(withProto, 'hidden', { value: 3, enumerable: false });
    expect(canonicalJson(withProto)).toBe('{"own":2}');
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });
});
