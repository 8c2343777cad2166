import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import {
  accepted,
  expectAccepted,
  expectFastPathAgrees,
  expectRejected,
  expectRejectedAt,
  type RejectAtRow,
  rows,
  valueRows,
} from './scalar-assertions.fixture.js';

// ---------------------------------------------------------------------------------------------
// Builders and tables.

/** `n` arrays nested inside each other: nest(1) is `[]`, nest(2) is `[[]]`. */
function nest(n: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < n; i++) value = [value];
  return value;
}

/** `n` objects nested inside each other through the key `a`. */
function nestObjects(n: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < n; i++) value = { a: value };
  return value;
}

function nullProto(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, entries);
}

class Point {
  x = 1;
  y = 2;
}

const REALISTIC = JSON.parse(
  '{"id":"evt_1","type":"invoice.paid","livemode":false,"data":{"object":{"amount":1234,"currency":"usd",' +
    '"lines":[{"sku":"A-1","qty":2,"unit":5.5,"tags":["x","y"]},{"sku":"B-2","qty":1,"unit":null}]}},' +
    '"metadata":{"":"empty key","toString":"fine","__proto":"near miss","Constructor":"case differs"}}',
) as unknown;

const ACCEPT: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1.5,
  Number.MAX_VALUE,
  '',
  ' ',
  'text',
  '😀 漢字 e\u0301',
  [],
  {},
  [1, 'a', null, { b: [true] }],
  { a: { b: { c: [1, 2, 3] } } },
  nullProto({ x: 1, y: [nullProto({ z: 'deep' })] }),
  REALISTIC,
  nest(32),
  nestObjects(32),
  new Array(9_999).fill(0),
];

const sparse: unknown[] = [1];
sparse[2] = 3;

const REJECT: readonly RejectAtRow[] = [
  [undefined, 'invalid_type', []],
  [() => 1, 'invalid_type', []],
  [Symbol('x'), 'invalid_type', []],
  [1n, 'invalid_type', []],
  [Number.NaN, 'not_finite', []],
  [Infinity, 'not_finite', []],
  [-Infinity, 'not_finite', []],
  [JSON.parse('1e400'), 'not_finite', []],
  ['\uD800', 'invalid_string', []],
  ['a\uDC00b', 'invalid_string', []],
  [new Date(0), 'invalid_type', []],
  [new Map([['a', 1]]), 'invalid_type', []],
  [new Set([1]), 'invalid_type', []],
  [/re/, 'invalid_type', []],
  [new Point(), 'invalid_type', []],
  [new String('x'), 'invalid_type', []],
  [new Number(1), 'invalid_type', []],
  [new Uint8Array(2), 'invalid_type', []],
  [Object.create({ inherited: 1 }), 'invalid_type', []],
  [[undefined], 'invalid_type', [0]],
  [sparse, 'invalid_type', [1]],
  [{ a: undefined }, 'invalid_type', ['a']],
  [{ a: () => 1 }, 'invalid_type', ['a']],
  [{ a: [1, { b: Number.NaN }] }, 'not_finite', ['a', 1, 'b']],
  [{ a: { b: new Date(0) } }, 'invalid_type', ['a', 'b']],
  [{ a: [new Point()] }, 'invalid_type', ['a', 0]],
  [{ s: '\uD800' }, 'invalid_string', ['s']],
  [JSON.parse('{"__proto__":{"x":1}}'), 'forbidden_key', ['__proto__']],
  [JSON.parse('{"ok":1,"__proto__":{"polluted":true}}'), 'forbidden_key', ['__proto__']],
  [JSON.parse('[{"__proto__":{"polluted":true}}]'), 'forbidden_key', [0, '__proto__']],
  [JSON.parse('{"constructor":1}'), 'forbidden_key', ['constructor']],
  [JSON.parse('{"prototype":{}}'), 'forbidden_key', ['prototype']],
  [JSON.parse('{"a":{"constructor":{"prototype":{"x":1}}}}'), 'forbidden_key', ['a', 'constructor']],
  [JSON.parse('{"a":[{"b":{"prototype":1}}]}'), 'forbidden_key', ['a', 0, 'b', 'prototype']],
  [{ ['__proto__']: { polluted: true } }, 'forbidden_key', ['__proto__']],
  [nest(33), 'too_deep', new Array(32).fill(0)],
  [nestObjects(33), 'too_deep', new Array(32).fill('a')],
  [nest(100_000), 'too_deep', new Array(32).fill(0)],
  [new Array(10_000).fill(0), 'too_big', [9_999]],
  [new Array(10_000).fill(null), 'too_big', [9_999]],
  [Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])), 'too_big', ['k9999']],
  [new Array(1_000_000).fill('x'), 'too_big', [9_999]],
  [Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 1)), 'too_big', [99]],
];

// ---------------------------------------------------------------------------------------------

function hasForbiddenKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some(
    (key) =>
      ['__proto__', 'constructor', 'prototype'].includes(key) || hasForbiddenKey((value as never)[key]),
  );
}

/** Every object and array inside `value`, for reference checks. */
function containers(value: unknown, out: object[] = []): object[] {
  if (typeof value === 'object' && value !== null) {
    out.push(value);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

describe('JSON', () => {
  const scalar = ScalarTypeEnum.JSON();

  it('has its name', () => {
    expect(scalar.name).toBe('JSON');
  });

  it.each(valueRows(ACCEPT))('accepts %s as a deep copy', (_, value) => {
    const copy = expectAccepted(scalar, value);
    const inputs = new Set(containers(value));
    for (const node of containers(copy)) {
      expect(inputs.has(node)).toBe(false);
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(node));
    }
  });

  it.each(rows(REJECT))('rejects %s', (_, value, code, at) => {
    expectRejectedAt(scalar, value, code, at);
  });

  it('rejects 1,000,000 values and 100,000 levels quickly', () => {
    expect(scalar.def.check(new Array(1_000_000).fill(1))?.code).toBe('too_big');
    expect(scalar.def.check(nest(100_000))?.code).toBe('too_deep');
  });

  it('mutating the result does not touch the input', () => {
    const input = { a: [1, { b: 2 }] };
    const copy = accepted(scalar, input);
    ((copy as { a: unknown[] }).a[1] as { b: number }).b = 99;
    expect(input.a[1]).toEqual({ b: 2 });
  });

  it('copies an Array subclass into a plain array', () => {
    class Tagged extends Array<number> {}
    const input = Tagged.from([1, 2, 3]);
    const copy = accepted(scalar, input);
    expect(Object.getPrototypeOf(copy)).toBe(Array.prototype);
    expect(copy).toEqual([1, 2, 3]);
  });

  it('never runs an array species constructor while copying', () => {
    let called = false;
    class Evil {
      constructor() {
        called = true;
      }
    }
    const input = [1, 2];
    Object.defineProperty(input, 'constructor', { value: { [Symbol.species]: Evil } });
    const result = scalar.validate(input);
    expect(called).toBe(false);
    expect(result).toEqual({ ok: true, value: [1, 2] });
  });

  it('accepts any generated JSON value unchanged, unless it holds a forbidden key', () => {
    // fast-check deliberately generates "__proto__", "constructor" and "prototype" keys.
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        const result = scalar.validate(value);
        if (hasForbiddenKey(value)) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.issues[0]?.code).toBe('forbidden_key');
        } else {
          expect(result).toEqual({ ok: true, value });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('has no fast path, or one that agrees with check', () => {
    expectFastPathAgrees(scalar, [...ACCEPT, ...REJECT.map(([v]) => v)]);
  });

  it('encode copies valid values and reports invalid ones with their path', () => {
    const encode = scalar.def.encode;
    const input = { a: [1, 'x'] };
    const encoded = encode?.(input);
    expect(encoded).toEqual({ value: input });
    expect((encoded as { value: unknown }).value).not.toBe(input);
    expect(encode?.({ a: [new Date(0)] })).toEqual({
      code: 'invalid_type',
      message: expect.any(String),
      path: ['a', 0],
    });
    expect(encode?.(JSON.parse('{"__proto__":{}}'))).toMatchObject({
      code: 'forbidden_key',
      path: ['__proto__'],
    });
  });
});

describe('JSONObject', () => {
  const scalar = ScalarTypeEnum.JSONObject();

  it.each(valueRows(ACCEPT.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v))))(
    'accepts %s as a deep copy',
    (_, value) => {
      expect(expectAccepted(scalar, value)).not.toBe(value);
    },
  );

  it.each(
    rows(
      (
        [
          [[], 'invalid_type'],
          [[{ a: 1 }], 'invalid_type'],
          [null, 'invalid_type'],
          [undefined, 'invalid_type'],
          ['{}', 'invalid_type'],
          ['', 'invalid_type'],
          [1, 'invalid_type'],
          [Number.NaN, 'invalid_type'],
          [true, 'invalid_type'],
          [() => ({}), 'invalid_type'],
        ] as const
      ).map(([v, code]) => [v, code, []] as const),
    ),
  )('rejects %s at the root', (_, value, code) => {
    expectRejected(scalar, value, code);
  });

  it.each(rows(REJECT.filter(([v]) => typeof v === 'object' && v !== null && !Array.isArray(v))))(
    'rejects %s like JSON does',
    (_, value, code, at) => {
      expectRejectedAt(scalar, value, code, at);
    },
  );
});

describe('JSON options', () => {
  it('maxDepth bounds nesting', () => {
    const scalar = ScalarTypeEnum.JSON({ maxDepth: 2 });
    expect(scalar.validate(nest(2)).ok).toBe(true);
    expect(scalar.validate([[1]]).ok).toBe(true);
    expectRejectedAt(scalar, nest(3), 'too_deep', [0, 0]);
    expectRejectedAt(scalar, { a: { b: {} } }, 'too_deep', ['a', 'b']);
  });

  it('maxDepth 0 accepts only primitives', () => {
    const scalar = ScalarTypeEnum.JSON({ maxDepth: 0 });
    expect(scalar.validate('x').ok).toBe(true);
    expectRejected(scalar, [], 'too_deep');
    expectRejected(scalar, {}, 'too_deep');
  });

  it('maxNodes bounds the number of values', () => {
    const scalar = ScalarTypeEnum.JSON({ maxNodes: 3 });
    expect(scalar.validate([1, 2]).ok).toBe(true);
    expectRejectedAt(scalar, [1, 2, 3], 'too_big', [2]);
    expect(scalar.validate({ a: { b: 1 } }).ok).toBe(true);
    expectRejectedAt(ScalarTypeEnum.JSON({ maxNodes: 2 }), { a: { b: 1 } }, 'too_big', ['a', 'b']);
  });

  it.each([
    ['maxDepth: -1', { maxDepth: -1 }],
    ['maxDepth: NaN', { maxDepth: Number.NaN }],
    ['maxDepth: Infinity', { maxDepth: Infinity }],
    ['maxDepth: 1.5', { maxDepth: 1.5 }],
    ['maxNodes: NaN', { maxNodes: Number.NaN }],
    ['maxNodes: -1', { maxNodes: -1 }],
    ['maxNodes: Infinity', { maxNodes: Infinity }],
  ])('%s throws a TypeError at definition', (_, options) => {
    expect(() => ScalarTypeEnum.JSON(options)).toThrow(TypeError);
    expect(() => ScalarTypeEnum.JSONObject(options)).toThrow(TypeError);
  });

  it('keeps the description', () => {
    expect(ScalarTypeEnum.JSON({ description: 'Free-form metadata' }).def.description).toBe(
      'Free-form metadata',
    );
  });
});

describe('prototype pollution', () => {
  it('leaves Object.prototype unchanged after validating and encoding hostile values', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const hostile = [
      JSON.parse('{"__proto__":{"polluted":true}}'),
      JSON.parse('{"a":{"__proto__":{"polluted":true}}}'),
      JSON.parse('[{"__proto__":{"polluted":true}}]'),
      JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
      JSON.parse('{"a":1,"constructor":{"prototype":{"polluted":true}}}'),
      JSON.parse('{"prototype":{"polluted":true}}'),
      { ['__proto__']: { polluted: true } },
    ];
    for (const scalar of [ScalarTypeEnum.JSON(), ScalarTypeEnum.JSONObject()]) {
      for (const value of hostile) {
        expect(scalar.validate(value).ok).toBe(false);
        expect(scalar.def.encode?.(value)).toHaveProperty('code', 'forbidden_key');
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a decoded object is a plain object whose keys are all its own', () => {
    const copy = accepted(ScalarTypeEnum.JSON(), nullProto({ toString: 'x', hasOwnProperty: 'y' }));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy as object)).toEqual(['toString', 'hasOwnProperty']);
  });
});
