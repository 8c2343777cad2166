import { defineCommand } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { InvoicePaid } from './events.js';
import { invoiceId } from './models.js';

const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: invoiceId(), isOptional: false },
    paymentMethodId: {
      type: ScalarTypeEnum.NonEmptyString({ maxLength: 255, pattern: /^pm_[A-Za-z0-9_]+$/ }),
      isOptional: false,
      description: 'A Stripe PaymentMethod id (pm_...), never card details',
      examples: ['pm_card_visa'],
    },
  },
});

const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    invoiceId: { type: invoiceId(), isOptional: false },
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false, description: 'The PaymentIntent id' },
    status: {
      type: ScalarTypeEnum.String(),
      isOptional: false,
      description: 'succeeded | requires_action (3-D Secure: finish with clientSecret) | processing',
    },
    receiptUrl: { type: ScalarTypeEnum.String(), isOptional: true },
    clientSecret: { type: ScalarTypeEnum.String(), isOptional: true },
    nextActionUrl: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});

const DeclineData = new SchemaModel({
  name: 'CardDeclined',
  fields: {
    attemptNumber: { type: ScalarTypeEnum.PositiveInt(), isOptional: false },
    declineCode: { type: ScalarTypeEnum.String(), isOptional: true },
    attemptsLeft: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: false },
  },
});

/**
 * Pays an invoice with a saved payment method. The amount is the invoice's: the client never
 * says how much to charge.
 */
export const CapturePayment = defineCommand({
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Process a payment for an invoice',
    goal: 'Capture funds from customer payment method',
    context: 'Called when customer confirms purchase',
    owners: ['team-billing'],
    tags: ['payments', 'stripe', 'critical'],
    stability: 'stable',
  },
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
    errors: {
      ALREADY_PAID: { status: 409, description: 'The invoice is already paid' },
      PAYMENT_IN_PROGRESS: {
        status: 409,
        description: 'Another payment of this invoice is under way; retry later (not stored for the key)',
        transient: true,
      },
      INVOICE_NOT_PAYABLE: { status: 409, description: 'The invoice cannot be paid (refunded or failed)' },
      CARD_DECLINED: {
        status: 402,
        description: 'The card was declined; the invoice stays open',
        data: DeclineData,
      },
      PAYMENT_REJECTED: {
        status: 422,
        description: 'Stripe refused the payment request; the invoice stays open',
      },
    },
  },
  policy: {
    auth: 'user',
    rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }],
    hideExistence: true,
  },
  events: [InvoicePaid],
  idempotency: { required: true, ttlSeconds: 86_400 },
  rateLimit: { limit: 60, windowSeconds: 60 },
});
