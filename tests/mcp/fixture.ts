// The MCP end-to-end fixture: a small registry covering what MCP must carry (auth levels, an
// owner rule like the tutorial's invoice, declared domain errors, an unknown throw, idempotency,
// versions, exposure) and the app's context factory, the same one a REST handler would take.
import {
  type AppContext,
  defineCommand,
  defineQuery,
  installOp,
  MemoryAuditSink,
  SpecRegistry,
} from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { bearerContext } from '../support/bearer.js';

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
    capturedAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
  },
});
const DeclineData = new SchemaModel({
  name: 'DeclineData',
  fields: { declineCode: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});
const ProductInput = new SchemaModel({
  name: 'ProductInput',
  fields: { sku: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: false } },
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
});
const RefundResult = new SchemaModel({
  name: 'RefundResult',
  fields: { refundId: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const Empty = new SchemaModel({ name: 'Empty', fields: {} });
const Count = new SchemaModel({
  name: 'Count',
  fields: { count: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: false } },
});

const meta = (name: string, version = 1, stability: 'stable' | 'beta' | 'experimental' = 'stable') => ({
  name,
  version,
  description: `The ${name} operation`,
  owners: ['team-test'],
  stability,
});

export const CapturePayment = defineCommand({
  meta: {
    ...meta('billing.capturePayment'),
    description: 'Process a payment for an invoice',
    goal: 'Capture funds from customer payment method',
    context: 'Called when customer confirms purchase',
  },
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
export const GetProductV1 = defineQuery({
  meta: meta('catalog.getProduct'),
  io: { input: ProductInput, output: Product },
  policy: { auth: 'anonymous' },
});
export const GetProductV2 = defineQuery({
  meta: meta('catalog.getProduct', 2, 'beta'),
  io: { input: ProductInput, output: Product },
  policy: { auth: 'anonymous' },
});
export const Refund = defineCommand({
  meta: meta('billing.refund'),
  io: { input: RefundInput, output: RefundResult },
  policy: { auth: 'user' },
  idempotency: { required: true },
});
export const PurgeInvoices = defineCommand({
  meta: meta('admin.purgeInvoices'),
  io: { input: Empty, output: Count },
  policy: { auth: 'admin' },
  destructive: true,
});
export const Crash = defineCommand({
  meta: meta('ops.crash'),
  io: { input: Empty, output: Empty },
  policy: { auth: 'anonymous' },
});
export const HiddenFromMcp = defineQuery({
  meta: meta('ops.restOnly'),
  io: { input: Empty, output: Empty },
  policy: { auth: 'anonymous' },
  exposure: { mcp: false },
});
export const Experimental = defineQuery({
  meta: meta('ops.tryOut', 1, 'experimental'),
  io: { input: Empty, output: Empty },
  policy: { auth: 'anonymous' },
});

/** A secret that only an unknown throw carries: it must never reach a client. */
export const SECRET = 'postgres://admin:hunter2@db.internal';

export interface Invoice {
  readonly id: string;
  readonly userId: string;
  readonly status: 'open' | 'paid';
}

/** A fresh registry (own audit trail and idempotency store) with call counters. */
export function makeFixture() {
  const audit = new MemoryAuditSink();
  const registry = new SpecRegistry({ tracer: false, audit });
  const invoices = new Map<string, Invoice>([
    ['inv_1', { id: 'inv_1', userId: 'alice', status: 'open' }],
    ['inv_paid', { id: 'inv_paid', userId: 'alice', status: 'paid' }],
  ]);
  const calls = { capture: 0, refund: 0, purge: 0 };
  registry.resources.register('invoice', ({ input }) =>
    invoices.get((input as { invoiceId: string }).invoiceId),
  );
  installOp(registry, CapturePayment, (input, ctx) => {
    calls.capture++;
    if ((ctx.resources.invoice as Invoice).status === 'paid') throw ctx.fail('ALREADY_PAID');
    if (input.paymentMethodId === 'pm_card_declined')
      throw ctx.fail('CARD_DECLINED', 'The card was declined', { declineCode: 'insufficient_funds' });
    return {
      transactionId: `pi_${calls.capture}`,
      status: 'succeeded',
      capturedAt: new Date(Date.UTC(2026, 0, 2)),
    };
  });
  installOp(registry, GetProductV1, (input) => ({ sku: input.sku, version: 1 }));
  installOp(registry, GetProductV2, (input) => ({ sku: input.sku, version: 2 }));
  installOp(registry, Refund, () => {
    calls.refund++;
    return { refundId: `re_${calls.refund}` };
  });
  installOp(registry, PurgeInvoices, () => {
    calls.purge++;
    return { count: 0 };
  });
  installOp(registry, Crash, () => {
    throw new Error(`cannot connect to ${SECRET}`);
  });
  installOp(registry, HiddenFromMcp, () => ({}));
  installOp(registry, Experimental, () => ({}));
  return { registry, audit, invoices, calls };
}

/** `Bearer <user>` signs in as that user (`root` is an admin); anything else is anonymous. */
export function contextFrom(authorization: string | null | undefined): AppContext {
  const context = bearerContext(authorization);
  return context.userId === 'root' ? { ...context, actor: 'admin' } : context;
}

/** The app's context factory, as a Next.js route or `makeFetchHandler` would take it. */
export const createContext = (request: Request): AppContext =>
  contextFrom(request.headers.get('authorization'));
