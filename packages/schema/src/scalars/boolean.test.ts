import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IssueCode } from '../issues.js';
import type { AnyScalarType } from '../scalar-type.js';
import { ScalarTypeEnum } from '../scalar-type-enum.js';

// ---------------------------------------------------------------------------------------------
// Helpers (each scalar test file keeps its own copy: test files cannot import each other).

function show(value: unknown, depth = 0): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return value.length > 40 ? `string(${value.length})` : JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'function';
  if (typeof value === 'symbol' || value === undefined) return String(value);
  if (value === null) return 'null';
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) && proto === Array.prototype) {
    if (value.length > 4 || depth > 2) return `array(${value.length})`;
    return `[${Array.from(value, (item) => show(item, depth + 1)).join(', ')}]`;
  }
  if (proto === Object.prototype || proto === null) {
    const keys = Object.keys(value);
    if (keys.length > 4 || depth > 2) return `object(${keys.length} keys)`;
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${show(record[k], depth + 1)}`).join(', ')}}`;
  }
  return Object.prototype.toString.call(value);
}

function expectRejected(scalar: AnyScalarType, value: unknown, code: IssueCode): void {
  const result = scalar.validate(value);
  expect(result.ok, `${scalar.name} should reject ${show(value)}`).toBe(false);
  if (result.ok) return;
  expect(result.issues).toEqual([{ path: [], code, message: expect.any(String) }]);
  expect(result.issues[0]?.message.length).toBeGreaterThan(0);
}

/** Compiles `def.emitFastCheck` the way validate/compile.ts does (constants passed in as `K`). */
function fastPathOf(scalar: AnyScalarType): ((value: unknown) => boolean) | undefined {
  const emit = scalar.def.emitFastCheck;
  if (emit === undefined) return undefined;
  const constants: unknown[] = [];
  const ref = (value: unknown): string => {
    let i = constants.indexOf(value);
    if (i < 0) i = constants.push(value) - 1;
    return `c${i}`;
  };
  const expression = emit('v', ref);
  const prelude = constants.map((_, i) => `const c${i} = K[${i}];`).join('\n');
  const fn = new Function('v', 'K', `${prelude}\nreturn (${expression});`) as (
    v: unknown,
    k: unknown[],
  ) => unknown;
  return (value) => fn(value, constants) === true;
}

// ---------------------------------------------------------------------------------------------

const ACCEPT: readonly boolean[] = [true, false];

const REJECT: readonly unknown[] = [
  'true',
  'false',
  'TRUE',
  'yes',
  'on',
  '1',
  '0',
  '',
  ' ',
  0,
  1,
  -0,
  Number.NaN,
  Infinity,
  null,
  undefined,
  [],
  [true],
  {},
  { valueOf: () => true },
  new Boolean(true),
  new Boolean(false),
  Symbol('true'),
  1n,
  () => true,
];

describe('Boolean', () => {
  const scalar = ScalarTypeEnum.Boolean();

  it.each(ACCEPT.map((v) => [show(v), v] as const))('accepts %s unchanged', (_, value) => {
    expect(scalar.validate(value)).toEqual({ ok: true, value });
  });

  it.each(REJECT.map((v) => [show(v), v] as const))('rejects %s as invalid_type', (_, value) => {
    expectRejected(scalar, value, 'invalid_type');
  });

  it('fast path never accepts what check rejects', () => {
    const fast = fastPathOf(scalar);
    expect(fast).toBeDefined();
    for (const value of [...ACCEPT, ...REJECT]) {
      if (fast?.(value) === true) expect(scalar.def.check(value), show(value)).toBeUndefined();
    }
    for (const value of ACCEPT) expect(fast?.(value)).toBe(true);
    fc.assert(
      fc.property(fc.anything(), (value) => {
        if (fast?.(value) === true) expect(scalar.def.check(value)).toBeUndefined();
      }),
    );
  });

  it('keeps its description in the JSON Schema', () => {
    expect(scalar.def.jsonSchema).toEqual({ type: 'boolean' });
    const described = ScalarTypeEnum.Boolean({ description: 'Is it on?' });
    expect(described.def.jsonSchema).toEqual({ type: 'boolean', description: 'Is it on?' });
    expect(described.def.description).toBe('Is it on?');
  });

  it('reports through Standard Schema too', () => {
    expect(scalar['~standard'].validate(false)).toEqual({ value: false });
    expect(scalar['~standard'].validate('false')).toEqual({
      issues: [{ path: [], code: 'invalid_type', message: expect.any(String) }],
    });
  });
});
