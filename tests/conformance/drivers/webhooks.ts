import { randomBytes, randomUUID } from 'node:crypto';
import {
  makeWebhookHandler,
  standardWebhooksVerifier,
  toNodeListener,
  type WebhookOutcome,
} from '@lssm/lib.contracts/server/webhooks';
import { Webhook } from 'standardwebhooks';
import { listen } from '../../support/listen.js';
import type { Outcome, StartDriver } from './types.js';

const TYPES = { capture: 'payment.captured', explode: 'ops.exploded', legacy: 'legacy.unrouted' };
const NAMES = { capture: 'billing.completePayment', explode: 'ops.explodeFromWebhook', legacy: 'none' };

interface SignedEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Webhooks through the Standard Webhooks handler: each call is a signed event whose data is the
 * operation's input; the event id is the idempotency key. The caller is always the system.
 */
export const startWebhooks: StartDriver = async (world) => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const outcomes = new Map<string, WebhookOutcome>();
  const handler = makeWebhookHandler<SignedEvent>(world.registry, {
    verifier: standardWebhooksVerifier<SignedEvent>({ source: 'conformance', secret }),
    routes: {
      [TYPES.capture]: { op: NAMES.capture, input: (event: SignedEvent) => event.data },
      [TYPES.explode]: { op: NAMES.explode, input: (event: SignedEvent) => event.data },
    },
    onOutcome: (outcome) => {
      if (outcome.eventId !== undefined) outcomes.set(outcome.eventId, outcome);
    },
  });
  const server = await listen(toNodeListener(handler));
  const signer = new Webhook(secret);
  return {
    transport: 'webhook',
    opName: (op) => NAMES[op],
    async call({ op, input, idempotencyKey }): Promise<Outcome> {
      const id = idempotencyKey ?? `msg_${randomUUID()}`;
      const payload = JSON.stringify({ type: TYPES[op], data: input });
      const timestamp = new Date();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signer.sign(id, timestamp, payload),
        },
        body: payload,
      });
      const body = (await response.json()) as { outcome?: string; error?: { code: string; message: string } };
      const outcome = outcomes.get(id);
      if (response.status === 200 && body.outcome === 'declined')
        return { ok: false, code: outcome?.code, message: '' };
      if (response.status === 200) return { ok: true, replayed: body.outcome === 'duplicate' };
      return { ok: false, code: body.error?.code, message: body.error?.message };
    },
    close: () => server.close(),
  };
};
