import { defineCommand } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { InvoicePaid } from './events.js';
import { InvoiceStatus, invoiceId } from './models.js';

/**
 * Finishes payments that were interrupted (a crash or timeout between storing the attempt and
 * recording Stripe's answer) by asking Stripe with the stored key or PaymentIntent id: never a
 * second charge. Runs at start-up as the system; admins may run it for their tenant.
 */
export const RecoverPayments = defineCommand({
  meta: {
    name: 'billing.recoverPayments',
    version: 1,
    description: 'Finish interrupted payments by asking Stripe what happened',
    owners: ['team-billing'],
    tags: ['payments', 'stripe', 'operations'],
    stability: 'stable',
  },
  io: {
    input: new SchemaModel({
      name: 'RecoverPaymentsInput',
      fields: {
        olderThanSeconds: {
          type: ScalarTypeEnum.NonNegativeInt({ max: 86_400 }),
          isOptional: true,
          default: 60,
          description: 'Only attempts left unfinished at least this long',
        },
      },
    }),
    output: new SchemaModel({
      name: 'RecoveryReport',
      fields: {
        examined: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: false },
        invoices: {
          type: new SchemaModel({
            name: 'RecoveredInvoice',
            fields: {
              invoiceId: { type: invoiceId(), isOptional: false },
              status: { type: InvoiceStatus, isOptional: false },
              changed: { type: ScalarTypeEnum.Boolean(), isOptional: false },
            },
          }),
          isOptional: false,
          isArray: true,
        },
      },
    }),
  },
  policy: { auth: 'admin' },
  events: [InvoicePaid],
});
