import { type Failure, fail } from '../issues.js';
import { ScalarType } from '../scalar-type.js';

/** Declarative rules a number scalar is built from; JSON Schema and checks derive from them. */
export interface NumberRules {
  readonly name: string;
  readonly description?: string | undefined;
  readonly integer?: boolean | undefined;
  readonly minimum?: number | undefined;
  readonly exclusiveMinimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly exclusiveMaximum?: number | undefined;
}

/** Bounds a caller may put on any number scalar. */
export interface NumberBounds {
  /** Smallest accepted value (inclusive). */
  readonly min?: number;
  /** Largest accepted value (inclusive). */
  readonly max?: number;
  readonly description?: string;
}

function assertBound(name: string, key: string, value: number | undefined): void {
  if (value !== undefined && !Number.isFinite(value)) {
    throw new TypeError(`${name}: option "${key}" must be a finite number, got ${String(value)}`);
  }
}

function buildCheck(rules: NumberRules): (value: unknown) => Failure | undefined {
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = rules;
  const integer = rules.integer === true;
  // Failures are built once: a rejected value allocates nothing here.
  const notNumber = fail('invalid_type', 'must be a number');
  const notFinite = fail('not_finite', 'must be a finite number');
  const notInteger = fail('not_integer', 'must be an integer');
  const belowExclusive = fail('too_small', `must be greater than ${exclusiveMinimum}`);
  const below = fail('too_small', `must be at least ${minimum}`);
  const aboveExclusive = fail('too_big', `must be less than ${exclusiveMaximum}`);
  const above = fail('too_big', `must be at most ${maximum}`);
  return (value) => {
    if (typeof value !== 'number') return notNumber;
    if (!Number.isFinite(value)) return notFinite;
    if (integer && !Number.isInteger(value)) return notInteger;
    if (exclusiveMinimum !== undefined && !(value > exclusiveMinimum)) return belowExclusive;
    if (minimum !== undefined && value < minimum) return below;
    if (exclusiveMaximum !== undefined && !(value < exclusiveMaximum)) return aboveExclusive;
    if (maximum !== undefined && value > maximum) return above;
    return undefined;
  };
}

function buildFastCheck(rules: NumberRules): (v: string) => string {
  return (v) => {
    const parts = [`typeof ${v} === 'number'`];
    // Every bound check() applies must appear here: a scalar may carry both an exclusive and an
    // inclusive bound (PositiveNumber({ min: 5 }) has exclusiveMinimum 0 and minimum 5).
    if (rules.exclusiveMinimum !== undefined) parts.push(`${v} > ${rules.exclusiveMinimum}`);
    if (rules.minimum !== undefined) parts.push(`${v} >= ${rules.minimum}`);
    if (rules.exclusiveMinimum === undefined && rules.minimum === undefined) parts.push(`${v} > -Infinity`);
    if (rules.exclusiveMaximum !== undefined) parts.push(`${v} < ${rules.exclusiveMaximum}`);
    if (rules.maximum !== undefined) parts.push(`${v} <= ${rules.maximum}`);
    if (rules.exclusiveMaximum === undefined && rules.maximum === undefined) parts.push(`${v} < Infinity`);
    if (rules.integer === true) parts.push(`Number.isInteger(${v})`);
    return parts.join(' && ');
  };
}

/** Builds a number scalar whose checks, fast path and JSON Schema all come from one rule set. */
export function numberScalar(rules: NumberRules): ScalarType<number, number> {
  for (const key of ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'] as const) {
    assertBound(rules.name, key, rules[key]);
  }
  const schema: Record<string, unknown> = { type: rules.integer === true ? 'integer' : 'number' };
  for (const key of ['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'] as const) {
    if (rules[key] !== undefined) schema[key] = rules[key];
  }
  if (rules.description !== undefined) schema.description = rules.description;
  return new ScalarType<number, number>({
    name: rules.name,
    description: rules.description,
    jsonSchema: schema,
    check: buildCheck(rules),
    emitFastCheck: buildFastCheck(rules),
    decode: (value) => value + 0,
    emitDecode: (v) => `(${v} + 0)`,
  });
}

/** Merges caller bounds into a base rule set, keeping the tighter limit. */
export function withBounds(base: NumberRules, bounds: NumberBounds | undefined): NumberRules {
  if (bounds === undefined) return base;
  assertBound(base.name, 'min', bounds.min);
  assertBound(base.name, 'max', bounds.max);
  const minimum =
    bounds.min === undefined ? base.minimum : Math.max(bounds.min, base.minimum ?? Number.NEGATIVE_INFINITY);
  const maximum =
    bounds.max === undefined ? base.maximum : Math.min(bounds.max, base.maximum ?? Number.POSITIVE_INFINITY);
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    throw new TypeError(`${base.name}: min ${minimum} is greater than max ${maximum}`);
  }
  const { exclusiveMinimum, exclusiveMaximum } = base;
  if (
    (exclusiveMinimum !== undefined && maximum !== undefined && maximum <= exclusiveMinimum) ||
    (exclusiveMaximum !== undefined && minimum !== undefined && minimum >= exclusiveMaximum)
  ) {
    throw new TypeError(`${base.name}: bounds min ${minimum} / max ${maximum} leave no accepted value`);
  }
  return { ...base, minimum, maximum, description: bounds.description ?? base.description };
}
