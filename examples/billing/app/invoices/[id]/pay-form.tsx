'use client';
import { useActionState } from 'react';
import { ActionMessage } from '../action-message';
import { type ActionState, payInvoice } from '../actions';

const IDLE: ActionState = { status: 'idle', message: '' };

/** Stripe's test payment methods: what each one does. */
const TEST_CARDS = [
  { id: 'pm_card_visa', label: 'Visa ending 4242', effect: 'succeeds' },
  { id: 'pm_card_chargeDeclined', label: 'Visa ending 0002', effect: 'is declined' },
  { id: 'pm_card_authenticationRequired', label: 'Visa ending 3184', effect: 'asks for 3-D Secure' },
] as const;

/** Pays the invoice with a test card (billing.capturePayment). */
export function PayForm({
  invoiceId,
  idempotencyKey,
  amount,
}: {
  invoiceId: string;
  idempotencyKey: string;
  amount: string;
}) {
  const [state, action, pending] = useActionState(payInvoice, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
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
