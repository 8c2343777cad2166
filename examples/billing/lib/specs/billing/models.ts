// Models shared by the billing operations. Money is integer minor units with a currency code
// (`{ amount: 4990, currency: 'USD' }` is $49.90), never a float.
import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

/** Where an invoice stands; `paying` while one payment attempt holds it. */
export const InvoiceStatus = defineEnum(
  'InvoiceStatus',
  ['open', 'paying', 'paid', 'failed', 'refunded'] as const,
  'open: payable; paying: a payment is under way; paid; failed: too many declined attempts; refunded',
);

/** Where the latest payment attempt stands. */
export const PaymentStatus = defineEnum(
  'PaymentStatus',
  ['pending', 'succeeded', 'requires_action', 'processing', 'declined', 'canceled', 'unknown'] as const,
  'pending: stored, Stripe not answered yet; unknown: Stripe did not answer (the recovery job finds out)',
);

/** An invoice id as the API shows it (`inv_...`). */
export const invoiceId = () => ScalarTypeEnum.ID({ description: 'The invoice, e.g. inv_8hJ2...' });

/** The latest payment attempt of an invoice, as its owner may see it. */
export const PaymentAttemptView = new SchemaModel({
  name: 'PaymentAttempt',
  fields: {
    attemptNumber: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    status: { type: PaymentStatus, isOptional: false },
    paymentIntentId: { type: ScalarTypeEnum.String(), isOptional: true },
    clientSecret: {
      type: ScalarTypeEnum.String(),
      isOptional: true,
      description: 'For 3-D Secure in the browser (owner only, while authentication is required)',
    },
    nextActionUrl: { type: ScalarTypeEnum.String(), isOptional: true },
    errorCode: { type: ScalarTypeEnum.String(), isOptional: true },
    declineCode: { type: ScalarTypeEnum.String(), isOptional: true },
    message: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});

/** An invoice. */
export const InvoiceView = new SchemaModel({
  name: 'Invoice',
  fields: {
    id: { type: invoiceId(), isOptional: false },
    number: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    description: { type: ScalarTypeEnum.String(), isOptional: false },
    amount: { type: ScalarTypeEnum.Money(), isOptional: false },
    status: { type: InvoiceStatus, isOptional: false },
    ownerId: { type: ScalarTypeEnum.ID(), isOptional: false },
    ownerName: { type: ScalarTypeEnum.String(), isOptional: true },
    createdAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    paidAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    refundedAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    receiptUrl: { type: ScalarTypeEnum.URL(), isOptional: true },
    lastError: { type: ScalarTypeEnum.String(), isOptional: true },
    payment: { type: PaymentAttemptView, isOptional: true, description: 'The latest payment attempt' },
  },
});
