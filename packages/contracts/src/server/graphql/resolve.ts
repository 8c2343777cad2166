import type { GraphQLFieldResolver } from 'graphql';
import { type AnyOperationSpec, type ExecuteRequest, execute, type SpecRegistry } from '../../index.js';
import type { GraphQLCall } from './call.js';
import { toGraphQLError } from './errors.js';

/** The arguments of an operation's field: one `input`, absent when the input model has no fields. */
export interface OperationArgs {
  readonly input?: unknown;
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
  const name = spec.meta.name;
  const version = spec.meta.version;
  const command = spec.kind === 'command';
  return async (_source, args, call) => {
    // Built by assignment: object spread with optional keys is a slow path on Node 20's V8.
    const request: { -readonly [K in keyof ExecuteRequest]: ExecuteRequest[K] } = {
      name,
      version,
      input: args.input === undefined ? {} : args.input,
      transport: 'graphql',
      context: call.context,
      requestId: call.requestId,
    };
    if (command && call.idempotencyKey !== undefined) request.idempotencyKey = call.idempotencyKey;
    if (call.clientKey !== undefined) request.clientKey = call.clientKey;
    if (call.signal !== undefined) request.signal = call.signal;
    const result = await execute(registry, request);
    if (!result.ok) throw toGraphQLError(result.error, result.requestId);
    if (result.replayed) call.replayed = true;
    return result.output;
  };
}
