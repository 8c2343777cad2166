import type { GraphQLInputType, SourceLocation } from 'graphql';
import { withoutStack } from './errors.js';
import { InputCoercion } from './input-coercion.js';
import { inspectValue } from './inspect-value.js';

/** An error as `GraphQLError.toJSON()` writes it: no `locations` or `path` key when it has none. */
export interface WireError {
  readonly message: string;
  readonly locations?: readonly SourceLocation[];
  readonly path?: readonly (string | number)[];
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** Builds a {@link WireError} with its keys in `GraphQLError.toJSON()`'s order. */
export function wireError(
  message: string,
  locations: readonly SourceLocation[],
  path: readonly (string | number)[] | undefined,
  extensions: Readonly<Record<string, unknown>>,
): WireError {
  if (locations.length === 0)
    return path === undefined ? { message, extensions } : { message, path, extensions };
  return path === undefined ? { message, locations, extensions } : { message, locations, path, extensions };
}

/** The outcome of coercing one variable: its value, or graphql-js's refusals as wire errors. */
export type VariableCoercion =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly errors: readonly WireError[] };

/** As `execute` passes to `getVariableValues`: at most this many errors, then one more saying so. */
const MAX_ERRORS = 50;
const TOO_MANY = 'Too many errors processing variables, error limit reached. Execution aborted.';

class TooMany {}

/** No value has been inspected yet. */
const NOT_YET = Symbol('not yet');

function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return text;
}

/**
 * Coerces a given, non-null variable value as graphql-js's `coerceInputValue` does, answering its
 * refusals with the messages `getVariableValues` writes (`Variable "$input" got invalid value ...`),
 * already coded, without building a GraphQLError for each (they cost more than the rest of the
 * request). Used when the raw value does not plainly pass {@link compileInputCheck}.
 */
export function coerceVariable(
  name: string,
  type: GraphQLInputType,
  value: unknown,
  locations: readonly SourceLocation[],
  requestId: string,
  hideSuggestions: boolean,
): VariableCoercion {
  const errors: WireError[] = [];
  const extensions = { code: 'INVALID_INPUT', requestId } as const;
  // One object is often refused several times (a missing field, an unknown one): inspected once.
  let inspected: unknown = NOT_YET;
  let text = '';
  const coercion = new InputCoercion((path, invalid, refusal) => {
    if (invalid !== inspected) {
      inspected = invalid;
      text = inspectValue(invalid);
    }
    let message = `Variable "$${name}" got invalid value ${text}`;
    if (path.length > 0) message += ` at "${name}${pathText(path)}"`;
    if (errors.length >= MAX_ERRORS) throw new TooMany();
    errors.push(wireError(`${message}; ${refusal}`, locations, undefined, extensions));
  }, hideSuggestions);
  let coerced: unknown;
  try {
    coerced = withoutStack(() => coercion.value(value, type));
  } catch (error) {
    if (!(error instanceof TooMany)) throw error;
    errors.push(wireError(TOO_MANY, [], undefined, extensions));
  }
  return errors.length === 0 ? { ok: true, value: coerced } : { ok: false, errors };
}
