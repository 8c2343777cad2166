import { INVALID_JSON, VALID_JSON } from '../validation/fixtures.js';

/** Where every peer except oRPC serves the operation (our REST adapter's default route). */
export const OP_PATH = '/api/ops/billing.capturePayment';

/** oRPC's RPC protocol route for `router.billing.capturePayment` under the `/rpc` prefix. */
export const ORPC_PATH = '/rpc/billing/capturePayment';

/** Where the GraphQL servers answer (ours' default, Mercurius' default, graphql-http mounted there). */
export const GRAPHQL_PATH = '/graphql';

/** Where the MCP servers answer. */
export const MCP_PATH = '/mcp';

/** The op's GraphQL root field and MCP tool name (dots become underscores on both). */
export const FIELD = 'billing_capturePayment';

/**
 * The GraphQL document every GraphQL peer runs. Our schema names the input type after the model
 * (`CapturePaymentInput`, which already ends in `Input`); the plain schema uses the same name.
 */
export const GRAPHQL_QUERY = `mutation($input: CapturePaymentInput!){ ${FIELD}(input:$input){ transactionId status } }`;

/** A GraphQL-over-HTTP request body carrying `input` (JSON text) as the `$input` variable. */
export function graphqlBody(input: string): string {
  return `{"query":${JSON.stringify(GRAPHQL_QUERY)},"variables":{"input":${input}}}`;
}

/** A JSON-RPC `tools/call` of the op's tool with `args` (JSON text) as its arguments. */
export function mcpBody(args: string): string {
  return `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${FIELD}","arguments":${args}}}`;
}

/** The headers of a GraphQL client that follows the GraphQL-over-HTTP spec. */
export const GRAPHQL_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/graphql-response+json, application/json',
});

/**
 * The headers of a Streamable HTTP MCP client: both media types (the SDK's transport answers 406
 * otherwise) and a protocol version both servers speak (the newest of ours and of the SDK 1.32).
 */
export const MCP_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
});

/** The header every measured request carries; every peer checks it the same way. */
export const AUTHORIZATION = 'Bearer alice';

/** The body the handler answers with for {@link VALID_JSON}. */
export const EXPECTED_OUTPUT = { transactionId: 'pi_inv_2024_0001', status: 'succeeded' } as const;

export { INVALID_JSON, VALID_JSON };

/**
 * The user named by an `Authorization: Bearer <token>` header (the token is the user id: the
 * benchmark measures the HTTP layer, not token verification), or undefined without one.
 */
export function bearerUser(header: string | undefined): string | undefined {
  if (header === undefined || !header.startsWith('Bearer ')) return undefined;
  const token = header.slice(7).trim();
  return token === '' ? undefined : token;
}

/** The handler's work, the same in every peer. */
export function capture(input: { readonly invoiceId: string }): { transactionId: string; status: string } {
  return { transactionId: `pi_${input.invoiceId}`, status: 'succeeded' };
}
