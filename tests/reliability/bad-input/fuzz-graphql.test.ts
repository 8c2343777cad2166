// Hostile GraphQL requests to the billing app's /api/graphql route: hostile variables for every
// operation (mostly), hostile documents (deep, wide, broken) and hostile request bodies, as every
// kind of caller. Never a 5xx, never a crash, every error coded, prototypes intact, no leaks.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure, scaled } from '../support/figures.js';
import {
  billingFields,
  CALLERS,
  hostileInput,
  hostileJson,
  hostileString,
  objectText,
} from './arbitraries.js';
import { fuzz, type HostileRequest } from './fuzz-loop.js';
import { verdict } from './fuzz-verdict.js';
import type { RawAnswer } from './http-client.js';
import { authorization, type BadInputServer, startFuzzTarget } from './server.js';

let server: BadInputServer;
let invoiceIds: string[];

beforeAll(async () => {
  ({ server, invoiceIds } = await startFuzzTarget());
}, 120_000);
afterAll(() => server?.close());

/** Each operation's document: its kind, input type and a small selection. */
const DOCUMENTS: Readonly<Record<string, readonly [kind: string, type: string, selection: string]>> = {
  'billing.listInvoices': ['query', 'ListInvoicesInput', '{ invoices { id amount { amount currency } } }'],
  'billing.getInvoice': ['query', 'GetInvoiceInput', '{ id status ownerId payment { status } }'],
  'billing.listAudit': ['query', 'ListAuditInput', '{ chainIntact chainLength }'],
  'billing.createInvoice': ['mutation', 'CreateInvoiceInput', '{ id amount { amount currency } }'],
  'billing.capturePayment': ['mutation', 'CapturePaymentInput', '{ status transactionId }'],
  'billing.refundPayment': ['mutation', 'RefundPaymentInput', '{ status refundId }'],
  'billing.recoverPayments': ['mutation', 'RecoverPaymentsInput', '{ examined }'],
};

function documentOf(op: string): string {
  const [kind, type, selection] = DOCUMENTS[op] ?? ['query', 'X', '{ x }'];
  return `${kind} Call($input: ${type}!) { ${op.replace('.', '_')}(input: $input) ${selection} }`;
}

/** Documents no client should send: broken, deep, wide, huge, self-referencing. */
const hostileDocument = fc.oneof(
  hostileString,
  fc
    .integer({ min: 2, max: 3_000 })
    .map(
      (n) =>
        `{ ${'billing_listInvoices(input: {}) { invoices { '.repeat(1)}${'a { '.repeat(n)}${'}'.repeat(n + 2)} }`,
    ),
  fc
    .integer({ min: 2, max: 2_000 })
    .map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`),
  fc.constant('query { ...F } fragment F on Query { ...F }'),
  fc.constant('{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }'),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `query ${'('.repeat(n)}`),
  fc.constant('subscription { x }'),
  fc.constant('query A { __typename } query B { __typename }'),
);

function graphqlRequests(): fc.Arbitrary<HostileRequest> {
  const fields = billingFields(invoiceIds);
  const ops = Object.keys(DOCUMENTS);
  const shaped = fc.constantFrom(...ops).chain((op) =>
    fc.tuple(
      fc.constant(documentOf(op)),
      fc.oneof(
        {
          weight: 6,
          arbitrary: hostileInput(fields[op] ?? {}).map((input) => objectText([['input', input]])),
        },
        { weight: 1, arbitrary: hostileJson(['input']) },
      ),
      fc.constant(op),
    ),
  );
  const wild = fc.tuple(hostileDocument, hostileJson(['input']), fc.constant('document'));
  const body = fc.oneof(
    { weight: 8, arbitrary: fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: wild }) },
    {
      weight: 1,
      arbitrary: hostileJson(['query', 'variables', 'operationName']).map(
        (text) => [text, '', 'body'] as const,
      ),
    },
  );
  return fc
    .tuple(
      body,
      fc.constantFrom(...CALLERS),
      fc.option(hostileString, { nil: undefined }),
      fc.constantFrom('application/graphql-response+json', 'application/json', '*/*'),
    )
    .map(([[query, variables, what], caller, operationName, accept]) => ({
      url: `${server.url}/api/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...authorization(server, caller) },
      body:
        what === 'body'
          ? query
          : objectText([
              ['query', JSON.stringify(query)],
              ['variables', variables],
              ...(operationName === undefined
                ? []
                : ([['operationName', JSON.stringify(operationName)]] as const)),
            ]),
      label: `${what} as ${caller}`,
    }));
}

/** Every error of a GraphQL answer has a message and a stable code. */
function checkGraphQL(answer: RawAnswer): string | undefined {
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return `a non-JSON ${answer.status} answer: ${answer.text.slice(0, 200)}`;
  }
  if (body.errors === undefined) return answer.status === 200 ? undefined : `${answer.status} without errors`;
  for (const error of body.errors) {
    const code = error.extensions?.code;
    if (typeof error.message !== 'string' || typeof code !== 'string' || !/^[A-Z][A-Z_]*$/.test(code))
      return `an error without a stable code: ${JSON.stringify(error).slice(0, 200)}`;
  }
  return undefined;
}

describe('GraphQL: hostile input to the billing app', () => {
  it('never answers 5xx, never crashes, codes every error, keeps prototypes, bounded time and heap', {
    timeout: 600_000,
  }, async () => {
    const report = await fuzz({
      requests: graphqlRequests(),
      cases: scaled(10_000, 100_000),
      secrets: server.secrets,
      check: checkGraphQL,
    });
    const { figure, pass } = verdict(report);
    recordFigure({
      section: 'bad-input',
      scenario: 'GraphQL fuzz (variables, documents, bodies)',
      runs: report.cases,
      figure,
      pass,
    });
    console.log('statuses', JSON.stringify(report.statuses));
    expect(report.problems, report.failure).toEqual([]);
    expect(report.failure).toBeUndefined();
    expect(pass).toBe(true);
  });
});
