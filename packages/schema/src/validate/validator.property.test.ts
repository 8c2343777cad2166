/**
 * Property-based tests of model validation: the compiled validators (`model.validate`, generated
 * code) against the interpreter (`interpretModel`), on hostile, near-valid and valid inputs.
 *
 * Replaying a failure: fast-check prints the `seed` (and `path`) of a failing run. Re-run with
 * `FC_SEED=<seed> [FC_PATH=<path>] npx vitest run packages/schema/src/validate/validator.property.test.ts -t '<name>'`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldConfig, FieldType } from '../field.js';
import type { Issue, ValidationResult } from '../issues.js';
import type { AnySchemaModel } from '../model.js';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import { dateTimeWithInstant, fcParams, PROTO_KEYS } from './arbitraries.fixture.js';
import {
  anythingArbitrary,
  keyedObject,
  manyKeys,
  protoKeyedJson,
  validAndMutated,
} from './hostile-inputs.fixture.js';
import { Preferences, TEST_MODELS } from './models.fixture.js';
import { interpretEncode, interpretModel } from './validator.js';

const RUNS = 10_000;
const TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Global state: nothing may be added to (or removed from) the built-in prototypes.
// ---------------------------------------------------------------------------------------------

const OBJECT_PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const OBJECT_PROTO_VALUES = OBJECT_PROTO_NAMES.map((name) => Reflect.get(Object.prototype, name));
const ARRAY_PROTO_NAME_COUNT = Object.getOwnPropertyNames(Array.prototype).length;
const GADGETS = ['polluted', 'isAdmin'] as const;

/** Checks the names and values of Object.prototype, and (cheaper) the name count of Array.prototype. */
function assertPrototypesIntact(): void {
  const now = Object.getOwnPropertyNames(Object.prototype);
  if (now.length !== OBJECT_PROTO_NAMES.length) throw new Error('Object.prototype gained or lost a property');
  for (let i = 0; i < now.length; i++) {
    const name = OBJECT_PROTO_NAMES[i] as string;
    if (now[i] !== name || !Object.is(Reflect.get(Object.prototype, name), OBJECT_PROTO_VALUES[i]))
      throw new Error(`Object.prototype.${name} was changed`);
  }
  if (Object.getOwnPropertyNames(Array.prototype).length !== ARRAY_PROTO_NAME_COUNT)
    throw new Error('Array.prototype gained or lost a property');
  for (const gadget of GADGETS) {
    if (Reflect.get({}, gadget) !== undefined || Reflect.get([], gadget) !== undefined)
      throw new Error(`a prototype gained "${gadget}"`);
  }
  if (Object.getPrototypeOf(Object.prototype) !== null)
    throw new Error("Object.prototype's prototype changed");
}

// ---------------------------------------------------------------------------------------------
// Exact comparison of results: key order, -0 vs 0, prototypes and Date instants all count.
// ---------------------------------------------------------------------------------------------

function differenceBetween(a: unknown, b: unknown, at: string): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${at}: ${fc.stringify(a)} !== ${fc.stringify(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different prototypes`;
  if (a instanceof Date && b instanceof Date) {
    return Object.is(a.getTime(), b.getTime()) ? undefined : `${at}: ${a.getTime()} !== ${b.getTime()}`;
  }
  // Own enumerable keys in order (array indices included); hidden keys are the shape check's job.
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  let same = ka.length === kb.length;
  for (let i = 0; same && i < ka.length; i++) same = ka[i] === kb[i];
  if (!same) return `${at}: keys [${ka.join(',')}] vs [${kb.join(',')}]`;
  for (const key of ka) {
    const d = differenceBetween(Reflect.get(a, key), Reflect.get(b, key), `${at}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function assertSameResult(compiled: ValidationResult<unknown>, interpreted: ValidationResult<unknown>): void {
  const d = differenceBetween(compiled, interpreted, 'result');
  if (d !== undefined) {
    throw new Error(
      `compiled and interpreted validators disagree (${d})\ncompiled: ${fc.stringify(compiled)}\ninterpreted: ${fc.stringify(interpreted)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// An independent checker of the static output type's runtime shape, driven by field definitions.
// ---------------------------------------------------------------------------------------------

const STRING_SCALARS = new Set([
  'String',
  'NonEmptyString',
  'ID',
  'UUID',
  'Email',
  'URL',
  'PhoneNumber',
  'Locale',
  'Date',
  'Time',
  'Currency',
  'CountryCode',
]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function jsonShapeError(v: unknown, at: string): string | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${at}: non-finite number in JSON`;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return `${at}: JSON array with odd prototype`;
    for (let i = 0; i < v.length; i++) {
      if (!Object.hasOwn(v, i)) return `${at}[${i}]: hole in JSON array`;
      const e = jsonShapeError(v[i], `${at}[${i}]`);
      if (e !== undefined) return e;
    }
    return undefined;
  }
  if (!isPlainObject(v)) return `${at}: JSON object is not a plain object`;
  if (Reflect.ownKeys(v).length !== Object.keys(v).length) return `${at}: hidden or symbol keys`;
  for (const key of Object.keys(v)) {
    if ((PROTO_KEYS as readonly string[]).includes(key)) return `${at}: forbidden key ${key} in JSON`;
    const e = jsonShapeError(v[key], `${at}.${key}`);
    if (e !== undefined) return e;
  }
  return undefined;
}

function scalarShapeError(name: string, v: unknown, at: string): string | undefined {
  const bad = (what: string) => `${at}: expected ${what} for ${name}, got ${fc.stringify(v)}`;
  if (STRING_SCALARS.has(name)) return typeof v === 'string' ? undefined : bad('a string');
  switch (name) {
    case 'Int':
      return Number.isSafeInteger(v) && !Object.is(v, -0) ? undefined : bad('a safe integer');
    case 'PositiveInt':
      return Number.isSafeInteger(v) && (v as number) > 0 ? undefined : bad('a positive safe integer');
    case 'NonNegativeInt':
      return Number.isSafeInteger(v) && (v as number) >= 0 && !Object.is(v, -0)
        ? undefined
        : bad('a safe integer >= 0');
    case 'Number':
    case 'Float':
      return Number.isFinite(v) && !Object.is(v, -0) ? undefined : bad('a finite number (not -0)');
    case 'PositiveNumber':
      return Number.isFinite(v) && (v as number) > 0 ? undefined : bad('a finite number > 0');
    case 'NonNegativeNumber':
      return Number.isFinite(v) && (v as number) >= 0 && !Object.is(v, -0)
        ? undefined
        : bad('a finite number >= 0');
    case 'Boolean':
      return typeof v === 'boolean' ? undefined : bad('a boolean');
    case 'DateTime':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? undefined : bad('a valid Date');
    case 'Money': {
      if (!isPlainObject(v)) return bad('a plain object');
      const keys = Object.keys(v).sort().join(',');
      if (keys !== 'amount,currency' || Reflect.ownKeys(v).length !== 2)
        return bad('exactly { amount, currency }');
      if (!Number.isSafeInteger(v.amount) || Object.is(v.amount, -0)) return bad('an integer amount');
      return typeof v.currency === 'string' && /^[A-Z]{3}$/.test(v.currency)
        ? undefined
        : bad('a currency code');
    }
    case 'JSON':
      return jsonShapeError(v, at);
    case 'JSONObject':
      return isPlainObject(v) ? jsonShapeError(v, at) : bad('a JSON object');
    default:
      return `${at}: the shape checker does not know scalar ${name}`;
  }
}

function itemShapeError(type: FieldType, v: unknown, at: string): string | undefined {
  if (type.kind === 'model') return modelShapeError(type, v, at);
  if (type.kind === 'enum') {
    return typeof v === 'string' && type.values.includes(v)
      ? undefined
      : `${at}: not a value of ${type.name}`;
  }
  return scalarShapeError(type.name, v, at);
}

function modelShapeError(model: AnySchemaModel, v: unknown, at: string): string | undefined {
  if (!isPlainObject(v)) return `${at}: ${model.name} output is not a plain object with Object.prototype`;
  const fields = model.fields as Readonly<Record<string, FieldConfig>>;
  if (Reflect.ownKeys(v).length !== Object.keys(v).length) return `${at}: hidden or symbol keys`;
  for (const key of Object.keys(v)) if (!Object.hasOwn(fields, key)) return `${at}: undeclared key "${key}"`;
  for (const [name, field] of Object.entries(fields)) {
    const where = `${at}.${name}`;
    if (!Object.hasOwn(v, name)) {
      if (!field.isOptional) return `${where}: required key missing`;
      if (field.default !== undefined) return `${where}: defaulted key missing`;
      continue;
    }
    const value = v[name];
    if (value === undefined) return `${where}: present but undefined`;
    if (value === null) {
      if (field.isNullable !== true) return `${where}: null in a non-nullable field`;
      continue;
    }
    if (field.isArray === true) {
      if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype)
        return `${where}: not an array`;
      if (value.length < (field.minItems ?? 0) || value.length > (field.maxItems ?? 1000))
        return `${where}: ${value.length} items is out of bounds`;
      for (let i = 0; i < value.length; i++) {
        if (!Object.hasOwn(value, i)) return `${where}[${i}]: hole`;
        const e = itemShapeError(field.type, value[i], `${where}[${i}]`);
        if (e !== undefined) return e;
      }
    } else {
      const e = itemShapeError(field.type, value, where);
      if (e !== undefined) return e;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Freshness: no object of the output is an object of the input or a shared default.
// ---------------------------------------------------------------------------------------------

function collectObjects(v: unknown, into: Set<object>): Set<object> {
  if (typeof v !== 'object' || v === null || into.has(v)) return into;
  into.add(v);
  if (Array.isArray(v) || isPlainObject(v) || Object.getPrototypeOf(v) === null) {
    for (const key of Object.keys(v)) collectObjects(Reflect.get(v, key), into);
  }
  return into;
}

const defaultObjectsCache = new WeakMap<AnySchemaModel, Set<object>>();

function defaultObjects(model: AnySchemaModel, into = new Set<object>()): Set<object> {
  const cached = defaultObjectsCache.get(model);
  if (cached !== undefined) return cached;
  for (const field of Object.values(model.fields as Readonly<Record<string, FieldConfig>>)) {
    collectObjects(field.default, into);
    if (field.type.kind === 'model') defaultObjects(field.type, into);
  }
  defaultObjectsCache.set(model, into);
  return into;
}

function freshnessError(model: AnySchemaModel, input: unknown, output: unknown): string | undefined {
  const inputs = collectObjects(input, new Set());
  const defaults = defaultObjects(model);
  const seen = new Set<object>();
  const visit = (v: unknown, at: string): string | undefined => {
    if (typeof v !== 'object' || v === null) return undefined;
    if (inputs.has(v)) return `${at}: is an object of the input`;
    if (defaults.has(v)) return `${at}: is a shared default object`;
    if (seen.has(v)) return `${at}: the same object appears twice in the output`;
    seen.add(v);
    for (const key of Object.keys(v)) {
      const e = visit(Reflect.get(v, key), `${at}.${key}`);
      if (e !== undefined) return e;
    }
    return undefined;
  };
  return visit(output, 'value');
}

// ---------------------------------------------------------------------------------------------
// The invariants every input must satisfy.
// ---------------------------------------------------------------------------------------------

/**
 * True when two results share a mutable object. Frozen paths may be shared on purpose (root-level
 * issue paths are built once per model); they cannot be changed, so sharing them is safe.
 */
function sharesIssueObjects(a: readonly Issue[], b: readonly Issue[]): boolean {
  if (a === b) return true;
  const seen = new Set<object>();
  for (const issue of a) {
    seen.add(issue);
    if (!Object.isFrozen(issue.path)) seen.add(issue.path);
  }
  return b.some((issue) => seen.has(issue) || (!Object.isFrozen(issue.path) && seen.has(issue.path)));
}

/** A cheap snapshot of an input, to detect validators that modify what they read. */
function fingerprint(input: unknown): string {
  try {
    return JSON.stringify(input) ?? 'undefined';
  } catch {
    return fc.stringify(input); // BigInt and friends
  }
}

function checkInvariants(model: AnySchemaModel, input: unknown): ValidationResult<unknown> {
  const before = fingerprint(input);
  const compiled = model.validate(input);
  const interpreted = interpretModel(model, input);
  assertPrototypesIntact();
  assertSameResult(compiled, interpreted);
  // A second run gives the same result without sharing any array or object with the first.
  const again = model.validate(input);
  assertSameResult(again, compiled);
  const shared =
    again.ok && compiled.ok
      ? again.value === compiled.value
      : !again.ok && !compiled.ok && sharesIssueObjects(again.issues, compiled.issues);
  if (shared) throw new Error('two validation results share an object');
  if (fingerprint(input) !== before) throw new Error('validation changed its input');
  if (compiled.ok) {
    if (compiled.value === input) throw new Error('the output is the input object');
    const shape = modelShapeError(model, compiled.value, 'value');
    if (shape !== undefined) throw new Error(`accepted value has the wrong shape: ${shape}`);
    const fresh = freshnessError(model, input, compiled.value);
    if (fresh !== undefined) throw new Error(`accepted value is not fresh: ${fresh}`);
  } else if (compiled.issues.length === 0) {
    throw new Error('rejected without issues');
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Independent decoding of valid wire values (what the handler should receive).
// ---------------------------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function rfc3339ToMillis(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|([+-])(\d\d):(\d\d))$/.exec(text);
  if (m === null) throw new Error(`test bug: not a date-time: ${text}`);
  const n = (i: number) => Number(m[i] ?? '0');
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (n(10) * 60 + n(11));
  const days = daysFromCivil(n(1), n(2), n(3));
  return days * 86_400_000 + ((n(4) * 60 + n(5) - offset) * 60 + n(6)) * 1000 + millis;
}

function expectedItem(type: FieldType, v: unknown): unknown {
  if (type.kind === 'model') return expectedModel(type, v);
  if (type.kind === 'enum') return v;
  switch (type.name) {
    case 'DateTime':
      return new Date(rfc3339ToMillis(v as string));
    case 'Money': {
      const { amount, currency } = v as { amount: number; currency: string };
      return { amount: amount === 0 ? 0 : amount, currency };
    }
    case 'JSON':
    case 'JSONObject':
      return structuredClone(v);
    default:
      return typeof v === 'number' && v === 0 ? 0 : v;
  }
}

function expectedModel(model: AnySchemaModel, input: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(model.fields as Readonly<Record<string, FieldConfig>>)) {
    let raw = Object.hasOwn(input as object, name) ? Reflect.get(input as object, name) : undefined;
    if (raw === undefined) raw = field.default;
    if (raw === undefined) continue;
    if (raw === null) out[name] = null;
    else if (field.isArray === true) out[name] = (raw as unknown[]).map((x) => expectedItem(field.type, x));
    else out[name] = expectedItem(field.type, raw);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The properties.
// ---------------------------------------------------------------------------------------------

describe.each(Object.entries(TEST_MODELS))('model %s', (_name, model: AnySchemaModel) => {
  it(
    'arbitrary JSON, arbitrary values and gadget keys: never throws, never pollutes, modes agree',
    () => {
      const input = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        anythingArbitrary,
        keyedObject(model),
        protoKeyedJson(model),
        manyKeys(model),
      );
      fc.assert(
        fc.property(input, (v) => {
          checkInvariants(model, v);
        }),
        fcParams(RUNS, process.env),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'valid values are accepted and decode as expected; mutated copies keep every invariant',
    () => {
      fc.assert(
        fc.property(validAndMutated(model), ({ valid, mutated }) => {
          const result = checkInvariants(model, valid);
          if (!result.ok) throw new Error(`valid value rejected: ${fc.stringify(result.issues)}`);
          const d = differenceBetween(result.value, expectedModel(model, valid), 'value');
          if (d !== undefined) throw new Error(`decoded value differs from the expected one: ${d}`);
          checkInvariants(model, mutated);
        }),
        fcParams(RUNS, process.env),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'a polluted Object.prototype (enumerable or not) changes no result: only own keys are read',
    () => {
      const names = [...fieldNamesOf(model, new Set<string>()), 'amount', 'currency', 'polluted'];
      const pollution = fc.record({
        name: fc.constantFrom(...names),
        value: fc.oneof(fc.constantFrom('USD', 'x', 1, true, null, [], {}), fc.jsonValue({ maxDepth: 1 })),
        enumerable: fc.boolean(),
      });
      fc.assert(
        fc.property(validAndMutated(model), pollution, ({ valid, mutated }, { name, value, enumerable }) => {
          const clean = [valid, mutated].map((v) => [model.validate(v), interpretModel(model, v)]);
          let polluted: ValidationResult<unknown>[][];
          const original = Object.getOwnPropertyDescriptor(Object.prototype, name);
          Object.defineProperty(Object.prototype, name, {
            value,
            enumerable,
            configurable: true,
            writable: true,
          });
          try {
            polluted = [valid, mutated].map((v) => [model.validate(v), interpretModel(model, v)]);
          } finally {
            if (original === undefined) Reflect.deleteProperty(Object.prototype, name);
            else Object.defineProperty(Object.prototype, name, original);
          }
          assertPrototypesIntact();
          const d = differenceBetween(polluted, clean, 'results');
          if (d !== undefined) throw new Error(`Object.prototype.${name} changed a result: ${d}`);
        }),
        fcParams(500, process.env),
      );
    },
    TIMEOUT_MS,
  );
});

describe.each(Object.entries(TEST_MODELS))('encoding model %s', (_name, model: AnySchemaModel) => {
  it(
    'the compiled encoder agrees with the interpreter and round-trips decoded values',
    () => {
      const input = fc.oneof(
        validAndMutated(model).map(({ valid }) => ({ decodeFirst: true, value: valid })),
        validAndMutated(model).map(({ mutated }) => ({ decodeFirst: false, value: mutated })),
        fc
          .oneof(fc.jsonValue({ maxDepth: 3 }), anythingArbitrary)
          .map((value) => ({ decodeFirst: false, value })),
      );
      fc.assert(
        fc.property(input, ({ decodeFirst, value }) => {
          const decoded = decodeFirst ? model.validate(value) : undefined;
          const subject = decoded?.ok === true ? decoded.value : value;
          const compiled = model.encode(subject);
          assertPrototypesIntact();
          assertSameResult(compiled, interpretEncode(model, subject));
          if (decoded?.ok === true) {
            if (!compiled.ok)
              throw new Error(`a decoded value failed to encode: ${fc.stringify(compiled.issues)}`);
            const again = model.validate(compiled.value);
            assertSameResult(again, decoded);
          }
        }),
        fcParams(RUNS / 5, process.env),
      );
    },
    TIMEOUT_MS,
  );
});

describe('encoding reads declared fields the way application code sees them', () => {
  it('never takes a field from a polluted Object.prototype', () => {
    for (const model of Object.values(TEST_MODELS) as AnySchemaModel[]) {
      const names = [...fieldNamesOf(model, new Set<string>())];
      for (const name of names) {
        if (Object.hasOwn(Object.prototype, name)) continue;
        Object.defineProperty(Object.prototype, name, {
          value: 'polluted',
          configurable: true,
          writable: true,
        });
        try {
          for (const encode of [(v: unknown) => model.encode(v), (v: unknown) => interpretEncode(model, v)]) {
            const result = encode({});
            if (result.ok && Object.hasOwn(result.value as object, name))
              throw new Error(`${model.name}.${name} was filled from Object.prototype`);
          }
        } finally {
          Reflect.deleteProperty(Object.prototype, name);
        }
      }
    }
    assertPrototypesIntact();
  });

  it('takes getters and class fields, and drops undeclared keys', () => {
    const model = TEST_MODELS[Object.keys(TEST_MODELS)[0] as keyof typeof TEST_MODELS] as AnySchemaModel;
    const sample = fc.sample(validAndMutated(model), { numRuns: 20, seed: 7 });
    for (const { valid } of sample) {
      const decoded = model.validate(valid);
      if (!decoded.ok) continue;
      const fields = decoded.value as Record<string, unknown>;
      const proto: Record<string, unknown> = {};
      for (const key of Object.keys(fields)) Object.defineProperty(proto, key, { get: () => fields[key] });
      const instance = Object.create(proto) as Record<string, unknown>;
      instance.undeclaredExtra = 'dropped';
      const viaGetters = model.encode(instance);
      assertSameResult(viaGetters, interpretEncode(model, instance));
      assertSameResult(viaGetters, model.encode(fields));
    }
  });
});

function fieldNamesOf(model: AnySchemaModel, into: Set<string>): Set<string> {
  for (const [name, field] of Object.entries(model.fields as Readonly<Record<string, FieldConfig>>)) {
    if (into.has(name)) continue;
    into.add(name);
    if (field.type.kind === 'model') fieldNamesOf(field.type, into);
  }
  return into;
}

describe('fixture models', () => {
  it('cover every built-in scalar', () => {
    const used = new Set<string>();
    const visit = (model: AnySchemaModel): void => {
      for (const field of Object.values(model.fields as Readonly<Record<string, FieldConfig>>)) {
        if (field.type.kind === 'model') visit(field.type);
        else if (field.type.kind === 'scalar') used.add(field.type.name);
      }
    };
    for (const model of Object.values(TEST_MODELS)) visit(model);
    expect([...used].sort()).toEqual(Object.keys(ScalarTypeEnum).sort());
  });
});

describe('DateTime decoding', () => {
  it('decodes an RFC 3339 string to the instant it denotes (fraction truncated to ms)', () => {
    fc.assert(
      fc.property(dateTimeWithInstant, ({ text, instant }) => {
        for (const result of [
          Preferences.validate({ mutedUntil: text }),
          interpretModel(Preferences, { mutedUntil: text }),
        ]) {
          expect(result.ok).toBe(true);
          const decoded = result.ok ? Reflect.get(result.value as object, 'mutedUntil') : undefined;
          expect(decoded).toBeInstanceOf(Date);
          expect((decoded as Date).getTime()).toBe(instant);
          expect(rfc3339ToMillis(text)).toBe(instant);
        }
      }),
      fcParams(2_000, process.env),
    );
  });
});
