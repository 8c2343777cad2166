import { getVariableValues, type SourceLocation } from 'graphql';
import { ERROR_TABLE, type ExecuteResult } from '../../index.js';
import type { GraphQLCall } from './call.js';
import { errorExtensions, withCode, withoutStack } from './errors.js';
import type { FastPlan } from './fast-plan.js';
import { OperationCall } from './operation-call.js';
import type { OutputPlan } from './selection-plan.js';
import { coerceVariable, wireError } from './variable-coercion.js';

/** Where the field a value belongs to is in the query (errors report it). */
interface Located {
  readonly locations: readonly SourceLocation[];
}

/** A response path, built only when an error needs it. */
interface Path {
  readonly prev: Path | undefined;
  readonly key: string | number;
}

function pathArray(path: Path): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p: Path | undefined = path; p !== undefined; p = p.prev) keys.push(p.key);
  return keys.reverse();
}

/** An error raised while completing a value, not yet placed (graphql-js's raw errors). */
const RAW = Symbol('raw');

/** A completion fault placed at a field: INTERNAL on the wire, as `withCode` makes it. */
class Fault {
  constructor(
    readonly locations: readonly SourceLocation[],
    readonly path: Path,
  ) {}
  toWire(requestId: string) {
    return wireError(ERROR_TABLE.INTERNAL.message, this.locations, pathArray(this.path), {
      code: 'INTERNAL',
      requestId,
    });
  }
}

/** Completes output values as graphql-js's `completeValue` does, collecting faults in order. */
class Completion {
  readonly faults: Fault[] = [];

  value(plan: OutputPlan, value: unknown, at: Located, path: Path): unknown {
    if (value instanceof Error) throw RAW;
    if (plan.kind === 'nonNull') {
      const done = this.value(plan.of, value, at, path);
      if (done === null) throw RAW;
      return done;
    }
    if (value === null || value === undefined) return null;
    if (plan.kind === 'leaf') {
      let out: unknown;
      try {
        out = plan.type.serialize(value);
      } catch {
        throw RAW;
      }
      if (out === null || out === undefined) throw RAW;
      return out;
    }
    if (plan.kind === 'list') {
      if (typeof value !== 'object' || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function')
        throw RAW;
      const items = Array.isArray(value) ? value : Array.from(value as Iterable<unknown>);
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const item: Path = { prev: path, key: i };
        try {
          out.push(this.value(plan.of, items[i], at, item));
        } catch (error) {
          this.#handle(error, plan.of, at, item);
          out.push(null);
        }
      }
      return out;
    }
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of plan.fields) {
      const next: Path = { prev: path, key: f.key };
      let read: unknown;
      if (f.name === undefined) read = f.typeName;
      else if (typeof source === 'object' || typeof source === 'function') read = source[f.name];
      try {
        out[f.key] = this.value(f.output, read, f, next);
      } catch (error) {
        this.#handle(error, f.output, f, next);
        out[f.key] = null;
      }
    }
    return out;
  }

  /** Places a raw error at `path`; rethrows when the type is non-null (the parent becomes null). */
  #handle(error: unknown, plan: OutputPlan, at: Located, path: Path): void {
    if (error !== RAW && !(error instanceof Fault)) throw error;
    const fault = error instanceof Fault ? error : new Fault(at.locations, path);
    if (plan.kind === 'nonNull') throw fault;
    this.faults.push(fault);
  }
}

function hasOwn(record: Readonly<Record<string, unknown>> | null | undefined, key: string): boolean {
  return record !== null && record !== undefined && Object.hasOwn(record, key);
}

/** A variable graphql-js would refuse: the JSON body answering the request. */
export class RefusedVariables {
  constructor(readonly json: string) {}
}

/**
 * The input a fast plan runs on: the variable's value, checked (by graphql-js's coercion rules
 * when the raw value does not plainly pass), or the refusal graphql-js would have answered.
 */
export function fastInput(
  plan: FastPlan,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  call: GraphQLCall,
  hideSuggestions: boolean,
): unknown {
  const variable = plan.variable;
  if (variable === undefined) return undefined;
  const given = hasOwn(variables, variable.name);
  const raw = given ? variables?.[variable.name] : undefined;
  if (given && variable.check?.(raw) === true) return raw;
  if (given && raw !== null) {
    const coerced = coerceVariable(
      variable.name,
      variable.type,
      raw,
      variable.locations,
      call.requestId,
      hideSuggestions,
    );
    return coerced.ok ? coerced.value : new RefusedVariables(JSON.stringify({ errors: coerced.errors }));
  }
  if (!given && !variable.required) return undefined;
  const coerced = withoutStack(() =>
    getVariableValues(plan.schema, [variable.definition], variables ?? {}, {
      maxErrors: 50,
      hideSuggestions,
    }),
  );
  if (coerced.errors === undefined) return coerced.coerced[variable.name];
  return new RefusedVariables(
    JSON.stringify({ errors: coerced.errors.map((e) => withCode(e, call.requestId)) }),
  );
}

/** The JSON body graphql-js and graphql-http would have written for the pipeline's `result`. */
export function fastResultJson(plan: FastPlan, result: ExecuteResult, requestId: string): string {
  const root: Path = { prev: undefined, key: plan.key };
  if (!result.ok) {
    const extensions = errorExtensions(result.error, result.requestId);
    const error = wireError(result.error.message, plan.locations, [plan.key], extensions);
    return JSON.stringify({ errors: [error], data: { [plan.key]: null } });
  }
  const completion = new Completion();
  let data: unknown;
  try {
    data = completion.value(plan.output, result.output, plan, root);
  } catch (error) {
    if (error !== RAW && !(error instanceof Fault)) throw error;
    completion.faults.push(error instanceof Fault ? error : new Fault(plan.locations, root));
    data = null;
  }
  const faults = completion.faults;
  if (faults.length === 0) return JSON.stringify({ data: { [plan.key]: data } });
  const errors = faults.map((f) => f.toWire(requestId));
  return JSON.stringify({ errors, data: { [plan.key]: data } });
}

/**
 * Runs a fast plan and gives the JSON body graphql-js and graphql-http would have written for the
 * same request: the variable checked, the pipeline run once, and its output completed onto the
 * selection.
 */
export async function answerFast(
  plan: FastPlan,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  call: GraphQLCall,
  hideSuggestions: boolean,
): Promise<string> {
  const input = fastInput(plan, variables, call, hideSuggestions);
  if (input instanceof RefusedVariables) return input.json;
  return fastResultJson(plan, await new OperationCall(plan.target, input, call).run(), call.requestId);
}
