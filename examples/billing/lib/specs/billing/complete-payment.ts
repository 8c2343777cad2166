import { defineCommand } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { InvoicePaid } from './events.js';
import { InvoiceStatus, invoiceId } from './models.js';

/**
 * Brings an invoice up to date with its PaymentIntent, as Stripe reports it now (never moving an
 * invoice backwards). Run by Stripe's signed webhooks (`payment_intent.succeeded`,
 * `payment_intent.payment_failed`) as the system actor; not served to users.
 */
export const CompletePayment = defineCommand({
  meta: {
    name: 'billing.completePayment',
    version: 1,
    description: "Record a payment's outcome reported by Stripe",
    owners: ['team-billing'],
    tags: ['payments', 'stripe', 'webhooks'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'CompletePaymentInput',
      fields: {
        paymentIntentId: {
          type: ScalarTypeEnum.NonEmptyString({ maxLength: 255, pattern: /^pi_[A-Za-z0-9_]+$/ }),
          isOptional: false,
        },
      },
    }),
    output: new SchemaModel({
      name: 'PaymentCompletion',
      fields: {
        invoiceId: { type: invoiceId(), isOptional: false },
        status: { type: InvoiceStatus, isOptional: false },
        changed: { type: ScalarTypeEnum.Boolean(), isOptional: false },
      },
    }),
    errors: {
      UNKNOWN_PAYMENT: { status: 404, description: 'No payment attempt of ours has this PaymentIntent' },
    },
  },
  policy: { auth: 'system' },
  events: [InvoicePaid],
  exposure: { rest: false, graphql: false, mcp: false, webhook: true },
});
