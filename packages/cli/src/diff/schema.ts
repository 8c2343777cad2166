import { OPAQUE } from '../snapshot/types.js';
import { normalize, type Schema, sameJson, schemaAt } from './normalize.js';
import {
  compareBounds,
  compareConstraint,
  compareEnums,
  compareTypes,
  emit,
  emitAs,
  type SchemaChange,
  type Walk,
} from './schema-keywords.js';
import type { Direction, Severity } from './types.js';

export type { SchemaChange } from './schema-keywords.js';

/** Keywords that document but do not constrain. */
const DOCS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'deprecated',
  '$comment',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
  '$defs',
  'definitions',
]);
/** Keywords compared one by one below. */
const HANDLED = new Set([
  'enum',
  'const',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'pattern',
  'format',
  'multipleOf',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'default',
]);
function compareObject(walk: Walk, path: string, a: Schema, b: Schema): void {
  const before = schemaAt(a, 'properties') ?? {};
  const after = schemaAt(b, 'properties') ?? {};
  const requiredBefore = new Set(Array.isArray(a.required) ? a.required : []);
  const requiredAfter = new Set(Array.isArray(b.required) ? b.required : []);
  const closedAfter = b.additionalProperties === false;
  const input = walk.direction === 'input';
  for (const name of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const at = `${path}.${name}`;
    const was = schemaAt(before, name);
    const now = schemaAt(after, name);
    if (was !== undefined && now !== undefined) {
      compareAt(walk, at, was, now);
      if (!requiredBefore.has(name) && requiredAfter.has(name))
        emit(
          walk,
          at,
          'property-made-required',
          'narrowed',
          input ? 'the field is now required' : 'the field is now always present',
        );
      if (requiredBefore.has(name) && !requiredAfter.has(name))
        emit(
          walk,
          at,
          'property-made-optional',
          'widened',
          input ? 'the field is now optional' : 'the field may now be absent',
        );
    } else if (now !== undefined) {
      if (!input) emitAs(walk, at, 'property-added', 'compatible', 'new field');
      else if (requiredAfter.has(name))
        emitAs(walk, at, 'property-added-required', 'breaking', 'new required field');
      else emitAs(walk, at, 'property-added-optional', 'compatible', 'new optional field');
    } else if (!input)
      emitAs(walk, at, 'property-removed', 'breaking', 'field removed: clients reading it get nothing');
    else if (closedAfter)
      emitAs(
        walk,
        at,
        'property-removed',
        'breaking',
        'field removed: clients still sending it are rejected (unknown key)',
      );
    else emitAs(walk, at, 'property-removed', 'compatible', 'field removed (unknown keys are dropped)');
  }
  const openBefore = a.additionalProperties;
  const openAfter = b.additionalProperties;
  const extra = schemaAt(a, 'additionalProperties');
  const extraAfter = schemaAt(b, 'additionalProperties');
  if (extra !== undefined && extraAfter !== undefined) compareAt(walk, `${path}.*`, extra, extraAfter);
  else if ((openBefore === false) !== (openAfter === false)) {
    const closing = openAfter === false;
    const severity: Severity = input && closing ? 'breaking' : 'compatible';
    emitAs(
      walk,
      path,
      closing ? 'unknown-keys-rejected' : 'unknown-keys-allowed',
      severity,
      closing ? 'keys it does not declare are now rejected' : 'keys it does not declare are now accepted',
    );
  }
}

function compareComposition(walk: Walk, path: string, a: Schema, b: Schema): void {
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const before = a[keyword];
    const after = b[keyword];
    if (sameJson(before, after)) continue;
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
      before.forEach((member, i) => {
        const now = after[i];
        if (typeof member === 'object' && member !== null && typeof now === 'object' && now !== null)
          compareAt(walk, `${path}<${keyword} ${i}>`, member as Schema, now as Schema);
      });
    } else emit(walk, path, `${keyword}-changed`, 'changed', `${keyword} changed`);
  }
}

/** Keywords nobody compares above, e.g. `not` or `prefixItems`: any difference is a change. */
function compareOthers(walk: Walk, path: string, a: Schema, b: Schema): void {
  for (const keyword of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (DOCS.has(keyword) || HANDLED.has(keyword) || keyword.startsWith('x-')) continue;
    if (['anyOf', 'oneOf', 'allOf'].includes(keyword)) continue;
    if (!sameJson(a[keyword], b[keyword]))
      emit(walk, path, 'keyword-changed', 'changed', `${keyword} changed`);
  }
}

function compareAt(walk: Walk, path: string, was: Schema, now: Schema): void {
  // Equal text is equal meaning, unless a `$ref` points into definitions that differ.
  if (sameJson(was, now) && !JSON.stringify(was).includes('"$ref"')) return;
  if (OPAQUE in was || OPAQUE in now) {
    emitAs(
      walk,
      path,
      'not-comparable',
      'review',
      `cannot compare: described by ${String(now[OPAQUE] ?? was[OPAQUE])} without a JSON Schema`,
    );
    return;
  }
  const a = normalize(was, walk.before);
  const b = normalize(now, walk.after);
  if (!compareTypes(walk, path, a, b)) return;
  const x = a.rest;
  const y = b.rest;
  compareEnums(walk, path, x, y);
  compareBounds(walk, path, x, y);
  const patterned = x.pattern !== undefined || y.pattern !== undefined;
  compareConstraint(walk, path, 'pattern', x.pattern, y.pattern);
  // `pattern` is authoritative in our exports; `format` next to it is an annotation.
  if (!patterned) compareConstraint(walk, path, 'format', x.format, y.format);
  compareConstraint(walk, path, 'multipleOf', x.multipleOf, y.multipleOf);
  if ((x.uniqueItems === true) !== (y.uniqueItems === true))
    emit(
      walk,
      path,
      y.uniqueItems === true ? 'unique-items-added' : 'unique-items-removed',
      y.uniqueItems === true ? 'narrowed' : 'widened',
      y.uniqueItems === true ? 'items must now be unique' : 'items need no longer be unique',
    );
  if (
    'properties' in x ||
    'properties' in y ||
    'required' in x ||
    'required' in y ||
    'additionalProperties' in x ||
    'additionalProperties' in y
  )
    compareObject(walk, path, x, y);
  const items = schemaAt(x, 'items');
  const itemsAfter = schemaAt(y, 'items');
  if (items !== undefined && itemsAfter !== undefined) compareAt(walk, `${path}[]`, items, itemsAfter);
  else if (items !== undefined || itemsAfter !== undefined)
    emit(
      walk,
      path,
      'items-changed',
      itemsAfter === undefined ? 'widened' : 'narrowed',
      itemsAfter === undefined ? 'items are no longer checked' : 'items are now checked',
    );
  if (walk.direction === 'input' && !sameJson(x.default, y.default))
    emitAs(
      walk,
      path,
      'default-changed',
      'review',
      `default changed from ${JSON.stringify(x.default) ?? 'none'} to ${JSON.stringify(y.default) ?? 'none'}`,
    );
  compareComposition(walk, path, x, y);
  compareOthers(walk, path, x, y);
}

/**
 * Compares two JSON Schemas of the same place (an input, an output, an error's data) and
 * classifies every difference by the direction values flow: narrowing an input (a new required
 * field, a value removed from an enum, a raised minimum, null no longer allowed, a changed type)
 * breaks the clients that send it; widening an output (a new enum value, a field that may be
 * missing, null allowed) breaks the clients that read it. Removed output fields break readers; new
 * output fields do not.
 * @example compareSchemas(before.input, after.input, 'input', 'input')
 */
export function compareSchemas(
  before: Schema,
  after: Schema,
  direction: Direction,
  path: string,
): SchemaChange[] {
  const walk: Walk = { direction, before, after, out: [] };
  compareAt(walk, path, before, after);
  return walk.out;
}
