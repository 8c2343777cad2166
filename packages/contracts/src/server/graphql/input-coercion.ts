import {
  GraphQLBoolean,
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  type GraphQLLeafType,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
// graphql-js's own helpers, so every hint here is exactly the one it writes.
import { didYouMean } from 'graphql/jsutils/didYouMean.js';
import { suggestionList } from 'graphql/jsutils/suggestionList.js';
import { inspectValue } from './inspect-value.js';

/** Told of each refusal: where in the value (path), the refused value, and graphql-js's message. */
export type CoercionRefusal = (path: readonly (string | number)[], invalid: unknown, message: string) => void;

/** A path inside the value, made into an array only when a refusal needs it. */
interface Path {
  readonly prev: Path | undefined;
  readonly key: string | number;
}

function pathArray(path: Path | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p = path; p !== undefined; p = p.prev) keys.push(p.key);
  return keys.reverse();
}

const MAX_INT = 2147483647;
const MIN_INT = -2147483648;

/** Why one of graphql-js's scalars refuses `value` (its `parseValue` message), or undefined when it takes it. */
function builtInRefusal(type: GraphQLLeafType, value: unknown): string | undefined {
  if (type === GraphQLString)
    return typeof value === 'string'
      ? undefined
      : `String cannot represent a non string value: ${inspectValue(value)}`;
  if (type === GraphQLFloat)
    return typeof value === 'number' && Number.isFinite(value)
      ? undefined
      : `Float cannot represent non numeric value: ${inspectValue(value)}`;
  if (type === GraphQLBoolean)
    return typeof value === 'boolean'
      ? undefined
      : `Boolean cannot represent a non boolean value: ${inspectValue(value)}`;
  if (type === GraphQLInt) {
    if (typeof value !== 'number' || !Number.isInteger(value))
      return `Int cannot represent non-integer value: ${inspectValue(value)}`;
    return value > MAX_INT || value < MIN_INT
      ? `Int cannot represent non 32-bit signed integer value: ${value}`
      : undefined;
  }
  return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))
    ? undefined
    : `ID cannot represent value: ${inspectValue(value)}`;
}

const BUILT_IN: ReadonlySet<GraphQLLeafType> = new Set([
  GraphQLString,
  GraphQLFloat,
  GraphQLBoolean,
  GraphQLInt,
  GraphQLID,
]);

/** " Did you mean ...?" for an unknown field, kept per type (a few names each: callers choose them). */
const hints = new WeakMap<GraphQLInputObjectType, Map<string, string>>();
const HINTS_PER_TYPE = 64;

function hintFor(type: GraphQLInputObjectType, field: string): string {
  let known = hints.get(type);
  if (known === undefined) {
    known = new Map();
    hints.set(type, known);
  }
  let hint = known.get(field);
  if (hint === undefined) {
    hint = didYouMean(suggestionList(field, Object.keys(type.getFields())));
    if (known.size >= HINTS_PER_TYPE) known.clear();
    known.set(field, hint);
  }
  return hint;
}

/**
 * graphql-js's `coerceInputValue` (16.x), refusals and all, with its messages built as strings:
 * graphql-js makes a `GraphQLError` for each refusal (and parses its own scalars by throwing
 * them), which costs more than the rest of a refused request. A differential test holds it to
 * graphql-js's answers. Answers the coerced value (undefined where a refusal was reported).
 */
export class InputCoercion {
  constructor(
    readonly refuse: CoercionRefusal,
    readonly hideSuggestions: boolean,
  ) {}

  value(value: unknown, type: GraphQLInputType, path: Path | undefined = undefined): unknown {
    if (isNonNullType(type)) {
      if (value !== null && value !== undefined) return this.value(value, type.ofType, path);
      this.refuse(pathArray(path), value, `Expected non-nullable type "${String(type)}" not to be null.`);
      return undefined;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      const item = type.ofType as GraphQLInputType; // an input type's list holds input types
      if (typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function')
        return Array.from(value as Iterable<unknown>, (v, i) => this.value(v, item, { prev: path, key: i }));
      return [this.value(value, item, path)];
    }
    if (isInputObjectType(type)) return this.#object(value, type, path);
    return this.#leaf(value, type, path);
  }

  #object(value: unknown, type: GraphQLInputObjectType, path: Path | undefined): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.refuse(pathArray(path), value, `Expected type "${type.name}" to be an object.`);
      return undefined;
    }
    const given = value as Record<string, unknown>;
    const fields = type.getFields();
    const out: Record<string, unknown> = {};
    for (const name in fields) {
      const field = fields[name] as (typeof fields)[string];
      const fieldValue = given[field.name];
      if (fieldValue === undefined) {
        if (field.defaultValue !== undefined) out[field.name] = field.defaultValue;
        else if (isNonNullType(field.type))
          this.refuse(
            pathArray(path),
            value,
            `Field "${field.name}" of required type "${String(field.type)}" was not provided.`,
          );
        continue;
      }
      out[field.name] = this.value(fieldValue, field.type, { prev: path, key: field.name });
    }
    for (const name of Object.keys(given)) {
      if (fields[name]) continue;
      const hint = this.hideSuggestions ? '' : hintFor(type, name);
      this.refuse(pathArray(path), value, `Field "${name}" is not defined by type "${type.name}".${hint}`);
    }
    if (type.isOneOf) this.#oneOf(out, type, value, path);
    return out;
  }

  #oneOf(
    out: Record<string, unknown>,
    type: GraphQLInputObjectType,
    value: unknown,
    path: Path | undefined,
  ): void {
    const keys = Object.keys(out);
    if (keys.length !== 1)
      this.refuse(pathArray(path), value, `Exactly one key must be specified for OneOf type "${type.name}".`);
    const key = keys[0];
    if (key !== undefined && out[key] === null)
      this.refuse([...pathArray(path), key], null, `Field "${key}" must be non-null.`);
  }

  #leaf(value: unknown, type: GraphQLLeafType, path: Path | undefined): unknown {
    if (BUILT_IN.has(type)) {
      const refusal = builtInRefusal(type, value);
      if (refusal === undefined)
        return type === GraphQLID && typeof value === 'number' ? String(value) : value;
      this.refuse(pathArray(path), value, refusal);
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = isEnumType(type) ? type.parseValue(value, this.hideSuggestions) : type.parseValue(value);
    } catch (error) {
      const message =
        error instanceof GraphQLError
          ? error.message
          : `Expected type "${type.name}". ${(error as { message?: unknown } | null)?.message}`;
      this.refuse(pathArray(path), value, message);
      return undefined;
    }
    if (parsed === undefined) this.refuse(pathArray(path), value, `Expected type "${type.name}".`);
    return parsed;
  }
}
