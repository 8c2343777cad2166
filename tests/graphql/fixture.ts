// Shared fixtures of the GraphQL end-to-end tests: a registry covering what GraphQL must carry
// (the tutorial's owner rule, declared errors, versions, deprecation, opt-out, zod io, rich
// models), a context factory reading `Authorization: Bearer <user>`, the node:http handler on a
// real server on 127.0.0.1 port 0, and the Fetch handler called with real `Request` objects.
import type { IncomingMessage } from 'node:http';
import {
  type AppContext,
  defineCommand,
  defineQuery,
  installOp,
  type MemoryAuditSink,
  SpecRegistry,
} from '@lssm/lib.contracts';
import {
  createGraphQLNodeHandler,
  type GraphQLOptions,
  makeGraphQLHandler,
} from '@lssm/lib.contracts/server/graphql';
import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { z } from 'zod';
import { bearerContext } from '../support/bearer.js';
import { listen } from '../support/listen.js';

/** The tutorial's input and output (tests/tutorial), with two declared errors. */
const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});
const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: ScalarTypeEnum.String(), isOptional: false },
    receiptUrl: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});
const DeclineData = new SchemaModel({
  name: 'DeclineData',
  fields: { declineCode: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

/** A richer output: Money, DateTime, an enum, a nested model, arrays, JSON. */
const InvoiceStatus = defineEnum('InvoiceStatus', ['open', 'paid'] as const);
const Customer = new SchemaModel({
  name: 'Customer',
  fields: {
    email: { type: ScalarTypeEnum.Email(), isOptional: false },
    country: { type: ScalarTypeEnum.CountryCode(), isOptional: true },
  },
});
const Invoice = new SchemaModel({
  name: 'Invoice',
  description: 'An invoice to pay',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    total: { type: ScalarTypeEnum.Money(), isOptional: false },
    status: { type: InvoiceStatus, isOptional: false },
    dueAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    customer: { type: Customer, isOptional: false },
    lines: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false, isArray: true },
    metadata: { type: ScalarTypeEnum.JSON(), isOptional: true },
    legacyRef: { type: ScalarTypeEnum.String(), isOptional: true, deprecated: 'Use id' },
  },
});
const GetInvoiceInput = new SchemaModel({
  name: 'GetInvoiceInput',
  fields: { invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const ProductInput = new SchemaModel({
  name: 'ProductInput',
  fields: { sku: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: false } },
});
const Product = new SchemaModel({
  name: 'Product',
  fields: {
    sku: { type: ScalarTypeEnum.String(), isOptional: false },
    version: { type: ScalarTypeEnum.Int({ min: 1, max: 100 }), isOptional: false },
  },
});
const RefundInput = new SchemaModel({
  name: 'RefundInput',
  fields: { paymentId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const RefundResult = new SchemaModel({
  name: 'RefundResult',
  fields: { refundId: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const Empty = new SchemaModel({ name: 'Empty', fields: {} });
const Pong = new SchemaModel({
  name: 'Pong',
  fields: { pong: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});

const meta = (
  name: string,
  version = 1,
  stability: 'stable' | 'beta' | 'deprecated' | 'experimental' = 'stable',
) => ({ name, version, description: `The ${name} operation`, owners: ['team-test'], stability });

export const CapturePayment = defineCommand({
  meta: meta('billing.capturePayment'),
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid' },
      CARD_DECLINED: { status: 402, description: 'The card was declined', data: DeclineData },
    },
  },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
  audit: { redact: ['paymentMethodId'] },
});
export const GetInvoice = defineQuery({
  meta: meta('billing.getInvoice'),
  io: { input: GetInvoiceInput, output: Invoice },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'read', condition: 'owner' }] },
});
const product = (version: number, stability: 'stable' | 'beta') =>
  defineQuery({
    meta: meta('catalog.getProduct', version, stability),
    io: { input: ProductInput, output: Product },
    policy: { auth: 'anonymous' },
  });
export const GetProductV1 = product(1, 'stable');
export const GetProductV2 = product(2, 'stable');
export const GetProductV3 = product(3, 'beta');
export const LegacyCharge = defineCommand({
  meta: {
    ...meta('billing.legacyCharge', 1, 'deprecated'),
    deprecation: { since: '2026-01-01', sunset: '2027-01-01', replacement: 'billing.capturePayment/v1' },
  },
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});
export const Refund = defineCommand({
  meta: meta('billing.refund'),
  io: { input: RefundInput, output: RefundResult },
  policy: { auth: 'user' },
  idempotency: { required: true },
});
export const Crash = defineQuery({
  meta: meta('ops.crash'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});
export const Hidden = defineQuery({
  meta: meta('ops.hidden'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
  exposure: { graphql: false },
});
export const Experiment = defineQuery({
  meta: meta('ops.experiment', 1, 'experimental'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});
export const ZodEcho = defineCommand({
  meta: meta('tools.zodEcho'),
  io: { input: z.object({ text: z.string().min(2) }), output: z.object({ text: z.string() }) },
  policy: { auth: 'anonymous' },
});
/** Registered after the servers start: the schema must grow without a restart. */
export const LateOp = defineQuery({
  meta: meta('ops.lateArrival'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});

export const SECRET = 'db password is hunter2';

export interface InvoiceRow {
  readonly id: string;
  readonly userId: string;
  readonly status: 'open' | 'paid';
}

/** A fresh registry (own runtime, own audit trail) with call counters. */
export function makeFixture() {
  const registry = new SpecRegistry({ tracer: false });
  const invoices = new Map<string, InvoiceRow>([
    ['inv_1', { id: 'inv_1', userId: 'alice', status: 'open' }],
    ['inv_paid', { id: 'inv_paid', userId: 'alice', status: 'paid' }],
  ]);
  const calls = { capture: 0, refund: 0, crash: 0 };
  // As the tutorial's lib/db.ts: the policy loads the invoice named by the input's invoiceId.
  registry.resources.register('invoice', ({ input }) =>
    invoices.get((input as { invoiceId: string }).invoiceId),
  );
  installOp(registry, CapturePayment, (input, ctx) => {
    calls.capture++;
    if (invoices.get(input.invoiceId)?.status === 'paid') throw ctx.fail('ALREADY_PAID');
    if (input.paymentMethodId === 'pm_card_declined')
      throw ctx.fail('CARD_DECLINED', 'Declined', { declineCode: 'insufficient_funds' });
    return { transactionId: `pi_${calls.capture}`, status: 'succeeded' };
  });
  installOp(registry, GetInvoice, (input) => ({
    id: input.invoiceId,
    total: { amount: 4_990_000_000, currency: 'JPY' },
    status: 'open' as const,
    dueAt: new Date('2026-12-01T09:30:00Z'),
    customer: { email: 'alice@example.com', country: 'FR' },
    lines: ['Consulting'],
    metadata: { po: 'PO-7', tags: ['a'] },
    legacyRef: 'L-1',
  }));
  for (const spec of [GetProductV1, GetProductV2, GetProductV3])
    installOp(registry, spec, (input) => ({ sku: input.sku, version: spec.meta.version }));
  installOp(registry, LegacyCharge, () => ({ pong: true }));
  installOp(registry, Refund, () => {
    calls.refund++;
    return { refundId: `re_${calls.refund}` };
  });
  installOp(registry, Crash, () => {
    calls.crash++;
    throw new Error(SECRET);
  });
  installOp(registry, Hidden, () => ({ pong: true }));
  installOp(registry, Experiment, () => ({ pong: true }));
  installOp(registry, ZodEcho, (input) => ({ text: input.text }));
  const audit = registry.runtime.audit as MemoryAuditSink; // the default runtime's in-memory sink
  return { registry, invoices, calls, audit };
}

/** How many times the context factory ran (once per HTTP request, however many fields it has). */
export const contextCalls = { count: 0 };

/** The app's context: `Authorization: Bearer <user>` signs in as that user; anything else is anonymous. */
export function contextFrom(authorization: string | null | undefined): AppContext {
  contextCalls.count++;
  return bearerContext(authorization);
}

/** A GraphQL answer: status, headers, and the parsed body (or the raw text when it is not JSON). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GraphQLBody;
}

/** The GraphQL response body shape the tests read. */
export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly {
    readonly message: string;
    readonly path?: readonly (string | number)[];
    readonly extensions?: {
      readonly code?: string;
      readonly requestId?: string;
      readonly issues?: readonly { path: (string | number)[]; code: string; message: string }[];
      readonly data?: unknown;
    };
  }[];
}

/** One way of reaching a GraphQL handler with a real Fetch `Request`. */
export interface Transport {
  readonly name: string;
  send(path: string, init: RequestInit): Promise<Answer>;
  close(): Promise<void>;
}

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return {
    status: response.status,
    headers: response.headers,
    body: json ? (JSON.parse(text) as GraphQLBody) : ({ text } as GraphQLBody),
  };
}

/** `createGraphQLNodeHandler` behind a real `http.createServer` on 127.0.0.1, port 0, called with fetch. */
export async function nodeTransport(
  registry: SpecRegistry,
  options: GraphQLOptions = {},
): Promise<Transport> {
  const context = (req: IncomingMessage) => contextFrom(req.headers.authorization);
  const server = await listen(createGraphQLNodeHandler(registry, context, options));
  return {
    name: 'node:http',
    send: async (path, init) => read(await fetch(`${server.url}${path}`, init)),
    close: () => server.close(),
  };
}

/** `makeGraphQLHandler` (the Next.js / Fetch handler) called with real `Request` objects. */
export function fetchTransport(registry: SpecRegistry, options: GraphQLOptions = {}): Transport {
  const handler = makeGraphQLHandler(registry, (req) => contextFrom(req.headers.get('authorization')), {
    path: '/graphql',
    ...options,
  });
  return {
    name: 'Fetch',
    send: async (path, init) => read(await handler(new Request(`http://app.test${path}`, init))),
    close: async () => undefined,
  };
}

/** A GraphQL POST: `application/json`, optionally signed in, with extra headers. */
export function gql(
  query: string,
  variables?: Record<string, unknown>,
  user?: string,
  headers: Record<string, string> = {},
): RequestInit {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (user !== undefined) all.authorization = `Bearer ${user}`;
  return { method: 'POST', headers: all, body: JSON.stringify({ query, variables }) };
}

/** The first error of a body. */
export function firstError(answer: Answer) {
  const error = answer.body.errors?.[0];
  if (error === undefined) throw new Error(`expected an error, got ${JSON.stringify(answer.body)}`);
  return error;
}
