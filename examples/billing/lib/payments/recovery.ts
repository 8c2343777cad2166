// Finds out what happened to attempts whose outcome was never recorded (a crash or a timeout after
// phase 1), by asking Stripe with what phase 1 stored: the PaymentIntent id if we have it, else the
// same request with the same idempotency key (Stripe answers with the PaymentIntent it made, or makes
// the one it never received), else, once Stripe has forgotten the key or kept an error as its answer
// (`Stripe-Should-Retry: false`), a search by our metadata.
import type Stripe from 'stripe';
import type { PaymentAttempt } from '../db/schema.js';
import { askStripe } from './capture.js';
import { outcomeOfError, outcomeOfIntent, type PaymentOutcome } from './outcome.js';

/** Stripe keeps idempotency keys for at least 24 hours; we stop relying on them a little earlier. */
const KEY_LIFETIME_MS = 23 * 3_600_000;
/** A 3-D Secure step nobody finished within this time is abandoned: the intent is canceled. */
export const ABANDON_ACTION_AFTER_MS = 3_600_000;

async function retrieve(stripe: Stripe, intentId: string): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.retrieve(intentId, { expand: ['latest_charge'] });
}

/** Asks Stripe where one attempt stands; never charges a second time, never throws. */
export async function recoverAttempt(
  stripe: Stripe,
  attempt: PaymentAttempt,
  now: Date,
): Promise<PaymentOutcome> {
  try {
    if (attempt.paymentIntentId !== null) {
      const intent = await retrieve(stripe, attempt.paymentIntentId);
      const stale = now.getTime() - attempt.updatedAt.getTime() > ABANDON_ACTION_AFTER_MS;
      if (intent.status === 'requires_action' && stale) {
        return outcomeOfIntent(
          await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' }),
        );
      }
      return outcomeOfIntent(intent);
    }
    if (now.getTime() - attempt.createdAt.getTime() < KEY_LIFETIME_MS) {
      const outcome = await askStripe(stripe, attempt);
      // A key whose answer is a kept error would repeat it until it expires: look the intent up.
      if (outcome.kind !== 'unknown' || outcome.keyAnswered !== true) return outcome;
    }
    const found = await stripe.paymentIntents.search({
      query: `metadata['attemptId']:'${attempt.id}'`,
      limit: 1,
    });
    const intent = found.data[0];
    if (intent === undefined)
      return { kind: 'rejected', code: 'never_sent', message: 'The payment never reached Stripe.' };
    return outcomeOfIntent(await retrieve(stripe, intent.id));
  } catch (error) {
    return outcomeOfError(error);
  }
}
