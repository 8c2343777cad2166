'use client';
import { toMinorUnits } from '@lssm/lib.schema';
import { useRouter } from 'next/navigation';
import { useActionState, useId } from 'react';
import { billingApi } from '@/lib/client/billing-api';
import { type ActionState, createdState, IDLE } from '@/lib/pages/action-state';
import { ActionMessage } from './action-message';

const MEMBERS = [
  { id: 'alice', name: 'Alice Martin' },
  { id: 'bob', name: 'Bob Chen' },
];

/**
 * An admin bills a member: the amount in major units, converted to minor units exactly. The page
 * renders a fresh idempotency key each time, so a double submit creates one invoice. The browser
 * sends `billing.createInvoice` through the typed client.
 */
export function NewInvoiceForm({ idempotencyKey }: { idempotencyKey: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(
    async (_previous: ActionState, form: FormData): Promise<ActionState> => {
      const text = (name: string) => String(form.get(name) ?? '');
      const currency = text('currency');
      let amount: number;
      try {
        amount = toMinorUnits(text('amount').trim(), currency);
      } catch (error) {
        return { status: 'error', message: error instanceof Error ? error.message : 'Invalid amount' };
      }
      const result = await billingApi.billing.createInvoice(
        { ownerId: text('ownerId'), description: text('description'), amount: { amount, currency } },
        { idempotencyKey },
      );
      router.refresh();
      return createdState(result);
    },
    IDLE,
  );
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New invoice</h2>
      <form action={action} className="form-grid">
        <label htmlFor={`${id}-owner`}>Bill</label>
        <select id={`${id}-owner`} name="ownerId">
          {MEMBERS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} name="description" required maxLength={200} />
        <label htmlFor={`${id}-amount`}>Amount</label>
        <input id={`${id}-amount`} name="amount" required inputMode="decimal" placeholder="49.90" />
        <label htmlFor={`${id}-currency`}>Currency</label>
        <select id={`${id}-currency`} name="currency" defaultValue="USD">
          {['USD', 'EUR', 'GBP', 'JPY', 'KWD'].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <span />
        <button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create invoice'}
        </button>
      </form>
      <ActionMessage state={state} testId="create-message" />
    </section>
  );
}
