import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED, redact } from './redact.js';

const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanProto = protoKeys();

afterEach(() => {
  // No test may leave Object.prototype changed.
  expect(protoKeys()).toEqual(cleanProto);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).secret).toBeUndefined();
});

describe('redact', () => {
  it('blanks top-level and nested paths', () => {
    const input = { password: 'hunter2', card: { number: '4242424242424242', brand: 'visa' }, amount: 5 };
    expect(redact(input, ['password', 'card.number'])).toEqual({
      password: REDACTED,
      card: { number: REDACTED, brand: 'visa' },
      amount: 5,
    });
  });

  it('blanks through arrays at any depth', () => {
    const input = {
      lines: [
        { card: { number: '1', cvc: '123' }, qty: 1 },
        { card: { number: '2', cvc: '456' }, qty: 2 },
        { qty: 3 },
      ],
      nested: [[{ token: 'a' }], [{ token: 'b' }, { other: 1 }]],
    };
    expect(redact(input, ['lines.card.cvc', 'nested.token'])).toEqual({
      lines: [
        { card: { number: '1', cvc: REDACTED }, qty: 1 },
        { card: { number: '2', cvc: REDACTED }, qty: 2 },
        { qty: 3 },
      ],
      nested: [[{ token: REDACTED }], [{ token: REDACTED }, { other: 1 }]],
    });
    expect(redact([{ ssn: 'x' }, { ssn: 'y' }], ['ssn'])).toEqual([{ ssn: REDACTED }, { ssn: REDACTED }]);
  });

  it('blanks a whole object or array when the path ends there', () => {
    expect(redact({ card: { number: '4242' }, tags: ['a', 'b'] }, ['card', 'tags'])).toEqual({
      card: REDACTED,
      tags: REDACTED,
    });
  });

  it('blanks null but leaves missing and undefined members alone (adds no keys)', () => {
    expect(redact({ a: null }, ['a'])).toEqual({ a: REDACTED });
    const out = redact({ a: undefined, b: 1 }, ['a', 'c', 'b.x', 'd.e']) as Record<string, unknown>;
    expect(out).toEqual({ a: undefined, b: 1 });
    expect(Object.keys(out).sort()).toEqual(['a', 'b']);
  });

  it('leaves the original untouched (fresh copies along the path) and shares untouched branches', () => {
    const input = { card: { number: '4242', brand: 'visa' }, other: { keep: true }, list: [{ s: 1 }] };
    const before = structuredClone(input);
    const out = redact(input, ['card.number', 'list.s']) as typeof input;
    expect(input).toEqual(before);
    expect(out.card).not.toBe(input.card);
    expect(out.list).not.toBe(input.list);
    expect(out.other).toBe(input.other);
  });

  it('works on frozen input', () => {
    const input = Object.freeze({ card: Object.freeze({ number: '4242' }) });
    expect(redact(input, ['card.number'])).toEqual({ card: { number: REDACTED } });
  });

  it('returns primitives and inputs without the path as they are', () => {
    expect(redact('secret', ['a'])).toBe('secret');
    expect(redact(null, ['a'])).toBeNull();
    expect(redact(undefined, ['a'])).toBeUndefined();
    const input = { a: 1 };
    expect(redact(input, ['b'])).toBe(input);
    expect(redact(input, [])).toBe(input);
  });

  it('ignores inherited properties', () => {
    const input = { a: 1 };
    expect(redact(input, ['toString'])).toBe(input);
    expect(redact(input, ['constructor.prototype.polluted'])).toBe(input);
    expect(redact(input, ['__proto__.polluted'])).toBe(input);
  });

  it('treats an own `__proto__` key from JSON.parse as data, never touching Object.prototype', () => {
    const input = JSON.parse('{"__proto__":{"secret":"s3cr3t","polluted":"yes"},"a":1}');
    const before = JSON.stringify(input);
    const out = redact(input, ['__proto__.secret', '__proto__.polluted']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      secret: REDACTED,
      polluted: REDACTED,
    });
    expect(out.a).toBe(1);
    expect(JSON.stringify(input)).toBe(before);
    // Blanking the `__proto__` key itself.
    const whole = redact(input, ['__proto__']) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(whole, '__proto__')?.value).toBe(REDACTED);
    expect(Object.getPrototypeOf(whole)).toBe(Object.prototype);
  });

  it('never mutates its input or Object.prototype, and blanks every value at a path (property)', () => {
    const key = fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype', 'toString');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.array(key, { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
        (t, paths) => {
          // Through JSON, so `__proto__` keys are own data as they are from a request body.
          const input = JSON.parse(JSON.stringify(t)) as unknown;
          const before = JSON.stringify(input);
          const out = redact(
            input,
            paths.map((p) => p.join('.')),
          );
          expect(JSON.stringify(input)).toBe(before);
          expect(protoKeys()).toEqual(cleanProto);
          for (const path of paths) {
            for (const found of valuesAt(out, path)) expect(found).toBe(REDACTED);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Every value at `path` (through arrays, own keys only). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return value === undefined ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(value, head)) return [];
  return valuesAt(Object.getOwnPropertyDescriptor(value, head)?.value, rest);
}
