// Shared fixtures of the REST end-to-end tests: a small registry covering every REST behaviour,
// a context factory reading `Authorization: Bearer <user>`, a real node:http server on 127.0.0.1,
// and a raw-socket client for what `fetch` cannot send (partial and chunked bodies).
import { createServer, type IncomingMessage, type ServerOptions } from 'node:http';
import { connect } from 'node:net';
import {
  type AppContext,
  defineCommand,
  defineQuery,
  installOp,
  type RestOptions,
  SpecRegistry,
} from '@lssm/lib.contracts';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { bearerContext } from '../support/bearer.js';

export const BASE = '/api/ops';

/** The tutorial's input, as in tests/tutorial. */
const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
  examples: [{ invoiceId: 'inv_1', amount: 49.9, currency: 'usd', paymentMethodId: 'pm_card_visa' }],
});
const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: ScalarTypeEnum.String(), isOptional: false },
  },
});
const DeclineData = new SchemaModel({
  name: 'DeclineData',
  fields: { declineCode: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

/** Flat query parameters: an enum, an int, a boolean and an array (also the echoed output). */
const InvoiceStatus = defineEnum('InvoiceStatus', ['open', 'paid'] as const);
const ListInvoicesInput = new SchemaModel({
  name: 'ListInvoicesInput',
  fields: {
    status: { type: InvoiceStatus, isOptional: true },
    minAmount: { type: ScalarTypeEnum.Int(), isOptional: true },
    overdue: { type: ScalarTypeEnum.Boolean(), isOptional: true },
    tags: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: true, isArray: true },
  },
});

const ProductInput = new SchemaModel({
  name: 'ProductInput',
  fields: { sku: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: false } },
  examples: [{ sku: 'sku_1' }],
});
const Product = new SchemaModel({
  name: 'Product',
  fields: {
    sku: { type: ScalarTypeEnum.String(), isOptional: false },
    version: { type: ScalarTypeEnum.Int(), isOptional: false },
  },
});
const RefundInput = new SchemaModel({
  name: 'RefundInput',
  fields: { paymentId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
  examples: [{ paymentId: 'pay_1' }],
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

const meta = (name: string, version = 1, stability: 'stable' | 'beta' | 'deprecated' = 'stable') => ({
  name,
  version,
  description: `The ${name} operation`,
  owners: ['team-test'],
  stability,
});

export const CapturePayment = defineCommand({
  meta: { ...meta('billing.capturePayment'), tags: ['payments'] },
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid' },
      CARD_DECLINED: { status: 402, description: 'The card was declined', data: DeclineData },
    },
  },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
});
export const ListInvoices = defineQuery({
  meta: meta('billing.listInvoices'),
  io: { input: ListInvoicesInput, output: ListInvoicesInput },
  policy: { auth: 'user' },
});
export const GetProductV1 = defineQuery({
  meta: meta('catalog.getProduct', 1, 'stable'),
  io: { input: ProductInput, output: Product },
  policy: { auth: 'anonymous' },
});
export const GetProductV2 = defineQuery({
  meta: meta('catalog.getProduct', 2, 'beta'),
  io: { input: ProductInput, output: Product },
  policy: { auth: 'anonymous' },
});
export const LegacyCharge = defineCommand({
  meta: {
    ...meta('billing.legacyCharge', 1, 'deprecated'),
    deprecation: { since: '2026-01-01', sunset: '2027-01-01', replacement: 'billing.capturePayment/v1' },
  },
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});
export const LimitedPing = defineCommand({
  meta: meta('ops.limitedPing'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'user' },
  rateLimit: { limit: 2, windowSeconds: 60 },
});
export const Refund = defineCommand({
  meta: meta('billing.refund'),
  io: { input: RefundInput, output: RefundResult },
  policy: { auth: 'user' },
  idempotency: { required: true },
});

/** A late registration (served without a restart). */
export const LateOp = defineQuery({
  meta: meta('ops.lateArrival'),
  io: { input: Empty, output: Pong },
  policy: { auth: 'anonymous' },
});

export interface Invoice {
  readonly id: string;
  readonly userId: string;
  readonly status: 'open' | 'paid';
}

/** A fresh registry (own runtime: own rate limiter and idempotency store) with call counters. */
export function makeFixture() {
  const registry = new SpecRegistry({ tracer: false });
  const invoices = new Map<string, Invoice>([
    ['inv_1', { id: 'inv_1', userId: 'alice', status: 'open' }],
    ['inv_paid', { id: 'inv_paid', userId: 'alice', status: 'paid' }],
  ]);
  const calls = { capture: 0, refund: 0 };
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
  installOp(registry, ListInvoices, (input) => input);
  installOp(registry, GetProductV1, (input) => ({ sku: input.sku, version: 1 }));
  installOp(registry, GetProductV2, (input) => ({ sku: input.sku, version: 2 }));
  installOp(registry, LegacyCharge, () => ({ pong: true }));
  installOp(registry, LimitedPing, () => ({ pong: true }));
  installOp(registry, Refund, () => {
    calls.refund++;
    return { refundId: `re_${calls.refund}` };
  });
  return { registry, invoices, calls };
}

/** The app's context: `Authorization: Bearer <user>` signs in as that user; anything else is anonymous. */
export const contextFrom = bearerContext;

export const nodeContext = (req: IncomingMessage): AppContext => contextFrom(req.headers.authorization);
export const fetchContext = (req: Request): AppContext => contextFrom(req.headers.get('authorization'));

export interface Running {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** `createNodeHandler` behind a real `http.createServer` on 127.0.0.1, port 0. */
export async function startServer(
  registry: SpecRegistry,
  options: RestOptions = {},
  serverOptions: ServerOptions = {},
): Promise<Running> {
  const server = createServer(serverOptions, createNodeHandler(registry, nodeContext, options));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

/** Reads a response fully, parsing JSON bodies. */
export async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : text };
}

/** A JSON POST (the body as given when it is a string), optionally signed in. */
export function jsonInit(body: unknown, user?: string, headers: Record<string, string> = {}): RequestInit {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (user !== undefined) all.authorization = `Bearer ${user}`;
  return { method: 'POST', headers: all, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** The error object of an error body. */
export function errorOf(answer: Answer): {
  code: string;
  message: string;
  requestId: string;
  issues?: { path: (string | number)[] }[];
  data?: unknown;
} {
  return (answer.body as { error: ReturnType<typeof errorOf> }).error;
}

export interface RawAnswer {
  /** The status line's code, or undefined when the server closed without answering. */
  readonly status: number | undefined;
  readonly head: string;
  /** Whether the server closed the connection (it must, after refusing a body it did not read). */
  readonly closed: boolean;
  /** Body bytes the client had written when the answer arrived. */
  readonly sentBytes: number;
}

/**
 * Writes `head` and then `chunks` of body on a raw TCP connection, stopping as soon as the
 * response's head arrives; never sends what comes after. Resolves once the server closes.
 */
export function rawExchange(port: number, head: string, chunks: Iterable<Buffer>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sentBytes = 0;
    let answered = false;
    socket.on('data', (data) => {
      received += data.toString('latin1');
      answered ||= received.includes('\r\n\r\n');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset the connection while we still write: that is the point.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      const head = received.split('\r\n\r\n')[0] ?? '';
      const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
      resolve({ status: status === undefined ? undefined : Number(status), head, closed: true, sentBytes });
    });
    socket.on('connect', async () => {
      socket.write(head);
      for (const chunk of chunks) {
        if (answered || socket.destroyed) break;
        const flushed = socket.write(chunk);
        sentBytes += chunk.byteLength;
        if (!flushed) await new Promise((r) => socket.once('drain', r).once('close', r));
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

/** A header of a raw response head, by lower-case name. */
export function rawHeader(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}
