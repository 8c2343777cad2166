'use client';
import { useActionState } from 'react';
import { ActionMessage } from '../action-message';
import { type ActionState, refundInvoice } from '../actions';

const IDLE: ActionState = { status: 'idle', message: '' };

/** Refunds the invoice in full (billing.refundPayment decides who may). */
export function RefundForm({ invoiceId, idempotencyKey }: { invoiceId: string; idempotencyKey: string }) {
  const [state, action, pending] = useActionState(refundInvoice, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <button type="submit" className="secondary" disabled={pending}>
        {pending ? 'Refunding…' : 'Refund'}
      </button>
      <ActionMessage state={state} testId="refund-message" />
    </form>
  );
}
