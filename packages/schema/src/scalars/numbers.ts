import type { ScalarType } from '../scalar-type.js';
import { type NumberBounds, type NumberRules, numberScalar, withBounds } from './number-rules.js';

const SAFE = Number.MAX_SAFE_INTEGER;

function build(base: NumberRules, bounds: NumberBounds | undefined): ScalarType<number> {
  return numberScalar(withBounds(base, bounds));
}

/** Any finite number (NaN and ±Infinity are rejected; `-0` becomes `0`). */
export function numberType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'Number' }, bounds);
}

/** Alias of {@link numberType}, named for readers coming from GraphQL. */
export function floatType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'Float' }, bounds);
}

/** A finite number greater than 0. */
export function positiveNumberType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'PositiveNumber', exclusiveMinimum: 0 }, bounds);
}

/** A finite number greater than or equal to 0. */
export function nonNegativeNumberType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'NonNegativeNumber', minimum: 0 }, bounds);
}

/** A safe integer (|n| <= 2^53 - 1). */
export function intType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'Int', integer: true, minimum: -SAFE, maximum: SAFE }, bounds);
}

/** A safe integer greater than 0. */
export function positiveIntType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'PositiveInt', integer: true, minimum: 1, maximum: SAFE }, bounds);
}

/** A safe integer greater than or equal to 0. */
export function nonNegativeIntType(bounds?: NumberBounds): ScalarType<number> {
  return build({ name: 'NonNegativeInt', integer: true, minimum: 0, maximum: SAFE }, bounds);
}
