/**
 * Assertions and table helpers shared by the scalar and enum tests. Used by tests only; not
 * exported from the package entry point.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { IssueCode, PathSegment, ValidationResult } from '../issues.js';
import type { AnyScalarType } from '../scalar-type.js';
import type { StandardSchemaV1 } from '../standard-schema.js';

/** Anything with a name that validates values: a scalar or an enum. */
export interface Validates<T> {
  readonly name: string;
  validate(value: unknown): ValidationResult<T>;
}

/** A value a scalar rejects and the issue code it must answer with. */
export type RejectRow = readonly [unknown, IssueCode];

/** A value a scalar rejects, the issue code and the path inside the value where the issue is. */
export type RejectAtRow = readonly [unknown, IssueCode, readonly PathSegment[]];

/** One scalar under test: its expected name, how to build it, what it accepts and what it rejects. */
export interface ScalarCase<T> {
  readonly name: string;
  readonly make: () => AnyScalarType;
  readonly accept: readonly T[];
  readonly reject: readonly RejectRow[];
}

/** Formats any value as a short, readable label for test names and assertion messages. */
export function show(value: unknown, depth = 0): string {
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

/** Prefixes each row with a readable label (its value, then the expected code if any). */
export function rows<T extends readonly unknown[]>(table: readonly T[]): [string, ...T][] {
  return table.map((row) => [row.length > 1 ? `${show(row[0])} -> ${String(row[1])}` : show(row[0]), ...row]);
}

/** Turns a list of values into `it.each` rows labelled with the value. */
export function valueRows<T>(values: readonly T[]): [string, T][] {
  return values.map((value) => [show(value), value]);
}

/** Pairs every value with the same expected issue code. */
export function allAs(values: readonly unknown[], code: IssueCode): RejectRow[] {
  return values.map((v) => [v, code] as const);
}

/** Asserts that `schema` accepts `value` and gives back an equal value, and returns what it gave back. */
export function expectAccepted<T>(schema: Validates<T>, value: unknown): T {
  const result = schema.validate(value);
  expect(result, `${schema.name} should accept ${show(value)}`).toEqual({ ok: true, value });
  return (result as { readonly value: T }).value;
}

/** Returns what `schema` decodes `value` to, failing the test with the issues when it rejects it. */
export function accepted<T>(schema: Validates<T>, value: unknown): T {
  const result = schema.validate(value);
  if (!result.ok) {
    throw new Error(`${schema.name} rejected ${show(value)}: ${JSON.stringify(result.issues)}`);
  }
  return result.value;
}

/** Asserts that `validate` rejects `value` with exactly one issue of `code` at `at`, with a message. */
export function expectRejected(
  scalar: AnyScalarType,
  value: unknown,
  code: IssueCode,
  at: readonly PathSegment[] = [],
): void {
  const result = scalar.validate(value);
  expect(result.ok, `${scalar.name} should reject ${show(value)}`).toBe(false);
  expect(result).toEqual({ ok: false, issues: [{ path: at, code, message: expect.any(String) }] });
  if (!result.ok) expect(result.issues[0]?.message.length).toBeGreaterThan(0);
}

/** Asserts that `check` fails with `code` at `at` (pathless at the root if so told) and `validate` agrees. */
export function expectRejectedAt(
  scalar: AnyScalarType,
  value: unknown,
  code: IssueCode,
  at: readonly PathSegment[],
  { pathlessAtRoot = false }: { readonly pathlessAtRoot?: boolean } = {},
): void {
  const message = expect.any(String);
  expect(scalar.def.check(value), `${scalar.name} check of ${show(value)}`).toEqual(
    pathlessAtRoot && at.length === 0 ? { code, message } : { code, message, path: at },
  );
  expectRejected(scalar, value, code, at);
}

/** Asserts that the Standard Schema entry point rejects `value` with one root issue of `code`. */
export function expectStandardRejects(schema: StandardSchemaV1, value: unknown, code: IssueCode): void {
  expect(schema['~standard'].validate(value)).toEqual({
    issues: [{ path: [], code, message: expect.any(String) }],
  });
}

/** Compiles `def.emitFastCheck` the way validate/compile.ts does (constants passed in as `K`). */
export function fastPathOf(scalar: AnyScalarType): ((value: unknown) => boolean) | undefined {
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

function expectCheckAcceptsWhatFastPathAccepts(
  scalar: AnyScalarType,
  fast: (value: unknown) => boolean,
  value: unknown,
): void {
  if (fast(value)) {
    expect(scalar.def.check(value), `${scalar.name} fast path accepted ${show(value)}`).toBeUndefined();
  }
}

/** Asserts that the fast path, where the scalar has one, accepts none of `values` that `check` rejects. */
export function expectFastPathAgrees(scalar: AnyScalarType, values: readonly unknown[]): void {
  const fast = fastPathOf(scalar);
  if (fast === undefined) return;
  for (const value of values) expectCheckAcceptsWhatFastPathAccepts(scalar, fast, value);
}

/** Asserts that the scalar has a fast path and that it accepts no generated value that `check` rejects. */
export function expectFastPathAgreesOnGenerated(scalar: AnyScalarType, values: fc.Arbitrary<unknown>): void {
  const fast = fastPathOf(scalar);
  expect(fast, `${scalar.name} has a fast path`).toBeDefined();
  if (fast === undefined) return;
  fc.assert(fc.property(values, (value) => expectCheckAcceptsWhatFastPathAccepts(scalar, fast, value)));
}

/** Asserts that the fast path accepts every one of `values` (so that it is worth having). */
export function expectFastPathAccepts(scalar: AnyScalarType, values: readonly unknown[]): void {
  const fast = fastPathOf(scalar);
  for (const value of values) {
    expect(fast?.(value), `${scalar.name} fast path should accept ${show(value)}`).toBe(true);
  }
}
