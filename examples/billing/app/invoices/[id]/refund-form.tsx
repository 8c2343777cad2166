'use client';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { billingApi } from '@/lib/client/billing-api';
import { type ActionState, IDLE, refundState } from '@/lib/pages/action-state';
import { ActionMessage } from '../action-message';

/** Refunds the invoice in full through the typed client (billing.refundPayment decides who may). */
export function RefundForm({ invoiceId, idempotencyKey }: { invoiceId: string; idempotencyKey: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(async (_previous: ActionState): Promise<ActionState> => {
    const result = await billingApi.billing.refundPayment(
      { invoiceId, reason: 'requested_by_customer' },
      { idempotencyKey },
    );
    router.refresh();
    return refundState(result);
  }, IDLE);
  return (
    <form action={action}>
      <button type="submit" className="secondary" disabled={pending}>
        {pending ? 'Refunding…' : 'Refund'}
      </button>
      <ActionMessage state={state} testId="refund-message" />
    </form>
  );
}
