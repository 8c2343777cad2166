'use server';
// Server actions of the invoice pages: each runs one operation through the registry.
import { toMinorUnits } from '@lssm/lib.schema';
import { revalidatePath } from 'next/cache';
import { callOperation } from '@/lib/pages/call';
import type { InvoiceView } from '@/lib/pages/types';

/** What a form shows after its action ran. */
export interface ActionState {
  readonly status: 'idle' | 'ok' | 'error';
  readonly message: string;
  readonly code?: string;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Pays an invoice with the chosen test card (billing.capturePayment). */
export async function payInvoice(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invoiceId = text(form, 'invoiceId');
  const result = await callOperation<{ status: string }>(
    'billing.capturePayment',
    { invoiceId, paymentMethodId: text(form, 'paymentMethodId') },
    { idempotencyKey: text(form, 'idempotencyKey') },
  );
  revalidatePath(`/invoices/${invoiceId}`);
  if (!result.ok) {
    const data = result.error.data as { declineCode?: string; attemptsLeft?: number } | undefined;
    const detail =
      result.error.code === 'CARD_DECLINED'
        ? ` The invoice is still open${data?.attemptsLeft === undefined ? '' : ` (${data.attemptsLeft} attempts left)`}.`
        : '';
    return { status: 'error', code: result.error.code, message: `${result.error.message}${detail}` };
  }
  if (result.output.status === 'requires_action') {
    return { status: 'ok', message: 'Your bank asks you to authenticate this payment.' };
  }
  return {
    status: 'ok',
    message: result.output.status === 'succeeded' ? 'Payment received.' : 'Payment processing.',
  };
}

/** Refunds a paid invoice (billing.refundPayment). */
export async function refundInvoice(_previous: ActionState, form: FormData): Promise<ActionState> {
  const invoiceId = text(form, 'invoiceId');
  const result = await callOperation<{ status: string }>(
    'billing.refundPayment',
    { invoiceId, reason: 'requested_by_customer' },
    { idempotencyKey: text(form, 'idempotencyKey') },
  );
  revalidatePath(`/invoices/${invoiceId}`);
  return result.ok
    ? { status: 'ok', message: 'Refunded.' }
    : { status: 'error', code: result.error.code, message: result.error.message };
}

/** Bills a member (billing.createInvoice); the amount is typed in major units and converted exactly. */
export async function createInvoice(_previous: ActionState, form: FormData): Promise<ActionState> {
  const currency = text(form, 'currency');
  let amount: number;
  try {
    amount = toMinorUnits(text(form, 'amount').trim(), currency);
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : 'Invalid amount' };
  }
  const result = await callOperation<InvoiceView>(
    'billing.createInvoice',
    { ownerId: text(form, 'ownerId'), description: text(form, 'description'), amount: { amount, currency } },
    { idempotencyKey: text(form, 'idempotencyKey') },
  );
  revalidatePath('/invoices');
  return result.ok
    ? { status: 'ok', message: `Created ${result.output.number}.` }
    : { status: 'error', code: result.error.code, message: result.error.message };
}
