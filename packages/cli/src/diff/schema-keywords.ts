import { compareBound, countBound, numericBound } from './bounds.js';
import { type Normalized, type Schema, sameJson, typesWithin } from './normalize.js';
import { type Direction, type Effect, type Severity, severityOf } from './types.js';

/** A schema change, before it is attached to an operation. */
export interface SchemaChange {
  readonly kind: string;
  readonly severity: Severity;
  readonly path: string;
  readonly message: string;
}

/** One comparison under way: the direction, both roots (for `$ref`s) and the changes found. */
export interface Walk {
  readonly direction: Direction;
  readonly before: Schema;
  readonly after: Schema;
  readonly out: SchemaChange[];
}

const COUNTS: readonly [string, string][] = [
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minProperties', 'maxProperties'],
];

/** Records a change whose severity follows from its effect and the direction. */
export function emit(walk: Walk, path: string, kind: string, effect: Effect, message: string): void {
  walk.out.push({
    kind: `${walk.direction}.${kind}`,
    severity: severityOf(walk.direction, effect),
    path,
    message,
  });
}

/** Records a change of a fixed severity. */
export function emitAs(walk: Walk, path: string, kind: string, severity: Severity, message: string): void {
  walk.out.push({ kind: `${walk.direction}.${kind}`, severity, path, message });
}

const list = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
const typeList = (types: ReadonlySet<string> | undefined) =>
  types === undefined ? 'any' : [...types].sort().join(' | ');

/** Null-ability and types; false when the types no longer overlap (nothing else is worth comparing). */
export function compareTypes(walk: Walk, path: string, a: Normalized, b: Normalized): boolean {
  if (a.nullable !== b.nullable)
    emit(
      walk,
      path,
      b.nullable ? 'nullable-added' : 'nullable-removed',
      b.nullable ? 'widened' : 'narrowed',
      b.nullable ? 'null is now allowed' : 'null is no longer allowed',
    );
  const before = a.types;
  const after = b.types;
  if (before === undefined && after === undefined) return true;
  if (before !== undefined && after !== undefined) {
    const narrower = typesWithin(after, before);
    const wider = typesWithin(before, after);
    if (narrower && wider) return true;
    const overlap = [...after].some(
      (t) => typesWithin(new Set([t]), before) || typesWithin(before, new Set([t])),
    );
    const effect: Effect = narrower ? 'narrowed' : wider ? 'widened' : 'changed';
    emit(walk, path, `type-${effect}`, effect, `type changed from ${typeList(before)} to ${typeList(after)}`);
    return overlap;
  }
  const effect: Effect = after === undefined ? 'widened' : 'narrowed';
  emit(walk, path, `type-${effect}`, effect, `type changed from ${typeList(before)} to ${typeList(after)}`);
  return true;
}

function enumValues(schema: Schema): readonly unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const] : undefined;
}

/** `enum` and `const` as sets of values. */
export function compareEnums(walk: Walk, path: string, a: Schema, b: Schema): void {
  const before = enumValues(a);
  const after = enumValues(b);
  if (before === undefined && after === undefined) return;
  if (before === undefined || after === undefined) {
    const effect: Effect = after === undefined ? 'widened' : 'narrowed';
    emit(
      walk,
      path,
      after === undefined ? 'enum-removed' : 'enum-added',
      effect,
      after === undefined
        ? `any value allowed now (was one of ${list(before ?? [])})`
        : `values limited to ${list(after)}`,
    );
    return;
  }
  const removed = before.filter((v) => !after.some((w) => sameJson(v, w)));
  const added = after.filter((v) => !before.some((w) => sameJson(v, w)));
  if (removed.length > 0)
    emit(walk, path, 'enum-values-removed', 'narrowed', `values removed: ${list(removed)}`);
  if (added.length > 0) emit(walk, path, 'enum-values-added', 'widened', `values added: ${list(added)}`);
}

/** Numeric, length, item and property count bounds. */
export function compareBounds(walk: Walk, path: string, a: Schema, b: Schema): void {
  const pairs: [string, ReturnType<typeof compareBound>][] = [
    ['minimum', compareBound('minimum', numericBound(a, true), numericBound(b, true), true)],
    ['maximum', compareBound('maximum', numericBound(a, false), numericBound(b, false), false)],
  ];
  for (const [min, max] of COUNTS) {
    pairs.push([min, compareBound(min, countBound(a, min), countBound(b, min), true)]);
    pairs.push([max, compareBound(max, countBound(a, max), countBound(b, max), false)]);
  }
  for (const [keyword, change] of pairs) {
    if (change !== undefined) emit(walk, path, `${keyword}-${change.what}`, change.effect, change.message);
  }
}

/** A keyword whose presence constrains and whose change can go either way (pattern, format...). */
export function compareConstraint(
  walk: Walk,
  path: string,
  keyword: string,
  before: unknown,
  after: unknown,
): void {
  if (sameJson(before, after)) return;
  if (before === undefined)
    emit(walk, path, `${keyword}-added`, 'narrowed', `${keyword} ${JSON.stringify(after)} added`);
  else if (after === undefined)
    emit(walk, path, `${keyword}-removed`, 'widened', `${keyword} ${JSON.stringify(before)} removed`);
  else
    emit(
      walk,
      path,
      `${keyword}-changed`,
      'changed',
      `${keyword} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
    );
}
