import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

/** The tutorial's input model, exactly as the tutorial writes it. */
export const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});

/** The same operation done right: money in integer minor units with a checked currency. */
export const CapturePaymentInputV2 = new SchemaModel({
  name: 'CapturePaymentInputV2',
  description: 'Pay an invoice with a saved payment method',
  fields: {
    invoiceId: { type: ScalarTypeEnum.ID(), isOptional: false, examples: ['inv_123'] },
    amount: { type: ScalarTypeEnum.Money({ min: 1 }), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.ID(), isOptional: false, examples: ['pm_card_visa'] },
    requestedAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
  },
});
