// Calls to the billing example over its three transports, each reduced to one comparable outcome:
// the HTTP status, the contract's code (`OK` or the error code) and the latency.
import { randomUUID } from 'node:crypto';

/** The wire transports a client can use. */
export type ClientTransport = 'rest' | 'graphql' | 'mcp';

/** What one call gave. */
export interface CallOutcome {
  readonly transport: ClientTransport;
  /** The HTTP status (GraphQL and MCP carry domain errors inside a 200). */
  readonly status: number;
  /** `OK`, or the error code the app answered with (`HTTP_<status>` if none could be read). */
  readonly code: string;
  readonly ms: number;
  readonly retryAfter: string | null;
  /** The operation's output on success. */
  readonly output: unknown;
}

/** How to make a call. */
export interface CallOptions {
  readonly token?: string;
  readonly idempotencyKey?: string;
  /** Sent as `x-request-id` (REST and GraphQL take it; MCP makes its own). */
  readonly requestId?: string;
  /** GraphQL only: the selection set of the result (default `__typename`). */
  readonly selection?: string;
}

/** GraphQL input type names of the operations the load tests call over GraphQL. */
const GRAPHQL_INPUT: Readonly<Record<string, string>> = {
  'billing.capturePayment': 'CapturePaymentInput',
};

function headersOf(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  if (options.requestId !== undefined) headers['x-request-id'] = options.requestId;
  return headers;
}

interface ErrorShape {
  readonly code?: string;
}

/** The answer's code and output, read from the transport's own shape. */
function readAnswer(transport: ClientTransport, op: string, status: number, body: unknown) {
  // The bodies are our own API's JSON, read in the shapes its transports document.
  if (transport === 'rest') {
    const rest = body as { error?: ErrorShape } | undefined;
    return status < 300 ? { code: 'OK', output: body } : { code: rest?.error?.code, output: undefined };
  }
  if (transport === 'graphql') {
    const gql = body as { data?: Record<string, unknown> | null; errors?: { extensions?: ErrorShape }[] };
    const first = gql?.errors?.[0];
    if (first !== undefined) return { code: first.extensions?.code, output: undefined };
    return { code: 'OK', output: gql?.data?.[op.replace('.', '_')] };
  }
  const rpc = body as {
    result?: { isError?: boolean; structuredContent?: unknown; content?: { text?: string }[] };
    error?: { data?: ErrorShape };
  };
  if (rpc?.error !== undefined) return { code: rpc.error.data?.code, output: undefined };
  if (rpc?.result?.isError === true) {
    const text = rpc.result.content?.[0]?.text ?? '{}';
    return { code: (JSON.parse(text) as { error?: ErrorShape }).error?.code, output: undefined };
  }
  return { code: 'OK', output: rpc?.result?.structuredContent };
}

function requestOf(transport: ClientTransport, op: string, input: unknown, options: CallOptions) {
  if (transport === 'rest') return { path: `/api/ops/${op}`, body: input };
  if (transport === 'graphql') {
    const type = GRAPHQL_INPUT[op];
    if (type === undefined) throw new Error(`no GraphQL input type known for ${op}`);
    const field = op.replace('.', '_');
    return {
      path: '/api/graphql',
      body: {
        query: `mutation Call($input: ${type}!) { ${field}(input: $input) { ${options.selection ?? '__typename'} } }`,
        variables: { input },
      },
    };
  }
  const meta =
    options.idempotencyKey === undefined ? {} : { _meta: { idempotencyKey: options.idempotencyKey } };
  return {
    path: '/api/mcp',
    body: {
      jsonrpc: '2.0',
      id: randomUUID(),
      method: 'tools/call',
      params: { name: op.replace('.', '_'), arguments: input, ...meta },
    },
  };
}

/** Calls operation `op` of the server at `baseUrl` over `transport`; never throws for an HTTP answer. */
export async function callOp(
  baseUrl: string,
  transport: ClientTransport,
  op: string,
  input: unknown,
  options: CallOptions = {},
): Promise<CallOutcome> {
  const { path, body } = requestOf(transport, op, input, options);
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: headersOf(options),
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const answer = readAnswer(transport, op, response.status, parsed);
  return {
    transport,
    status: response.status,
    code: answer.code ?? `HTTP_${response.status}`,
    ms,
    retryAfter: response.headers.get('retry-after'),
    output: answer.output,
  };
}

/** True for an answer that is a server fault: a 5xx status, or INTERNAL / UNAVAILABLE inside a 200. */
export function isServerFault(outcome: CallOutcome): boolean {
  return outcome.status >= 500 || outcome.code === 'INTERNAL' || outcome.code === 'UNAVAILABLE';
}

/** Runs `work` for 0..count-1 with at most `limit` in flight; answers the results in order. */
export { pool as inPool } from '../../postgres/helpers.js';

/** Counts outcomes by a key (e.g. `code` or `transport code`). */
export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Ada (the seeded admin) bills `ownerId` 49.90 USD over REST; answers the new invoice's id. */
export async function createInvoice(baseUrl: string, adminToken: string, ownerId: string): Promise<string> {
  const answer = await callOp(
    baseUrl,
    'rest',
    'billing.createInvoice',
    { ownerId, description: 'Load test', amount: { amount: 4990, currency: 'USD' } },
    { token: adminToken },
  );
  const id = (answer.output as { id?: unknown } | undefined)?.id;
  if (answer.code !== 'OK' || typeof id !== 'string')
    throw new Error(`createInvoice answered ${answer.status} ${answer.code}`);
  return id;
}
