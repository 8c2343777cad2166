import { defineCommand } from '@lssm/lib.contracts';
import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { WITHIN_REFUND_WINDOW } from './conditions.js';
import { InvoiceRefunded } from './events.js';
import { InvoiceStatus, invoiceId } from './models.js';

const RefundReason = defineEnum('RefundReason', [
  'requested_by_customer',
  'duplicate',
  'fraudulent',
] as const);

/** Refunds a paid invoice in full: an admin of its tenant, or its owner within the refund window. */
export const RefundPayment = defineCommand({
  meta: {
    name: 'billing.refundPayment',
    version: 1,
    description: 'Refund a paid invoice (admins; owners within 14 days of payment)',
    owners: ['team-billing'],
    tags: ['payments', 'stripe'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'RefundPaymentInput',
      fields: {
        invoiceId: { type: invoiceId(), isOptional: false },
        reason: { type: RefundReason, isOptional: true },
      },
    }),
    output: new SchemaModel({
      name: 'RefundResult',
      fields: {
        invoiceId: { type: invoiceId(), isOptional: false },
        status: { type: InvoiceStatus, isOptional: false },
        refundId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
      },
    }),
    errors: { NOT_REFUNDABLE: { status: 409, description: 'Only a paid invoice can be refunded' } },
  },
  policy: {
    auth: 'user',
    rules: [
      {
        resource: 'invoice',
        action: 'refund',
        condition: {
          anyOf: [{ allOf: ['admin', 'sameTenant'] }, { allOf: ['owner', WITHIN_REFUND_WINDOW] }],
        },
      },
    ],
    hideExistence: true,
  },
  events: [InvoiceRefunded],
  idempotency: { required: true },
  destructive: true,
});
