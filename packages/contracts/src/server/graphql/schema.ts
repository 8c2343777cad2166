import {
  type GraphQLArgumentConfig,
  GraphQLBoolean,
  type GraphQLFieldConfig,
  GraphQLObjectType,
  GraphQLSchema,
  validateSchema,
} from 'graphql';
import type { AnyOperationSpec, SpecRegistry } from '../../index.js';
import type { GraphQLCall } from './call.js';
import { deprecationReason, fieldNames, operationDescription } from './naming.js';
import { type OperationArgs, operationResolver } from './resolve.js';
import { TypeMapper } from './types.js';

type OperationField = GraphQLFieldConfig<unknown, GraphQLCall, OperationArgs>;

/** GraphQL needs a `Query` type with a field; an API of commands only gets this one. */
const NO_QUERIES: GraphQLFieldConfig<unknown, unknown> = {
  type: GraphQLBoolean,
  description: 'This API has no queries yet (GraphQL requires a Query type); always null.',
  resolve: () => null,
};

function operationField(
  registry: SpecRegistry,
  spec: AnyOperationSpec,
  types: TypeMapper,
  names: Map<string, string>,
): OperationField {
  const input = types.input(spec.io.input);
  const args: Record<string, GraphQLArgumentConfig> = {};
  if (input !== undefined) args.input = { type: input };
  return {
    // Nullable on purpose: one failing operation leaves the other fields of the request intact.
    type: types.output(spec.io.output),
    args,
    description: operationDescription(spec),
    deprecationReason: deprecationReason(spec, registry, names),
    resolve: operationResolver(registry, spec),
  };
}

/**
 * Builds a graphql-js schema from the operations the registry serves on GraphQL (see
 * `isExposed`): queries under `Query`, commands under `Mutation`, one field per operation version
 * taking one `input` argument of the input model's type. Every resolver calls the one pipeline.
 * Throws a TypeError when two different models would share a GraphQL type name.
 * @example import { printSchema } from 'graphql'; console.log(printSchema(buildGraphQLSchema(registry)));
 */
export function buildGraphQLSchema(registry: SpecRegistry): GraphQLSchema {
  const specs = registry.exposed('graphql').map((op) => op.spec);
  const names = fieldNames(registry, specs);
  const types = new TypeMapper();
  const queries: Record<string, OperationField> = {};
  const mutations: Record<string, OperationField> = {};
  for (const spec of specs) {
    const field = operationField(registry, spec, types, names);
    const name = names.get(`${spec.meta.name}/v${spec.meta.version}`) as string; // named above, for every spec
    (spec.kind === 'query' ? queries : mutations)[name] = field;
  }
  const hasQueries = Object.keys(queries).length > 0;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: (hasQueries ? queries : { _noQueries: NO_QUERIES }) as Record<string, OperationField>,
    }),
    mutation:
      Object.keys(mutations).length === 0
        ? undefined
        : new GraphQLObjectType({ name: 'Mutation', fields: mutations }),
  });
  const problems = validateSchema(schema);
  if (problems.length > 0)
    throw new TypeError(`GraphQL: the schema is invalid: ${problems.map((p) => p.message).join('; ')}`);
  return schema;
}

interface Built {
  readonly revision: number;
  readonly schema: GraphQLSchema | undefined;
  readonly error: unknown;
}

const built = new WeakMap<SpecRegistry, Built>();

/**
 * The schema of the registry as it is now: built once per registry revision (any install,
 * registration or configuration change makes the next call rebuild it), shared by every handler.
 */
export function currentSchema(registry: SpecRegistry): GraphQLSchema {
  let entry = built.get(registry);
  if (entry === undefined || entry.revision !== registry.revision) {
    const revision = registry.revision;
    try {
      entry = { revision, schema: buildGraphQLSchema(registry), error: undefined };
    } catch (error) {
      entry = { revision, schema: undefined, error };
    }
    built.set(registry, entry);
  }
  if (entry.schema === undefined) throw entry.error;
  return entry.schema;
}
