import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputType,
  GraphQLInt,
  type GraphQLLeafType,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { isCustomScalar } from './scalars.js';

/** True when graphql-js would accept `value` for the type and coerce it to an equal value. */
export type InputCheck = (value: unknown) => boolean;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function leafCheck(type: GraphQLLeafType): InputCheck | undefined {
  if (type === GraphQLString) return (v) => typeof v === 'string';
  if (type === GraphQLFloat) return (v) => typeof v === 'number' && Number.isFinite(v);
  if (type === GraphQLInt)
    return (v) => typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
  if (type === GraphQLBoolean) return (v) => typeof v === 'boolean';
  // A number for an ID becomes a string: graphql-js's coercion changes the value, so it runs.
  if (type === GraphQLID) return (v) => typeof v === 'string';
  if (isEnumType(type)) {
    const names = new Set(type.getValues().map((e) => e.name));
    if (type.getValues().some((e) => e.value !== e.name)) return undefined;
    return (v) => typeof v === 'string' && names.has(v);
  }
  // Our custom scalars pass any value through unchanged (see scalars.ts).
  return isCustomScalar(type) ? () => true : undefined;
}

/**
 * Compiles a check that a raw variable value is exactly what graphql-js's variable coercion would
 * accept unchanged: right JSON types, no undeclared or missing required keys, lists given as
 * arrays. A value failing the check still goes through graphql-js (which refuses it with its own
 * errors, or converts it); a passing one skips coercion. `undefined` when the type holds anything
 * the check does not model (scalars of unknown behaviour, defaults, `@oneOf`).
 */
export function compileInputCheck(type: GraphQLInputType): InputCheck | undefined {
  const objects = new Map<string, InputCheck | undefined>();
  let unsupported = false;
  const compile = (t: GraphQLInputType): InputCheck => {
    if (isNonNullType(t)) {
      const inner = compile(t.ofType);
      return (v) => v !== null && v !== undefined && inner(v);
    }
    let check: InputCheck;
    if (isListType(t)) {
      const item = compile(t.ofType);
      check = (v) => Array.isArray(v) && v.every(item);
    } else if (isInputObjectType(t)) {
      if (!objects.has(t.name)) {
        objects.set(t.name, undefined);
        objects.set(t.name, objectCheck(t));
      }
      // Looked up at call time: input types may refer to themselves.
      check = (v) => (objects.get(t.name) as InputCheck)(v);
    } else {
      const leaf = leafCheck(t);
      if (leaf === undefined) unsupported = true;
      check = leaf ?? (() => false);
    }
    return (v) => v === null || check(v);
  };
  const objectCheck = (t: Extract<GraphQLInputType, { getFields: unknown }>): InputCheck => {
    if (t.isOneOf) unsupported = true;
    const fields = Object.values(t.getFields()).map((f) => {
      if (f.defaultValue !== undefined) unsupported = true;
      return { name: f.name, required: isNonNullType(f.type), check: compile(f.type) };
    });
    const known = new Set(fields.map((f) => f.name));
    return (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const record = v as Record<string, unknown>;
      for (const field of fields) {
        const value = record[field.name];
        if (value === undefined ? field.required : !field.check(value)) return false;
      }
      for (const key in record) if (!known.has(key)) return false;
      return true;
    };
  };
  const check = compile(type);
  return unsupported ? undefined : check;
}
