import type { GraphQLFieldResolver } from 'graphql';
import type { AnyOperationSpec, ExecuteResult, SpecRegistry } from '../../index.js';
import type { GraphQLCall } from './call.js';
import { toGraphQLError } from './errors.js';
import { OperationCall, type OperationTarget } from './operation-call.js';

/** The arguments of an operation's field: one `input`, absent when the input model has no fields. */
export interface OperationArgs {
  readonly input?: unknown;
}

const targets = new WeakMap<object, OperationTarget>();

/** The operation behind one of our operation resolvers, or `undefined` for any other resolver. */
export function operationTargetOf(resolver: unknown): OperationTarget | undefined {
  return typeof resolver === 'function' ? targets.get(resolver) : undefined;
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
  const target: OperationTarget = Object.freeze({
    registry,
    name: spec.meta.name,
    version: spec.meta.version,
    command: spec.kind === 'command',
  });
  const resolver: GraphQLFieldResolver<unknown, GraphQLCall, OperationArgs> = async (_source, args, call) => {
    const result: ExecuteResult = await new OperationCall(target, args.input, call).run();
    if (!result.ok) throw toGraphQLError(result.error, result.requestId);
    return result.output;
  };
  targets.set(resolver, target);
  return resolver;
}
