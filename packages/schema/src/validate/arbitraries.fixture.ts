/**
 * fast-check arbitraries shared by the property-based tests: valid wire values for any model,
 * derived from its field definitions (hostile inputs are in `hostile-inputs.fixture.ts`). Used by
 * tests only.
 *
 * Replaying a failure: fast-check prints `seed` and `path` on failure. Run
 * `FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t '<test name>'` to replay it
 * (FC_PATH is optional; FC_SEED alone re-runs the whole generation with that seed).
 */
import fc from 'fast-check';
import type { AnyEnumType } from '../enum-type.js';
import { DEFAULT_MAX_ITEMS, type FieldConfig, type FieldType } from '../field.js';
import type { AnySchemaModel } from '../model.js';
import { jsonDataArbitrary, scalarArbitrary } from './scalar-arbitraries.fixture.js';

/**
 * fast-check parameters: `numRuns`, plus `seed`/`path` from `FC_SEED`/`FC_PATH` in `env` when set
 * (tests pass `process.env`; this module stays free of Node types because the build includes it).
 */
export function fcParams(
  numRuns: number,
  env: Readonly<Record<string, string | undefined>>,
): fc.Parameters<unknown> {
  const seed = env.FC_SEED;
  const path = env.FC_PATH;
  return {
    numRuns,
    ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { path }),
  };
}

/** Keys that must never reach a prototype. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Sets an own, enumerable property even for `__proto__` (plain assignment would set the prototype). */
export function defineOwn(target: object, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

/** Builds a plain object from entries with {@link defineOwn} (later entries win). */
export function objectFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) defineOwn(out, key, value);
  return out;
}

/** Deep-copies plain data (objects, arrays, primitives), keeping `__proto__` keys and `-0`. */
export function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) defineOwn(out, key, cloneData(Reflect.get(value, key)));
  return out;
}

/** Round-trips a value through JSON text (what a server actually receives). */
export function viaJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

export { dateTimeWithInstant, intIn, jsonDataArbitrary } from './scalar-arbitraries.fixture.js';

function typeArbitrary(type: FieldType): fc.Arbitrary<unknown> {
  if (type.kind === 'model') return validValue(type);
  if (type.kind === 'enum') return fc.constantFrom(...(type as AnyEnumType).values);
  return scalarArbitrary(type);
}

/** Valid wire values of one field (never `undefined`). */
export function fieldArbitrary(field: FieldConfig): fc.Arbitrary<unknown> {
  const item = typeArbitrary(field.type);
  let core = item;
  if (field.isArray === true) {
    const minLength = field.minItems ?? 0;
    const maxItems = field.maxItems ?? DEFAULT_MAX_ITEMS;
    core = fc.array(item, { minLength, maxLength: Math.min(maxItems, minLength + 4) });
  }
  if (field.isNullable === true) return fc.oneof(core, fc.constant(null));
  // `null` in a field means "the field is null", whatever its type (JSON included): only
  // nullable fields take it. Array items of a JSON type may still be null.
  return core.filter((v) => v !== null);
}

const validCache = new WeakMap<AnySchemaModel, fc.Arbitrary<Record<string, unknown>>>();

/** Valid wire values of a model; strip-mode models also get undeclared keys (including `__proto__`). */
export function validValue(model: AnySchemaModel): fc.Arbitrary<Record<string, unknown>> {
  const cached = validCache.get(model);
  if (cached !== undefined) return cached;
  const fields = Object.entries(model.fields as Readonly<Record<string, FieldConfig>>);
  const parts = fields.map(([name, field]) => {
    const value = fieldArbitrary(field);
    const required = !field.isOptional && field.default === undefined;
    return required
      ? value.map((v) => [[name, v] as const])
      : fc.option(value, { nil: undefined }).map((v) => (v === undefined ? [] : [[name, v] as const]));
  });
  const declared = new Set(fields.map(([name]) => name));
  const extras =
    model.unknownKeys === 'strip'
      ? fc.array(
          fc.tuple(
            keyArbitrary.filter((k) => !declared.has(k)),
            jsonDataArbitrary,
          ),
          { maxLength: 2 },
        )
      : fc.constant([]);
  const arb = fc
    .tuple(fc.tuple(...parts), extras)
    .map(([present, extra]) => objectFrom([...present.flat(), ...extra]));
  validCache.set(model, arb);
  return arb;
}

/** Keys for undeclared properties: prototype gadgets, look-alikes and random strings. */
export const keyArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, 'toString', 'hasOwnProperty', 'valueOf', '', 'polluted', 'isAdmin', '0'),
  fc.string({ maxLength: 6 }),
);
