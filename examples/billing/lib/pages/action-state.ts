// What a form shows after its call, worked out from the typed client's results. Kept apart from
// the components so the wording is tested against real answers (tests/billing/page-client.test.ts).
import type { CallResult } from '@lssm/lib.contracts/client';
import type { CapturePayment } from '@/lib/specs/billing/capture-payment';
import type { CreateInvoice } from '@/lib/specs/billing/create-invoice';
import type { RefundPayment } from '@/lib/specs/billing/refund-payment';

/** What a form shows after its call ran. */
export interface ActionState {
  readonly status: 'idle' | 'ok' | 'error';
  readonly message: string;
  readonly code?: string;
}

/** Before the first submit. */
export const IDLE: ActionState = { status: 'idle', message: '' };

function failed(error: { readonly code: string; readonly message: string }, detail = ''): ActionState {
  return { status: 'error', code: error.code, message: `${error.message}${detail}` };
}

/** The message after `billing.capturePayment`: paid, 3-D Secure pending, processing, or why not. */
export function paymentState(result: CallResult<typeof CapturePayment>): ActionState {
  if (!result.ok) {
    const error = result.error;
    if (error.code !== 'CARD_DECLINED') return failed(error);
    return failed(error, ` The invoice is still open (${error.data.attemptsLeft} attempts left).`);
  }
  if (result.output.status === 'requires_action')
    return { status: 'ok', message: 'Your bank asks you to authenticate this payment.' };
  return {
    status: 'ok',
    message: result.output.status === 'succeeded' ? 'Payment received.' : 'Payment processing.',
  };
}

/** The message after `billing.refundPayment`. */
export function refundState(result: CallResult<typeof RefundPayment>): ActionState {
  return result.ok ? { status: 'ok', message: 'Refunded.' } : failed(result.error);
}

/** The message after `billing.createInvoice`: the new invoice's number. */
export function createdState(result: CallResult<typeof CreateInvoice>): ActionState {
  return result.ok ? { status: 'ok', message: `Created ${result.output.number}.` } : failed(result.error);
}
