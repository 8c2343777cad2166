import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import type { Contender } from '../contender.js';

/** The tutorial's input model, as the tutorial writes it. */
export const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});

type Result = ReturnType<typeof CapturePaymentInput.validate>;

/** `@lssm/lib.schema`: `model.validate(body)`. */
export const ours: Contender = {
  name: 'ours',
  freshObject: true,
  allIssues: true,
  validate: (input) => CapturePaymentInput.validate(input),
  read: (result) => {
    const r = result as Result;
    return r.ok ? { ok: true, value: r.value } : { ok: false, issues: r.issues.length };
  },
};
