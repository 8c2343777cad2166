// Specs only (no handlers): what a browser bundle imports to build its client.
import { defineCommand, defineQuery } from '@lssm/lib.contracts';
import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    currency: { type: ScalarTypeEnum.Currency(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    note: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});
const PaymentStatus = defineEnum('PaymentStatus', ['succeeded', 'requires_action'] as const);
const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: PaymentStatus, isOptional: false },
    capturedAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    receiptUrl: { type: ScalarTypeEnum.URL(), isOptional: true },
  },
});
const DeclineData = new SchemaModel({
  name: 'DeclineData',
  fields: { declineCode: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } },
});

export const CapturePayment = defineCommand({
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Capture a payment for an invoice',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid' },
      CARD_DECLINED: { status: 402, description: 'The card was declined', data: DeclineData },
    },
  },
  policy: { auth: 'user' },
  idempotency: { required: true },
});

const InvoiceStatus = defineEnum('InvoiceStatus', ['open', 'paid'] as const);
const ListInvoicesInput = new SchemaModel({
  name: 'ListInvoicesInput',
  fields: { status: { type: InvoiceStatus, isOptional: true } },
});
const InvoiceSummary = new SchemaModel({
  name: 'InvoiceSummary',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    status: { type: InvoiceStatus, isOptional: false },
  },
});
const InvoiceList = new SchemaModel({
  name: 'InvoiceList',
  fields: { items: { type: InvoiceSummary, isOptional: false, isArray: true } },
});

export const ListInvoices = defineQuery({
  meta: {
    name: 'billing.listInvoices',
    version: 2,
    description: 'List invoices',
    owners: ['team-billing'],
    stability: 'deprecated',
    deprecation: { since: '2026-01-01', sunset: '2027-01-01', replacement: 'billing.searchInvoices/v1' },
  },
  io: { input: ListInvoicesInput, output: InvoiceList },
  policy: { auth: 'user' },
});

const Empty = new SchemaModel({ name: 'Empty', fields: {} });
const Flaky = new SchemaModel({
  name: 'FlakyResult',
  fields: { runs: { type: ScalarTypeEnum.Int(), isOptional: false } },
});

/** Fails with UNAVAILABLE (503) while the server says so; for the retry tests. */
export const Flap = defineCommand({
  meta: { name: 'ops.flap', version: 1, description: 'Sometimes down', owners: ['ops'], stability: 'stable' },
  io: { input: Empty, output: Flaky },
  policy: { auth: 'anonymous' },
});

/** Waits until the server lets it finish; for the in-flight idempotency test. */
export const Slow = defineCommand({
  meta: { name: 'ops.slow', version: 1, description: 'Takes its time', owners: ['ops'], stability: 'stable' },
  io: { input: Empty, output: Flaky },
  policy: { auth: 'anonymous' },
});
