import type Stripe from 'stripe';
import { assertWithinWindow, badSignature, malformedEvent, parseUnixSeconds } from './errors.js';
import type { VerifiedWebhook, WebhookDelivery, WebhookVerifier } from './types.js';

type StripeWebhooks = typeof Stripe.webhooks;

let loading: Promise<StripeWebhooks> | undefined;

/** Loads the Stripe SDK (an optional peer) on first use; only its local signature check is used. */
function loadStripeWebhooks(): Promise<StripeWebhooks> {
  loading ??= import('stripe').then(
    (module) => module.default.webhooks,
    (error: unknown) => {
      loading = undefined;
      throw new Error('Stripe webhooks need the "stripe" package: npm i stripe', { cause: error });
    },
  );
  return loading;
}

/** Options of {@link stripeVerifier}. */
export interface StripeVerifierOptions {
  /** The endpoint's signing secret (`whsec_...`), or several while one is being rotated. */
  readonly secret: string | readonly string[];
  /** Names the sender (default `stripe`); change it to tell several Stripe accounts apart. */
  readonly source?: string;
}

/** The one `t=` of a `Stripe-Signature` header, or undefined when there is none or more than one. */
function signedTimestamp(header: string): number | undefined {
  const items = header.split(',').filter((item) => item.startsWith('t='));
  return items.length === 1 ? parseUnixSeconds(items[0]?.slice(2)) : undefined;
}

/**
 * Verifies Stripe's `Stripe-Signature` scheme with the official SDK (no network call), plus the
 * future side of the window, which the SDK does not check (its tolerance only bounds the age).
 * The event id is the body's `id` (`evt_...`), the type its `type`.
 * @example stripeVerifier({ secret: process.env.STRIPE_WEBHOOK_SECRET })
 */
export function stripeVerifier(options: StripeVerifierOptions): WebhookVerifier<Stripe.Event> {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === ''))
    throw new TypeError('stripeVerifier needs a non-empty secret');
  const source = options.source ?? 'stripe';
  return {
    source,
    async verify(delivery: WebhookDelivery): Promise<VerifiedWebhook<Stripe.Event>> {
      const header = delivery.headers.get('stripe-signature');
      const timestamp = header === null ? undefined : signedTimestamp(header);
      if (header === null || timestamp === undefined)
        throw badSignature('Missing or malformed Stripe-Signature header');
      assertWithinWindow(timestamp, delivery.now, delivery.toleranceSeconds);
      const signature = (await loadStripeWebhooks()).signature;
      if (signature === null) throw new Error('the Stripe SDK has no signature helper');
      let verified = false;
      for (const secret of secrets) {
        try {
          const at = delivery.now.getTime();
          await signature.verifyHeaderAsync(
            delivery.body,
            header,
            secret,
            delivery.toleranceSeconds,
            undefined,
            at,
          );
          verified = true;
          break;
        } catch {}
      }
      if (!verified) throw badSignature();
      const event = parseStripeEvent(delivery.body);
      return { source, id: event.id, type: event.type, timestamp: new Date(timestamp * 1000), event };
    },
  };
}

function parseStripeEvent(body: string): Stripe.Event {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    throw malformedEvent('The webhook body is not JSON');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    !('id' in event && typeof event.id === 'string') ||
    !('type' in event && typeof event.type === 'string') ||
    !('object' in event && event.object === 'event')
  )
    throw malformedEvent('The webhook body is not a Stripe event (thin v2 events are not supported)');
  // Signed by Stripe and shaped as its API documents: trusted as Stripe.Event, like the SDK does.
  return event as Stripe.Event;
}
