import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { hasRole } from '@/lib/auth/roles';
import { unfinishedAttempts } from '@/lib/db/invoices';
import { recordOutcome } from '@/lib/payments/record';
import { recoverAttempt } from '@/lib/payments/recovery';
import { billingRuntime } from '@/lib/runtime';
import type { RecoverPayments } from '@/lib/specs/billing/recover-payments';

/**
 * Asks Stripe about every attempt left unfinished (of the admin's tenant; of all tenants for the
 * system), then records the answers in this operation's transaction.
 */
export async function handleRecoverPayments(
  input: InputOf<typeof RecoverPayments>,
  ctx: HandlerContext<typeof RecoverPayments>,
) {
  const { database, stripe } = await billingRuntime();
  const now = ctx.now();
  const tenantId = hasRole(ctx, 'system') ? undefined : (ctx.tenantId ?? '');
  const before = new Date(now.getTime() - (input.olderThanSeconds ?? 60) * 1000);
  const attempts = await unfinishedAttempts(database.db, before, tenantId);
  const answers = [];
  for (const attempt of attempts)
    answers.push({ attempt, outcome: await recoverAttempt(stripe.client, attempt, now) });
  const db = await ctx.tx.open();
  const invoices = [];
  for (const { attempt, outcome } of answers) {
    const recorded = await recordOutcome(db, attempt, outcome, now);
    if (recorded.paid !== undefined) {
      ctx.emit('billing.invoicePaid', {
        invoiceId: attempt.invoiceId,
        amount: { amount: attempt.amount, currency: attempt.currency },
        paymentIntentId: recorded.paid.intentId,
        paidAt: recorded.paid.paidAt,
      });
    }
    invoices.push({
      invoiceId: attempt.invoiceId,
      status: recorded.invoice.status,
      changed: recorded.changed,
    });
  }
  return { examined: attempts.length, invoices };
}
