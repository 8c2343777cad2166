import { EXPECTED_OUTPUT, INVALID_JSON, OP_PATH, ORPC_PATH, VALID_JSON } from './wire.js';

/** How the parent talks to one peer: its route, its request bodies and how to read its answers. */
export interface Peer {
  /** The name `child.ts` starts it by, and the table's label. */
  readonly name: string;
  readonly path: string;
  readonly validBody: string;
  readonly invalidBody: string;
  /** The JSON value a 200 answer must carry. */
  readonly expected: unknown;
  /** How many issues a 400 answer lists (undefined when it does not list them). */
  readonly issues: (body: unknown) => number | undefined;
}

const errorIssues = (body: unknown) => (body as { error?: { issues?: unknown[] } }).error?.issues?.length;

const rest = (name: string, issues: Peer['issues'] = errorIssues): Peer => ({
  name,
  path: OP_PATH,
  validBody: VALID_JSON,
  invalidBody: INVALID_JSON,
  expected: EXPECTED_OUTPUT,
  issues,
});

/** The peers, bare `node:http` first: every ratio is taken against it. */
export const PEERS: readonly Peer[] = [
  rest('bare'),
  rest('ours'),
  // Fastify's 400 joins Ajv's messages (`body/invoiceId must ...`) into one string.
  rest('fastify', (body) => (body as { message?: string }).message?.match(/\bbody[/ ]/g)?.length),
  rest('hono'),
  {
    name: 'orpc',
    path: ORPC_PATH,
    validBody: `{"json":${VALID_JSON}}`,
    invalidBody: `{"json":${INVALID_JSON}}`,
    expected: { json: EXPECTED_OUTPUT },
    issues: (body) => (body as { json?: { data?: { issues?: unknown[] } } }).json?.data?.issues?.length,
  },
];
