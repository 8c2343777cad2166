/**
 * fast-check arbitraries for hostile and near-valid inputs (mutations of valid values, gadget
 * keys, many keys), built on the valid-value arbitraries of `arbitraries.fixture.ts`. Tests only.
 */
import fc from 'fast-check';
import type { FieldConfig } from '../field.js';
import type { AnySchemaModel } from '../model.js';
import {
  cloneData,
  defineOwn,
  fieldArbitrary,
  keyArbitrary,
  objectFrom,
  PROTO_KEYS,
  validValue,
} from './arbitraries.fixture.js';

/** Payloads that would pollute a prototype if copied carelessly. */
const pollutingArbitrary: fc.Arbitrary<unknown> = fc.constantFrom(
  JSON.parse('{"polluted": "yes"}'),
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
);

/** Leaf values that are valid for some scalar (so replacing with them gives near misses). */
const sampleLeafArbitrary: fc.Arbitrary<unknown> = fc.constantFrom(
  '',
  ' ',
  '\u00a0',
  '\uD800',
  'a\uDC00b',
  '😀',
  'USD',
  'usd',
  'FR',
  'en-US',
  '2024-02-29',
  '2023-02-29',
  '2026-11-27T09:30:00Z',
  '2026-11-27T09:30:00',
  '24:00',
  '12:30',
  'a@b.co',
  'https://example.com',
  'javascript:alert(1)',
  '+14155550123',
  '123e4567-e89b-12d3-a456-426614174000',
  'active',
  'email',
  0,
  -1,
  1,
  0.5,
  1.5,
  100,
  101,
  2 ** 53,
  -(2 ** 53),
  1e308,
  true,
  false,
  null,
  [],
  {},
  { amount: 100, currency: 'USD' },
  { amount: 1.5, currency: 'USD' },
);

/** Replacement values for mutations: arbitrary JSON, near misses and pollution payloads. */
export const replacementArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 3 },
  { arbitrary: sampleLeafArbitrary, weight: 3 },
  { arbitrary: pollutingArbitrary, weight: 1 },
);

function containersOf(value: unknown, out: object[]): object[] {
  if (typeof value !== 'object' || value === null) return out;
  out.push(value);
  if (Array.isArray(value)) for (const item of value) containersOf(item, out);
  else for (const key of Object.keys(value)) containersOf(Reflect.get(value, key), out);
  return out;
}

/** Small edits of a leaf value: off-by-one numbers, case changes, stray characters. */
function tweak(value: unknown, which: number): unknown {
  if (typeof value === 'number') {
    const options = [value + 1, value - 1, -value, value + 0.5, 0, value * 1e6, Number.MAX_SAFE_INTEGER + 2];
    return options[which % options.length];
  }
  if (typeof value === 'string') {
    const options = [
      `${value} `,
      ` ${value}`,
      value.toUpperCase(),
      value.toLowerCase(),
      value.slice(0, -1),
      `${value}\uD800`,
      `${value}😀`,
      `${value}${value}`,
      '',
    ];
    return options[which % options.length];
  }
  if (typeof value === 'boolean') return which % 2 === 0 ? String(value) : Number(value);
  return null;
}

type MutationKind = 'replace' | 'delete' | 'add' | 'null' | 'tweak' | 'duplicate';

interface Mutation {
  readonly kind: MutationKind;
  readonly where: number;
  readonly which: number;
  readonly key: string;
  readonly value: unknown;
}

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<MutationKind>('replace', 'delete', 'add', 'null', 'tweak', 'duplicate'),
  where: fc.nat(),
  which: fc.nat(),
  key: keyArbitrary,
  value: replacementArbitrary,
});

/** Applies one mutation to a container chosen among all objects and arrays in `root` (in place). */
function mutate(root: unknown, m: Mutation): void {
  const containers = containersOf(root, []);
  const target = containers[m.where % containers.length];
  if (target === undefined) return;
  const value = cloneData(m.value);
  if (Array.isArray(target)) {
    const i = target.length === 0 ? 0 : m.which % target.length;
    if (m.kind === 'delete') target.splice(i, 1);
    else if (m.kind === 'add') target.push(value);
    else if (m.kind === 'duplicate') target.push(cloneData(target[i] ?? value));
    else if (m.kind === 'null') target[i] = null;
    else if (m.kind === 'tweak') target[i] = tweak(target[i], m.which);
    else target[i] = value;
    return;
  }
  const keys = Object.keys(target);
  const key = keys.length === 0 || m.kind === 'add' ? m.key : (keys[m.which % keys.length] ?? m.key);
  if (m.kind === 'delete') Reflect.deleteProperty(target, key);
  else if (m.kind === 'null') defineOwn(target, key, null);
  else if (m.kind === 'tweak') defineOwn(target, key, tweak(Reflect.get(target, key), m.which));
  else if (m.kind === 'duplicate') defineOwn(target, m.key, cloneData(Reflect.get(target, key)));
  else defineOwn(target, key, value);
}

/** A valid value of the model, and a copy of it with one to three mutations applied anywhere inside. */
export function validAndMutated(
  model: AnySchemaModel,
): fc.Arbitrary<{ readonly valid: Record<string, unknown>; readonly mutated: unknown }> {
  return fc
    .tuple(validValue(model), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }))
    .map(([valid, mutations]) => {
      const mutated = cloneData(valid);
      for (const m of mutations) mutate(mutated, m);
      return { valid, mutated };
    });
}

/** Objects keyed by the model's own field names (plus gadgets) with arbitrary values. */
export function keyedObject(model: AnySchemaModel): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(model.fields);
  const key = fc.oneof(fc.constantFrom(...names), keyArbitrary);
  const value = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    replacementArbitrary,
    ...Object.values(model.fields as Readonly<Record<string, FieldConfig>>).map(fieldArbitrary),
  );
  return fc.array(fc.tuple(key, value), { maxLength: names.length + 2 }).map(objectFrom);
}

/** Objects with many keys (around the cap of 20 reported unknown keys), some of them declared. */
export function manyKeys(model: AnySchemaModel): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    fc.constantFrom(...Object.keys(model.fields)),
    keyArbitrary,
    fc.string({ maxLength: 3 }),
  );
  return fc
    .array(fc.tuple(key, fc.jsonValue({ maxDepth: 0 })), { minLength: 15, maxLength: 30 })
    .map(objectFrom);
}

/** JSON text with `__proto__`/`constructor`/`prototype` keys, parsed (JSON.parse makes them own keys). */
export function protoKeyedJson(model: AnySchemaModel): fc.Arbitrary<unknown> {
  const names = Object.keys(model.fields);
  const entry = fc.tuple(
    fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...names)),
    fc.oneof(pollutingArbitrary, fc.jsonValue({ maxDepth: 2 })),
  );
  return fc.array(entry, { minLength: 1, maxLength: 4 }).map((entries) => {
    const body = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
    return JSON.parse(`{${body}}`);
  });
}

/** Anything fast-check can build, including boxed values, Maps, null-prototype objects and holes. */
export const anythingArbitrary: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  key: keyArbitrary,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});
