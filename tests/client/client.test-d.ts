// Inference of the typed client (checked by `npm run typecheck`): inputs, outputs and error codes
// come from the specs alone.
import type { FrameworkErrorCode } from '@lssm/lib.contracts';
import { type CallResult, type ContractClientError, createClient, unwrap } from '@lssm/lib.contracts/client';
import { describe, expectTypeOf, it } from 'vitest';
import { CapturePayment, Flap, ListInvoices } from './specs.js';

const client = createClient({
  baseUrl: 'https://api.example.com',
  operations: { billing: { capturePayment: CapturePayment, listInvoices: ListInvoices }, flap: Flap },
});

type CaptureInput = {
  invoiceId: string;
  amount: number;
  currency: string;
  paymentMethodId: string;
  note?: string;
};

describe('createClient types', () => {
  it('takes the wire type of the input model; optional only when nothing is required', () => {
    expectTypeOf(client.billing.capturePayment).parameter(0).toEqualTypeOf<CaptureInput>();
    expectTypeOf(client.billing.listInvoices)
      .parameter(0)
      .toEqualTypeOf<{ status?: 'open' | 'paid' } | undefined>();
    expectTypeOf(client.flap).toBeCallableWith();
    // @ts-expect-error the input is required when it has required fields
    void client.billing.capturePayment();
    const amountAsText = { invoiceId: 'inv_1', amount: '12', currency: 'EUR', paymentMethodId: 'pm' };
    // @ts-expect-error a wrong field type
    void client.billing.capturePayment(amountAsText);
    // @ts-expect-error an enum value the model does not have
    void client.billing.listInvoices({ status: 'void' });
    expectTypeOf(client.billing.capturePayment.spec).toEqualTypeOf<typeof CapturePayment>();
  });

  it('resolves to the output type (DateTime as an ISO string on the wire)', async () => {
    const result = await client.billing.capturePayment({
      invoiceId: 'inv_1',
      amount: 10,
      currency: 'EUR',
      paymentMethodId: 'pm_1',
    });
    expectTypeOf(result).toEqualTypeOf<CallResult<typeof CapturePayment>>();
    if (result.ok) {
      expectTypeOf(result.output).toEqualTypeOf<{
        transactionId: string;
        status: 'succeeded' | 'requires_action';
        capturedAt: string;
        receiptUrl?: string;
      }>();
      expectTypeOf(result.replayed).toEqualTypeOf<boolean>();
    }
    const list = unwrap(await client.billing.listInvoices());
    expectTypeOf(list.items).toEqualTypeOf<{ id: string; status: 'open' | 'paid' }[]>();
  });

  it('types errors by code: declared domain codes with their data, and the framework codes', async () => {
    const result = await client.billing.capturePayment({
      invoiceId: 'inv_1',
      amount: 10,
      currency: 'EUR',
      paymentMethodId: 'pm_1',
    });
    if (!result.ok) {
      expectTypeOf(result.error.code).toEqualTypeOf<'ALREADY_PAID' | 'CARD_DECLINED' | FrameworkErrorCode>();
      if (result.error.code === 'CARD_DECLINED') {
        expectTypeOf(result.error.data).toEqualTypeOf<{ declineCode: string }>();
        expectTypeOf(result.error).toEqualTypeOf<
          ContractClientError<'CARD_DECLINED', { declineCode: string }>
        >();
      }
      if (result.error.code === 'ALREADY_PAID') expectTypeOf(result.error.data).toEqualTypeOf<undefined>();
      // @ts-expect-error not a code this operation can answer
      if (result.error.code === 'REFUNDED') return;
    }
    const flap = await client.flap();
    if (!flap.ok) expectTypeOf(flap.error.code).toEqualTypeOf<FrameworkErrorCode>();
  });

  it('rejects anything but specs and groups of them', () => {
    // @ts-expect-error a number is not a spec
    createClient({ operations: { billing: { capturePayment: 1 } } });
  });
});
