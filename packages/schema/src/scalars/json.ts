import { type Failure, fail, type PathSegment } from '../issues.js';
import { ScalarType } from '../scalar-type.js';

/** A JSON value as the handler receives it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Limits that keep work on hostile JSON bounded. */
export interface JsonOptions {
  /** Deepest nesting accepted (default 32). JSON Schema cannot express this limit. */
  readonly maxDepth?: number;
  /** Most values (objects, arrays and leaves together) accepted (default 10,000). */
  readonly maxNodes?: number;
  readonly description?: string;
}

/** Keys never accepted inside JSON values: they are prototype-pollution gadgets. */
export const FORBIDDEN_KEYS: readonly string[] = Object.freeze(['__proto__', 'constructor', 'prototype']);
const FORBIDDEN = new Set(FORBIDDEN_KEYS);

interface Walk {
  nodes: number;
  readonly maxDepth: number;
  readonly maxNodes: number;
}

function walk(value: unknown, depth: number, path: PathSegment[], state: Walk): Failure | undefined {
  if (++state.nodes > state.maxNodes)
    return fail('too_big', `must hold at most ${state.maxNodes} values`, [...path]);
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : fail('not_finite', 'must be a finite number', [...path]);
  }
  if (typeof value === 'string') {
    return value.isWellFormed()
      ? undefined
      : fail('invalid_string', 'must not contain unpaired surrogate characters', [...path]);
  }
  if (typeof value !== 'object') return fail('invalid_type', 'must be a JSON value', [...path]);
  if (depth >= state.maxDepth)
    return fail('too_deep', `must be nested at most ${state.maxDepth} levels deep`, [...path]);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const failure = walk(value[i], depth + 1, path, state);
      path.pop();
      if (failure !== undefined) return failure;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    return fail('invalid_type', 'must be a plain JSON object', [...path]);
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key))
      return fail('forbidden_key', 'is a reserved key and never accepted', [...path, key]);
    path.push(key);
    const failure = walk((value as Record<string, unknown>)[key], depth + 1, path, state);
    path.pop();
    if (failure !== undefined) return failure;
  }
  return undefined;
}

/** Deep-copies a checked JSON value into fresh plain objects and arrays. */
function copy(value: unknown): JsonValue {
  if (value === null || typeof value !== 'object') return value as JsonValue;
  if (Array.isArray(value)) {
    // Not `value.map`: it builds the result through `value.constructor[Symbol.species]`, so an
    // Array subclass (or an own `constructor` property) would run foreign code and skip the copy.
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

const JSON_VALUE_REF = { $ref: '#/$defs/JsonValue' };
const KEY_RULE = { not: { enum: [...FORBIDDEN_KEYS] } };
const STRING_RULE = '^[^\\uD800-\\uDFFF]*$';

/** The recursive JSON Schema definition shared by the JSON scalars (`$defs/JsonValue`). */
export const JSON_VALUE_SCHEMA = Object.freeze({
  type: ['null', 'boolean', 'number', 'string', 'array', 'object'],
  pattern: STRING_RULE,
  items: JSON_VALUE_REF,
  additionalProperties: JSON_VALUE_REF,
  propertyNames: KEY_RULE,
});

/** A limit must be a non-negative integer: NaN or Infinity would silently switch the limit off. */
function limitOption(name: string, key: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${name}: option "${key}" must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function jsonScalar<T extends JsonValue>(
  name: string,
  objectOnly: boolean,
  options: JsonOptions | undefined,
): ScalarType<T> {
  const maxDepth = limitOption(name, 'maxDepth', options?.maxDepth) ?? 32;
  const maxNodes = limitOption(name, 'maxNodes', options?.maxNodes) ?? 10_000;
  const root = objectOnly
    ? { type: 'object', additionalProperties: JSON_VALUE_REF, propertyNames: KEY_RULE }
    : JSON_VALUE_REF;
  return new ScalarType<T>({
    name,
    description: options?.description,
    defs: { JsonValue: JSON_VALUE_SCHEMA },
    jsonSchema: options?.description === undefined ? root : { ...root, description: options.description },
    check: (value) => {
      if (objectOnly && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        return fail('invalid_type', 'must be a JSON object');
      }
      return walk(value, 0, [], { nodes: 0, maxDepth, maxNodes });
    },
    decode: (value) => copy(value) as T,
    encode: (value) => walk(value, 0, [], { nodes: 0, maxDepth, maxNodes }) ?? { value: copy(value) as T },
  });
}

/** Any JSON value, deep-copied; `__proto__`, `constructor` and `prototype` keys are rejected. */
export function jsonType(options?: JsonOptions): ScalarType<JsonValue> {
  return jsonScalar<JsonValue>('JSON', false, options);
}

/** A JSON object (not an array or primitive), with the same rules as {@link jsonType}. */
export function jsonObjectType(options?: JsonOptions): ScalarType<JsonObject> {
  return jsonScalar<JsonObject>('JSONObject', true, options);
}
