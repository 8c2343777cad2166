'use client';
import { useActionState, useId } from 'react';
import { ActionMessage } from './action-message';
import { type ActionState, createInvoice } from './actions';

const IDLE: ActionState = { status: 'idle', message: '' };
const MEMBERS = [
  { id: 'alice', name: 'Alice Martin' },
  { id: 'bob', name: 'Bob Chen' },
];

/**
 * An admin bills a member: the amount in major units, converted to minor units exactly. The page
 * renders a fresh idempotency key each time, so a double submit creates one invoice.
 */
export function NewInvoiceForm({ idempotencyKey }: { idempotencyKey: string }) {
  const [state, action, pending] = useActionState(createInvoice, IDLE);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New invoice</h2>
      <form action={action} className="form-grid">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
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
