import type { Schema } from './normalize.js';
import type { Effect } from './types.js';

/** A bound on numbers, lengths or counts. */
export interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/** What happened to one bound, for a message. */
export interface BoundChange {
  readonly effect: Effect;
  readonly what: 'added' | 'removed' | 'raised' | 'lowered';
  readonly message: string;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function tighter(a: Bound, b: Bound, lower: boolean): Bound {
  if (a.value !== b.value) return (lower ? a.value > b.value : a.value < b.value) ? a : b;
  return a.exclusive ? a : b;
}

/** The lower (or upper) numeric bound: `minimum`/`exclusiveMinimum` in 2020-12 or OpenAPI 3.0 style. */
export function numericBound(schema: Schema, lower: boolean): Bound | undefined {
  const inclusive = num(schema[lower ? 'minimum' : 'maximum']);
  const exclusiveKey = schema[lower ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  const bounds: Bound[] = [];
  if (inclusive !== undefined) bounds.push({ value: inclusive, exclusive: exclusiveKey === true });
  if (typeof exclusiveKey === 'number') bounds.push({ value: exclusiveKey, exclusive: true });
  return bounds.reduce<Bound | undefined>(
    (acc, b) => (acc === undefined ? b : tighter(acc, b, lower)),
    undefined,
  );
}

/** A count bound such as `minLength` or `maxItems`. */
export function countBound(schema: Schema, keyword: string): Bound | undefined {
  const value = num(schema[keyword]);
  return value === undefined ? undefined : { value, exclusive: false };
}

function show(bound: Bound): string {
  return bound.exclusive ? `${bound.value} (exclusive)` : String(bound.value);
}

/**
 * How a lower (`lower: true`) or upper bound moved, or undefined when it did not: a tighter bound
 * narrows what the schema admits, a looser or removed one widens it.
 */
export function compareBound(
  label: string,
  before: Bound | undefined,
  after: Bound | undefined,
  lower: boolean,
): BoundChange | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined && after !== undefined)
    return { effect: 'narrowed', what: 'added', message: `${label} ${show(after)} added` };
  if (after === undefined && before !== undefined)
    return { effect: 'widened', what: 'removed', message: `${label} ${show(before)} removed` };
  if (before === undefined || after === undefined) return undefined;
  if (before.value === after.value && before.exclusive === after.exclusive) return undefined;
  const narrowed = tighter(before, after, lower) === after;
  const raised = after.value > before.value || (after.value === before.value && lower === after.exclusive);
  return {
    effect: narrowed ? 'narrowed' : 'widened',
    what: raised ? 'raised' : 'lowered',
    message: `${label} ${raised ? 'raised' : 'lowered'} from ${show(before)} to ${show(after)}`,
  };
}
