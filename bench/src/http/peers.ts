import {
  anyBody,
  type BodyCheck,
  equalTo,
  graphqlCode,
  graphqlIssues,
  graphqlOutput,
  graphqlRefused,
  type IssueCount,
  listsIssues,
  mcpErrorIssues,
  mcpOutput,
  mcpSdkIssues,
  mcpToolError,
  restIssues,
} from './answers.js';
import {
  EXPECTED_OUTPUT,
  GRAPHQL_HEADERS,
  GRAPHQL_PATH,
  graphqlBody,
  INVALID_JSON,
  MCP_HEADERS,
  MCP_PATH,
  mcpBody,
  OP_PATH,
  ORPC_PATH,
  VALID_JSON,
} from './wire.js';

/** What one answer must be: its status and its JSON body. */
export interface Expectation {
  readonly status: number;
  readonly check: BodyCheck;
}

/** The protocol a peer speaks: each has its own section in the table. */
export type Family = 'rest' | 'graphql' | 'mcp';

/** How the parent talks to one peer: its route, its requests and what its answers must be. */
export interface Peer {
  /** The name `child.ts` starts it by, and the table's label. */
  readonly name: string;
  readonly family: Family;
  readonly path: string;
  /** Headers every request carries besides `content-type` and the bearer (MCP's `accept`...). */
  readonly headers: Readonly<Record<string, string>>;
  readonly validBody: string;
  readonly invalidBody: string;
  /** The answer to the valid body with the bearer. */
  readonly valid: Expectation;
  /** The answer to the invalid body with the bearer. */
  readonly invalid: Expectation;
  /** The answer to the valid body without the bearer. */
  readonly noBearer: Expectation;
  /** How many issues the invalid answer lists (undefined when it does not list them). */
  readonly issues: IssueCount;
}

/** At least this many of the invalid body's five issues must be listed where a peer lists them. */
const MIN_ISSUES = 4;
/**
 * graphql-js refuses the invalid variable itself, one error per problem its types see: `currency`
 * not a string, `paymentMethodId` missing, `extra` undeclared (an empty id and a negative amount
 * are a valid `String` and `Float`), so no resolver runs.
 */
const MIN_GRAPHQL_ISSUES = 3;

const rest = (name: string, issues: IssueCount = restIssues): Peer => ({
  name,
  family: 'rest',
  path: OP_PATH,
  headers: {},
  validBody: VALID_JSON,
  invalidBody: INVALID_JSON,
  valid: { status: 200, check: equalTo(EXPECTED_OUTPUT) },
  invalid: { status: 400, check: listsIssues(issues, MIN_ISSUES) },
  noBearer: { status: 401, check: anyBody },
  issues,
});

// GraphQL answers 200 to field errors and refused variables alike (graphql-http and Mercurius
// answer variable errors with 200 even to `application/graphql-response+json`).
const graphql = (name: string, refused: BodyCheck): Peer => ({
  name,
  family: 'graphql',
  path: GRAPHQL_PATH,
  headers: GRAPHQL_HEADERS,
  validBody: graphqlBody(VALID_JSON),
  invalidBody: graphqlBody(INVALID_JSON),
  valid: { status: 200, check: graphqlOutput },
  invalid: { status: 200, check: listsIssues(graphqlIssues, MIN_GRAPHQL_ISSUES, refused) },
  noBearer: { status: 200, check: graphqlCode('UNAUTHENTICATED') },
  issues: graphqlIssues,
});

// MCP answers tool errors (invalid input, no bearer) as 200 results with `isError: true`.
const mcp = (name: string, issues: IssueCount, invalidWord: string): Peer => ({
  name,
  family: 'mcp',
  path: MCP_PATH,
  headers: MCP_HEADERS,
  validBody: mcpBody(VALID_JSON),
  invalidBody: mcpBody(INVALID_JSON),
  valid: { status: 200, check: mcpOutput },
  invalid: { status: 200, check: listsIssues(issues, MIN_ISSUES, mcpToolError(invalidWord)) },
  noBearer: { status: 200, check: mcpToolError('UNAUTHENTICATED') },
  issues,
});

/** The peers, bare `node:http` first: every ratio is taken against it, GraphQL's and MCP's too. */
export const PEERS: readonly Peer[] = [
  rest('bare'),
  rest('ours'),
  // Fastify's 400 joins Ajv's messages (`body/invoiceId must ...`) into one string.
  rest('fastify', (body) => (body as { message?: string }).message?.match(/\bbody[/ ]/g)?.length),
  rest('hono'),
  {
    ...rest(
      'orpc',
      (body) => (body as { json?: { data?: { issues?: unknown[] } } }).json?.data?.issues?.length,
    ),
    path: ORPC_PATH,
    validBody: `{"json":${VALID_JSON}}`,
    invalidBody: `{"json":${INVALID_JSON}}`,
    valid: { status: 200, check: equalTo({ json: EXPECTED_OUTPUT }) },
  },
  // tRPC answers `{"result":{"data": ...}}`, and its errors keep its JSON-RPC-like shape (issues
  // added under `error.data` by the server's error formatter); same URL as the others.
  {
    ...rest(
      'trpc',
      (body) => (body as { error?: { data?: { issues?: unknown[] } } }).error?.data?.issues?.length,
    ),
    valid: { status: 200, check: equalTo({ result: { data: EXPECTED_OUTPUT } }) },
  },
  // ts-rest on Fastify 4 answers exactly as the others (its validation error handler is ours to write).
  rest('ts-rest'),
  // Ours codes graphql-js's own errors too; plain graphql-js leaves them without a code.
  graphql('ours-graphql', graphqlCode('INVALID_INPUT')),
  graphql('graphql-http', graphqlRefused),
  graphql('mercurius', graphqlRefused),
  mcp('ours-mcp', mcpErrorIssues, 'INVALID_INPUT'),
  mcp('mcp-sdk', mcpSdkIssues, 'Input validation error'),
];
