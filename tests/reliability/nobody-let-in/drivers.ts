// The three transports of "nobody let in" (REST, GraphQL, MCP), driven through the billing app's
// own route handlers with real Request objects, and their answers reduced to status and code.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { APP_DIR } from '../../../examples/billing/scripts/ensure-build.js';

/** Where the app is reached in these tests (never listened on: the handlers take the Request). */
export const ORIGIN = 'http://billing.test';

/** The operations the matrix calls, with their GraphQL shape. */
export const OPERATIONS = {
  getInvoice: { kind: 'query', input: 'GetInvoiceInput', select: '{ id status }' },
  capturePayment: { kind: 'mutation', input: 'CapturePaymentInput', select: '{ invoiceId status }' },
  refundPayment: { kind: 'mutation', input: 'RefundPaymentInput', select: '{ invoiceId status }' },
  listInvoices: { kind: 'query', input: 'ListInvoicesInput', select: '{ invoices { id } }' },
  createInvoice: { kind: 'mutation', input: 'CreateInvoiceInput', select: '{ id }' },
  listAudit: { kind: 'query', input: 'ListAuditInput', select: '{ chainIntact entries { actor } }' },
  recoverPayments: { kind: 'mutation', input: 'RecoverPaymentsInput', select: '{ examined }' },
} as const;
export type Operation = keyof typeof OPERATIONS;

export const TRANSPORTS = ['rest', 'graphql', 'mcp'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** What a transport answered: the HTTP status, and the output or the error code. */
export interface Answer {
  readonly status: number;
  readonly ok: boolean;
  readonly code?: string;
  readonly output?: unknown;
}

type RouteHandler = (request: Request) => Promise<Response>;

/** The app's route handlers the tests call (POST unless named otherwise). */
export interface Routes {
  readonly rest: RouteHandler;
  readonly restGet: RouteHandler;
  readonly graphql: RouteHandler;
  readonly graphqlGet: RouteHandler;
  readonly mcp: RouteHandler;
  readonly webhook: RouteHandler;
}

/**
 * A module of the billing app, loaded by path at run time. The root type-check cannot resolve the
 * app's `@/` imports (why tests/billing/refund.test.ts is excluded from it), so these modules stay
 * out of its program; vitest resolves them with the alias of vitest.config.ts.
 */
export async function appModule<T>(path: string): Promise<T> {
  const loaded: unknown = await import(/* @vite-ignore */ join(APP_DIR, path));
  return loaded as T; // the caller names the module's exports it uses
}

/** The app's route handlers (loaded after the environment is set: they read it on first use). */
export async function routes(): Promise<Routes> {
  type Route = { GET: RouteHandler; POST: RouteHandler };
  const rest = await appModule<Route>('app/api/ops/[...route]/route.ts');
  const graphql = await appModule<Route>('app/api/graphql/route.ts');
  const mcp = await appModule<Route>('app/api/mcp/route.ts');
  const webhook = await appModule<Route>('app/api/webhooks/stripe/route.ts');
  return {
    rest: rest.POST,
    restGet: rest.GET,
    graphql: graphql.POST,
    graphqlGet: graphql.GET,
    mcp: mcp.POST,
    webhook: webhook.POST,
  };
}

/** A POST to the app with a JSON body. */
export function jsonPost(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

interface ErrorBody {
  readonly error?: { readonly code?: string };
}
interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly extensions?: { readonly code?: string } }[];
}
interface RpcBody {
  readonly result?: {
    readonly isError?: boolean;
    readonly structuredContent?: unknown;
    readonly content?: readonly { readonly text?: string }[];
  };
  readonly error?: { readonly data?: { readonly code?: string } };
}

/** Reads an MCP tools/call answer: the tool's output, or its error code (result or JSON-RPC error). */
export function readToolAnswer(status: number, body: RpcBody): Answer {
  if (body.error !== undefined) return { status, ok: false, code: body.error.data?.code ?? 'RPC_ERROR' };
  if (body.result?.isError === true) {
    const parsed = JSON.parse(body.result.content?.[0]?.text ?? '{}') as ErrorBody; // the tool's error JSON
    return { status, ok: false, code: parsed.error?.code ?? 'UNKNOWN' };
  }
  return { status, ok: true, output: body.result?.structuredContent };
}

/** Calls `op` over `transport` as the holder of `authorization`, with `key` (default: a fresh one) as the idempotency key. */
export async function callOver(
  handlers: Routes,
  transport: Transport,
  op: Operation,
  input: unknown,
  authorization: string | undefined,
  key: string = randomUUID(),
): Promise<Answer> {
  const auth: Record<string, string> = authorization === undefined ? {} : { authorization };
  const name = `billing.${op}`;
  if (transport === 'rest') {
    const response = await handlers.rest(
      jsonPost(`/api/ops/${name}`, input, { ...auth, 'idempotency-key': key }),
    );
    const body = (await response.json()) as ErrorBody; // our REST API's JSON
    return response.ok
      ? { status: response.status, ok: true, output: body }
      : { status: response.status, ok: false, code: body.error?.code ?? 'UNKNOWN' };
  }
  if (transport === 'graphql') {
    const shape = OPERATIONS[op];
    const field = `billing_${op}`;
    const query = `${shape.kind} Call($input: ${shape.input}!) { ${field}(input: $input) ${shape.select} }`;
    const response = await handlers.graphql(
      jsonPost('/api/graphql', { query, variables: { input } }, { ...auth, 'idempotency-key': key }),
    );
    const body = (await response.json()) as GraphQLBody; // GraphQL-over-HTTP JSON
    const code = body.errors?.[0]?.extensions?.code;
    return code === undefined
      ? { status: response.status, ok: true, output: body.data?.[field] }
      : { status: response.status, ok: false, code };
  }
  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: `billing_${op}`, arguments: input, _meta: { idempotencyKey: key } },
  };
  const response = await handlers.mcp(jsonPost('/api/mcp', call, auth));
  return readToolAnswer(response.status, (await response.json()) as RpcBody); // JSON-RPC answer
}
