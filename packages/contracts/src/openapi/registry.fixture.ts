import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { z } from 'zod';
import { SpecRegistry } from '../registry/registry.js';
import { type AnyOperationSpec, defineCommand, defineQuery } from '../spec/operation.js';

/** Payment method kinds (an enum). */
export const PaymentMethodKind = defineEnum('PaymentMethodKind', [
  'card',
  'sepa_debit',
  'bank_transfer',
] as const);
/** What `billing.getInvoice` can include (an enum used as an array query parameter). */
export const InvoiceInclude = defineEnum('InvoiceInclude', ['lines', 'payments', 'customer'] as const);

/** A nested model. */
export const Address = new SchemaModel({
  name: 'Address',
  fields: {
    line1: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 200 }), isOptional: false },
    country: { type: ScalarTypeEnum.CountryCode(), isOptional: false },
  },
});

/** An array-of-models field's model. */
export const LineItem = new SchemaModel({
  name: 'LineItem',
  fields: {
    sku: { type: ScalarTypeEnum.ID(), isOptional: false },
    quantity: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
  },
});

/** Input with nested, array, enum, DateTime and Money fields, and examples. */
export const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  description: 'What to charge.',
  fields: {
    invoiceId: {
      type: ScalarTypeEnum.ID(),
      isOptional: false,
      description: 'Invoice to pay',
      examples: ['inv_1'],
    },
    amount: { type: ScalarTypeEnum.Money(), isOptional: false },
    method: { type: PaymentMethodKind, isOptional: false },
    capturedAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    billingAddress: { type: Address, isOptional: true },
    lines: { type: LineItem, isOptional: true, isArray: true, maxItems: 50 },
    labels: { type: ScalarTypeEnum.NonEmptyString({ maxLength: 40 }), isOptional: true, isArray: true },
  },
  examples: [{ invoiceId: 'inv_1', amount: { amount: 1250, currency: 'EUR' }, method: 'card' }],
});

/** Output of the capture commands. */
export const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    status: {
      type: defineEnum('PaymentStatus', ['succeeded', 'requires_action', 'processing'] as const),
      isOptional: false,
    },
  },
  examples: [{ transactionId: 'pi_123', status: 'succeeded' }],
});

/** Typed data of the CARD_DECLINED error. */
export const DeclineData = new SchemaModel({
  name: 'DeclineData',
  fields: { declineCode: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

const capture = {
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid' },
      INVOICE_VOID: { status: 409, description: 'The invoice was voided' },
      CARD_DECLINED: { status: 402, description: 'The card was declined', data: DeclineData },
      INVOICE_NOT_FOUND: { status: 404, description: 'No such invoice' },
    },
  },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
  idempotency: { required: true },
  rateLimit: { limit: 10, windowSeconds: 60 },
} as const;

/** v1: deprecated, with a sunset date and a replacement. */
export const CapturePaymentV1 = defineCommand({
  ...capture,
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Process a payment for an invoice',
    owners: ['team-billing'],
    stability: 'deprecated',
    deprecation: { sunset: '2027-01-01', replacement: 'billing.capturePayment/v2' },
  },
});

/** v2: stable, side by side with v1; what an unversioned call resolves to. */
export const CapturePaymentV2 = defineCommand({
  ...capture,
  meta: {
    name: 'billing.capturePayment',
    version: 2,
    description: 'Process a payment for an invoice',
    goal: 'Collect money owed on an invoice exactly once',
    context: 'Called by the checkout page; retried by clients on network errors',
    owners: ['team-billing'],
    tags: ['payments'],
    stability: 'stable',
  },
});

/** Query input: scalars, an enum array, a default, a DateTime, and a nested model (no flat form). */
export const GetInvoiceInput = new SchemaModel({
  name: 'GetInvoiceInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false },
    include: { type: InvoiceInclude, isOptional: true, isArray: true },
    limit: { type: ScalarTypeEnum.PositiveInt({ max: 100 }), isOptional: false, default: 20 },
    expand: { type: ScalarTypeEnum.Boolean(), isOptional: true },
    asOf: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    shippedTo: { type: Address, isOptional: true },
    total: { type: ScalarTypeEnum.Money(), isOptional: true },
  },
});

/** An invoice. */
export const Invoice = new SchemaModel({
  name: 'Invoice',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    total: { type: ScalarTypeEnum.Money(), isOptional: false },
    issuedAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    note: { type: ScalarTypeEnum.String(), isOptional: true, isNullable: true },
  },
  examples: [{ id: 'inv_1', total: { amount: 1250, currency: 'EUR' }, issuedAt: '2026-11-27T09:30:00Z' }],
});

/** A query that hides existence from callers its rule denies. */
export const GetInvoice = defineQuery({
  meta: {
    name: 'billing.getInvoice',
    version: 1,
    description: 'Read one invoice',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: { input: GetInvoiceInput, output: Invoice },
  policy: {
    auth: 'user',
    rules: [{ resource: 'invoice', action: 'read', condition: { anyOf: ['owner', 'sameTenant'] } }],
    hideExistence: true,
  },
});

/** A query with zod (a foreign Standard Schema) input and output, anonymous and rate limited. */
export const SearchProducts = defineQuery({
  meta: {
    name: 'catalog.searchProducts',
    version: 1,
    description: 'Search the catalog',
    owners: ['team-catalog'],
    stability: 'beta',
  },
  io: {
    input: z.object({ q: z.string().min(1), limit: z.number().int().optional() }),
    output: z.object({ items: z.array(z.object({ sku: z.string() })) }),
  },
  policy: { auth: 'anonymous' },
  rateLimit: { limit: 100, windowSeconds: 1 },
});

/** A query for a custom role. */
export const ExportLedger = defineQuery({
  meta: {
    name: 'reports.exportLedger',
    version: 1,
    description: 'Export the ledger for a period',
    owners: ['team-finance'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'ExportLedgerInput',
      fields: {
        from: { type: ScalarTypeEnum.Date(), isOptional: false },
        to: { type: ScalarTypeEnum.Date(), isOptional: false },
      },
    }),
    output: new SchemaModel({
      name: 'LedgerExport',
      fields: { url: { type: ScalarTypeEnum.URL(), isOptional: false } },
    }),
  },
  policy: { auth: 'accountant' },
});

const Empty = new SchemaModel({ name: 'Empty', fields: {} });

/** A command for any signed-in user, without rules or declared idempotency (the key is optional). */
export const SendReminder = defineCommand({
  meta: {
    name: 'billing.sendReminder',
    version: 1,
    description: 'Email a payment reminder',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'SendReminderInput',
      fields: { invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false } },
    }),
    output: Empty,
  },
  policy: { auth: 'user' },
});

/** Experimental: off REST by default. */
export const RefundPayment = defineCommand({
  meta: {
    name: 'billing.refundPayment',
    version: 1,
    description: 'Refund a payment',
    owners: ['team-billing'],
    stability: 'experimental',
  },
  io: { input: Empty, output: Empty },
  policy: { auth: 'admin' },
});

/** Explicitly off REST. */
export const RebuildIndex = defineCommand({
  meta: {
    name: 'admin.rebuildIndex',
    version: 1,
    description: 'Rebuild the search index',
    owners: ['team-platform'],
    stability: 'stable',
  },
  io: { input: Empty, output: Empty },
  policy: { auth: 'admin' },
  exposure: { rest: false, mcp: true },
});

/** Every spec of the fixture, in registration order. */
export const ALL_SPECS: readonly AnyOperationSpec[] = [
  CapturePaymentV1,
  CapturePaymentV2,
  GetInvoice,
  SendReminder,
  SearchProducts,
  ExportLedger,
  RefundPayment,
  RebuildIndex,
];

/** A registry holding {@link ALL_SPECS} (no handlers: documents need none), in the given order. */
export function fixtureRegistry(specs: readonly AnyOperationSpec[] = ALL_SPECS): SpecRegistry {
  const registry = new SpecRegistry();
  for (const spec of specs) registry.register(spec);
  return registry;
}
