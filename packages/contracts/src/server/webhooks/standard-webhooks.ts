import {
  assertWithinWindow,
  badSignature,
  malformedEvent,
  parseUnixSeconds,
  timingSafeEqual,
} from './errors.js';
import { standardSignature } from './standard-lib.js';
import type { VerifiedWebhook, WebhookDelivery, WebhookVerifier } from './types.js';

/** The payload the Standard Webhooks spec recommends (and what our dispatcher sends). */
export interface StandardWebhookEvent {
  readonly type: string;
  readonly timestamp?: string;
  readonly data?: unknown;
}

/** Options of {@link standardWebhooksVerifier}. */
export interface StandardWebhooksVerifierOptions {
  /** The signing secret (`whsec_` + base64), or several while one is being rotated. */
  readonly secret: string | readonly string[];
  /** Names the sender: the inbox keys its events by it, and the default actor is `webhook:<source>`. */
  readonly source: string;
}

/**
 * Verifies the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`)
 * with a two-sided timestamp window. The event id is `webhook-id`; the event type is the body's
 * `type`. The HMAC is the reference library's; the window is checked here, against the handler's
 * clock and tolerance (the library's `verify` has a fixed 5-minute window on the system clock).
 * @example standardWebhooksVerifier({ source: 'acme', secret: process.env.ACME_WEBHOOK_SECRET })
 */
export function standardWebhooksVerifier<E extends { readonly type: string } = StandardWebhookEvent>(
  options: StandardWebhooksVerifierOptions,
): WebhookVerifier<E> {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === ''))
    throw new TypeError('standardWebhooksVerifier needs a non-empty secret');
  const source = options.source;
  return {
    source,
    async verify(delivery: WebhookDelivery): Promise<VerifiedWebhook<E>> {
      const id = delivery.headers.get('webhook-id');
      const signatures = delivery.headers.get('webhook-signature');
      const timestamp = parseUnixSeconds(delivery.headers.get('webhook-timestamp'));
      if (id === null || id === '' || signatures === null || timestamp === undefined)
        throw badSignature('Missing or malformed webhook-id, webhook-timestamp or webhook-signature header');
      assertWithinWindow(timestamp, delivery.now, delivery.toleranceSeconds);
      const at = new Date(timestamp * 1000);
      const passed = signatures
        .split(' ')
        .filter((s) => s.startsWith('v1,'))
        .map((s) => s.slice(3));
      let matched = false;
      for (const secret of secrets) {
        const expected = (await standardSignature(secret, id, at, delivery.body)).slice(3);
        for (const signature of passed) matched = timingSafeEqual(signature, expected) || matched;
      }
      if (!matched) throw badSignature();
      const event = parseEvent(delivery.body);
      // E is the shape the sender documents; it is not validated here (the operation's input model is the check).
      return { source, id, type: event.type, timestamp: at, event: event as E };
    },
  };
}

/** The signed body as an event with a string `type`. */
function parseEvent(body: string): { readonly type: string } {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    throw malformedEvent('The webhook body is not JSON');
  }
  if (typeof event !== 'object' || event === null || !('type' in event) || typeof event.type !== 'string')
    throw malformedEvent('The webhook body has no "type"');
  return { ...event, type: event.type };
}
