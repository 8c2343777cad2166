// The events billing operations emit. They are stored in the outbox in the operation's transaction
// and published only after it commits.
import { defineEvent } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

const owners = ['team-billing'];

/** An admin billed a customer. */
export const InvoiceCreated = defineEvent({
  meta: { name: 'billing.invoiceCreated', version: 1, description: 'An invoice was created', owners },
  payload: new SchemaModel({
    name: 'InvoiceCreatedPayload',
    fields: {
      invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false },
      ownerId: { type: ScalarTypeEnum.ID(), isOptional: false },
      amount: { type: ScalarTypeEnum.Money(), isOptional: false },
    },
  }),
});

/** Money arrived: the invoice is paid. */
export const InvoicePaid = defineEvent({
  meta: { name: 'billing.invoicePaid', version: 1, description: 'An invoice was paid', owners },
  payload: new SchemaModel({
    name: 'InvoicePaidPayload',
    fields: {
      invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false },
      amount: { type: ScalarTypeEnum.Money(), isOptional: false },
      paymentIntentId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
      paidAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    },
  }),
});

/** The money went back. */
export const InvoiceRefunded = defineEvent({
  meta: { name: 'billing.invoiceRefunded', version: 1, description: 'An invoice was refunded', owners },
  payload: new SchemaModel({
    name: 'InvoiceRefundedPayload',
    fields: {
      invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false },
      amount: { type: ScalarTypeEnum.Money(), isOptional: false },
      refundId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    },
  }),
});
