import { defineCommand, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';

/** The tutorial's capture-payment operation, spec as written, with an in-memory invoice table. */
export const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});

const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: ScalarTypeEnum.String(), isOptional: false },
    receiptUrl: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});

/** The spec from the tutorial. */
export const CapturePayment = defineCommand({
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Process a payment for an invoice',
    owners: ['team-billing'],
    stability: 'stable',
  },
  io: { input: CapturePaymentInput, output: PaymentResult },
  policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
});

const invoices = new Map([['inv_1', { id: 'inv_1', ownerId: 'alice', tenantId: 't1', status: 'open' }]]);

/** The work a handler does, shared by the direct call and the pipeline so both do the same. */
export async function capture(input: {
  invoiceId: string;
}): Promise<{ transactionId: string; status: string }> {
  return { transactionId: `pi_${input.invoiceId}`, status: 'succeeded' };
}

/** A registry with the op installed, the invoice resolver registered and in-memory ports. */
export function tutorialRegistry(options: ConstructorParameters<typeof SpecRegistry>[0] = {}): SpecRegistry {
  const registry = new SpecRegistry(options);
  registry.resources.register('invoice', ({ input }) =>
    invoices.get((input as { invoiceId: string }).invoiceId),
  );
  installOp(registry, CapturePayment, (input) => capture(input));
  return registry;
}
