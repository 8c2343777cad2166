import { DEFAULT_MAX_ITEMS, type FieldConfig, type FieldType } from '../field.js';
import type { Issue, PathSegment } from '../issues.js';
import type { AnySchemaModel } from '../model.js';
import {
  MAX_UNKNOWN_KEYS_REPORTED,
  report,
  reportAt,
  reportFailure,
  reportUnknownKey,
} from './issue-list.js';
import { leafOf } from './leaf.js';

/** Returned in place of a value when validation of that value failed. */
export const FAILED: unique symbol = Symbol('failed');

/** `decode`: wire data to application values. `encode`: application values to wire data. */
export type Direction = 'decode' | 'encode';

function runType(
  type: FieldType,
  value: unknown,
  dir: Direction,
  path: PathSegment[],
  issues: Issue[],
): unknown {
  if (type.kind === 'model') return runModel(type, value, dir, path, issues);
  const leaf = leafOf(type);
  if (dir === 'encode') {
    const r = leaf.encode(value);
    if ('value' in r) return r.value;
    reportFailure(issues, path, r);
    return FAILED;
  }
  const failure = leaf.check(value);
  if (failure !== undefined) {
    reportFailure(issues, path, failure);
    return FAILED;
  }
  return leaf.decode === undefined ? value : leaf.decode(value);
}

function runArray(
  field: FieldConfig,
  value: unknown,
  dir: Direction,
  path: PathSegment[],
  issues: Issue[],
): unknown {
  if (!Array.isArray(value)) {
    report(issues, path, 'invalid_type', 'must be an array');
    return FAILED;
  }
  const max = field.maxItems ?? DEFAULT_MAX_ITEMS;
  if (value.length > max) {
    report(issues, path, 'too_big', `must have at most ${max} items`);
    return FAILED;
  }
  if (field.minItems !== undefined && value.length < field.minItems) {
    report(issues, path, 'too_small', `must have at least ${field.minItems} items`);
    return FAILED;
  }
  const out: unknown[] = new Array(value.length);
  let ok = true;
  for (let i = 0; i < value.length; i++) {
    path.push(i);
    const item = runType(field.type, value[i], dir, path, issues);
    path.pop();
    if (item === FAILED) ok = false;
    else out[i] = item;
  }
  return ok ? out : FAILED;
}

/** Validates one present field value (not `undefined`); exported for definition-time checks. */
export function runFieldValue(
  field: FieldConfig,
  value: unknown,
  dir: Direction,
  path: PathSegment[],
  issues: Issue[],
): unknown {
  if (value === null) {
    if (field.isNullable === true) return null;
    report(issues, path, 'invalid_type', 'must not be null');
    return FAILED;
  }
  return field.isArray === true
    ? runArray(field, value, dir, path, issues)
    : runType(field.type, value, dir, path, issues);
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * An inherited field as encoding reads it: from a class prototype (getters included), never from
 * `Object.prototype` (its `toString` is no field, and a polluted prototype must not fill one).
 */
export function inheritedField(value: object, key: string): unknown {
  for (
    let p = Object.getPrototypeOf(value);
    p !== null && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    if (hasOwn.call(p, key)) return (value as Record<string, unknown>)[key];
  }
  return undefined;
}

/** Decoding reads own enumerable properties only (what JSON has); encoding also reads inherited ones. */
function readField(value: object, key: string, dir: Direction): unknown {
  if (dir === 'decode')
    return isOwnEnumerable.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : inheritedField(value, key);
}

/** Interprets a model against a value, collecting every issue; the fallback when code generation is off. */
export function runModel(
  model: AnySchemaModel,
  value: unknown,
  dir: Direction,
  path: PathSegment[],
  issues: Issue[],
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report(issues, path, 'invalid_type', 'must be an object');
    return FAILED;
  }
  const before = issues.length;
  const out: Record<string, unknown> = {};
  const fields: Readonly<Record<string, FieldConfig>> = model.fields;
  for (const key of Object.keys(fields)) {
    const field = fields[key] as FieldConfig;
    let raw = readField(value, key, dir);
    if (raw === undefined && dir === 'decode') raw = field.default;
    if (raw === undefined) {
      if (!field.isOptional) reportAt(issues, path, key, 'required', 'is required');
      continue;
    }
    path.push(key);
    const decoded = runFieldValue(field, raw, dir, path, issues);
    path.pop();
    if (decoded !== FAILED) out[key] = decoded;
  }
  if (dir === 'decode' && model.unknownKeys === 'reject') {
    let reported = 0;
    for (const key in value) {
      if (Object.hasOwn(fields, key) || !Object.hasOwn(value, key)) continue;
      reportUnknownKey(issues, path, key);
      if (++reported >= MAX_UNKNOWN_KEYS_REPORTED) break;
    }
  }
  return issues.length === before ? out : FAILED;
}
