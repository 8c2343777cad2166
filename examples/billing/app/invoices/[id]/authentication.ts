'use server';
// The customer's side of 3-D Secure, on the emulator only: the bank's challenge page is the
// emulator's test helper. With real Stripe, Stripe.js in the browser shows the bank's page
// (`stripe.handleNextAction({ clientSecret })`). Either way the invoice becomes paid only when
// Stripe's signed `payment_intent.succeeded` webhook arrives.
import { revalidatePath } from 'next/cache';
import { callOperation } from '@/lib/pages/call';
import { requireSession } from '@/lib/pages/session';
import type { InvoiceView } from '@/lib/pages/types';
import { billingRuntime } from '@/lib/runtime';

/** Completes (or fails) the pending 3-D Secure step of the signed-in owner's invoice. */
export async function finishAuthentication(form: FormData): Promise<void> {
  const session = await requireSession();
  const invoiceId = String(form.get('invoiceId') ?? '');
  const outcome = form.get('outcome') === 'fail' ? 'fail' : 'succeed';
  const found = await callOperation<InvoiceView>('billing.getInvoice', { invoiceId });
  const intentId = found.ok ? found.output.payment?.paymentIntentId : undefined;
  const { stripe } = await billingRuntime();
  if (
    found.ok &&
    found.output.ownerId === session.userId &&
    found.output.payment?.status === 'requires_action' &&
    intentId !== undefined &&
    stripe.mode === 'emulator'
  ) {
    await stripe.client.rawRequest(
      'POST',
      `/v1/test_helpers/payment_intents/${encodeURIComponent(intentId)}/authenticate`,
      {
        outcome,
      },
    );
  }
  revalidatePath(`/invoices/${invoiceId}`);
}
