'use client';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { billingApi } from '@/lib/client/billing-api';
import { type ActionState, IDLE, paymentState } from '@/lib/pages/action-state';
import { ActionMessage } from '../action-message';

/** Stripe's test payment methods: what each one does. */
const TEST_CARDS = [
  { id: 'pm_card_visa', label: 'Visa ending 4242', effect: 'succeeds' },
  { id: 'pm_card_chargeDeclined', label: 'Visa ending 0002', effect: 'is declined' },
  { id: 'pm_card_authenticationRequired', label: 'Visa ending 3184', effect: 'asks for 3-D Secure' },
] as const;

/**
 * Pays the invoice with a test card: the browser calls `billing.capturePayment` through the typed
 * client with the key the page rendered (a double submit is one payment), then the page reloads.
 */
export function PayForm({
  invoiceId,
  idempotencyKey,
  amount,
}: {
  invoiceId: string;
  idempotencyKey: string;
  amount: string;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState(
    async (_previous: ActionState, form: FormData): Promise<ActionState> => {
      const paymentMethodId = String(form.get('paymentMethodId') ?? '');
      const result = await billingApi.billing.capturePayment(
        { invoiceId, paymentMethodId },
        { idempotencyKey },
      );
      router.refresh();
      return paymentState(result);
    },
    IDLE,
  );
  return (
    <form action={action}>
      <fieldset>
        <legend>Pay with a test card</legend>
        {TEST_CARDS.map((card, i) => (
          <label key={card.id}>
            <input type="radio" name="paymentMethodId" value={card.id} defaultChecked={i === 0} />{' '}
            {card.label}{' '}
            <span className="muted">
              ({card.effect}; <code>{card.id}</code>)
            </span>
          </label>
        ))}
      </fieldset>
      <p>
        <button type="submit" disabled={pending} data-testid="pay">
          {pending ? 'Paying…' : `Pay ${amount}`}
        </button>
      </p>
      <ActionMessage state={state} testId="pay-message" />
    </form>
  );
}
