import { createGraphQLNodeHandler } from '@lssm/lib.contracts/server/graphql';
import { listen } from '../../support/listen.js';
import { contextFrom } from '../world.js';
import type { Outcome, StartDriver } from './types.js';

const FIELDS = { capture: 'billing_capturePayment', explode: 'ops_explode', legacy: 'billing_legacyCharge' };
const SELECTIONS = { capture: '{ transactionId status }', explode: '{ pong }', legacy: '{ pong }' };
const NAMES = { capture: 'billing.capturePayment', explode: 'ops.explode', legacy: 'billing.legacyCharge' };

interface IntrospectedField {
  readonly name: string;
  readonly isDeprecated: boolean;
  readonly args: readonly { type: { name: string | null; ofType: { name: string } | null } }[];
}

interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly {
    message: string;
    extensions?: { code?: string; issues?: { path: (string | number)[] }[] };
  }[];
}

/** GraphQL through the node:http handler: one mutation per call, the input as a variable. */
export const startGraphQL: StartDriver = async (world) => {
  const server = await listen(
    createGraphQLNodeHandler(world.registry, (req) => contextFrom(req.headers.authorization)),
  );
  const url = `${server.url}/graphql`;
  const post = async (query: string, variables: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { response, body: (await response.json()) as GraphQLBody };
  };
  // Argument types and deprecations, read from the schema as any client would (introspection).
  const { body: schema } = await post(
    '{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated args { name type { kind name ofType { name } } } } } }',
    {},
  );
  const mutation = schema.data?.__type as { fields: readonly IntrospectedField[] } | undefined;
  if (mutation === undefined) throw new Error('introspection gave no Mutation type');
  const fields = mutation.fields;
  const field = (name: string) => {
    const found = fields.find((f) => f.name === name);
    if (found === undefined) throw new Error(`no Mutation.${name} in the schema`);
    return found;
  };
  return {
    transport: 'graphql',
    opName: (op) => NAMES[op],
    async call({ op, input, user, idempotencyKey }): Promise<Outcome> {
      const f = field(FIELDS[op]);
      const argType = f.args[0]?.type.ofType?.name ?? f.args[0]?.type.name;
      const query = `mutation Call($input: ${argType}!) { ${FIELDS[op]}(input: $input) ${SELECTIONS[op]} }`;
      const headers: Record<string, string> = {};
      if (user !== undefined) headers.authorization = `Bearer ${user}`;
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      const { response, body } = await post(query, { input }, headers);
      const common = {
        replayed: response.headers.get('idempotent-replayed') === 'true',
        deprecated: f.isDeprecated,
      };
      const error = body.errors?.[0];
      if (error === undefined) return { ok: true, output: body.data?.[FIELDS[op]], ...common };
      return {
        ok: false,
        code: error.extensions?.code,
        message: error.message,
        issuePaths: error.extensions?.issues?.map((issue) => issue.path),
        ...common,
      };
    },
    close: () => server.close(),
  };
};
