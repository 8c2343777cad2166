import type { GraphQLFieldResolver } from 'graphql';
import {
  type AnyOperationSpec,
  type ExecuteRequest,
  type ExecuteResult,
  execute,
  type SpecRegistry,
} from '../../index.js';
import type { GraphQLCall } from './call.js';
import { toGraphQLError } from './errors.js';

/** The arguments of an operation's field: one `input`, absent when the input model has no fields. */
export interface OperationArgs {
  readonly input?: unknown;
}

/** Runs one operation's field through the pipeline with the `input` argument's value. */
export type OperationRun = (input: unknown, call: GraphQLCall) => Promise<ExecuteResult>;

const runs = new WeakMap<object, OperationRun>();

/** The pipeline run behind one of our operation resolvers, or `undefined` for any other resolver. */
export function operationRunOf(resolver: unknown): OperationRun | undefined {
  return typeof resolver === 'function' ? runs.get(resolver) : undefined;
}

function operationRun(registry: SpecRegistry, spec: AnyOperationSpec): OperationRun {
  const name = spec.meta.name;
  const version = spec.meta.version;
  const command = spec.kind === 'command';
  return async (input, call) => {
    // Built by assignment: object spread with optional keys is a slow path on Node 20's V8.
    const request: { -readonly [K in keyof ExecuteRequest]: ExecuteRequest[K] } = {
      name,
      version,
      input: input === undefined ? {} : input,
      transport: 'graphql',
      context: call.context,
      requestId: call.requestId,
    };
    if (command && call.idempotencyKey !== undefined) request.idempotencyKey = call.idempotencyKey;
    if (call.clientKey !== undefined) request.clientKey = call.clientKey;
    if (call.signal !== undefined) request.signal = call.signal;
    const result = await execute(registry, request);
    if (result.ok && result.replayed) call.replayed = true;
    return result;
  };
}

/**
 * The resolver of one operation's field: hands the `input` argument to the one pipeline (pinned
 * to the version the field was built from) and returns its output, or throws its error as a
 * GraphQL error. It has no validation or policy of its own.
 */
export function operationResolver(
  registry: SpecRegistry,
  spec: AnyOperationSpec,
): GraphQLFieldResolver<unknown, GraphQLCall, OperationArgs> {
  const run = operationRun(registry, spec);
  const resolver: GraphQLFieldResolver<unknown, GraphQLCall, OperationArgs> = async (_source, args, call) => {
    const result = await run(args.input, call);
    if (!result.ok) throw toGraphQLError(result.error, result.requestId);
    return result.output;
  };
  runs.set(resolver, run);
  return resolver;
}
