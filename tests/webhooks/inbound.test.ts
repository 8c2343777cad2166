// Inbound webhooks end to end: a real node:http server in front of the Fetch handler, deliveries
// signed with the providers' own libraries, one scenario list run through both schemes.
import type { WebhookOutcome } from '@lssm/lib.contracts/server/webhooks';
import { toNodeListener } from '@lssm/lib.contracts/server/webhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  listen,
  makeBilling,
  nowSeconds,
  type Running,
  type Scheme,
  standardScheme,
  stripeScheme,
} from './fixture.js';

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe.each([stripeScheme, standardScheme])('inbound webhooks signed with $name', (scheme: Scheme) => {
  async function setup() {
    const billing = makeBilling();
    const secret = scheme.newSecret();
    const outcomes: WebhookOutcome[] = [];
    const handler = scheme.handler(billing.registry, secret, { onOutcome: (o) => outcomes.push(o) });
    const server = await listen(toNodeListener(handler));
    running.push(server);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${server.url}/api/webhooks/${scheme.source}`, { method: 'POST', headers, body });
    /** A delivery of event `id` signed `offsetSeconds` from now with `secret`. */
    const signed = (id: string, options: { offsetSeconds?: number; secret?: string; pi?: string } = {}) => {
      const body = scheme.body(id, options.pi ?? 'pi_1', 4990);
      const headers = scheme.headers(
        id,
        body,
        options.secret ?? secret,
        nowSeconds() + (options.offsetSeconds ?? 0),
      );
      return { body, headers };
    };
    return { ...billing, secret, outcomes, post, signed };
  }

  async function errorCode(response: Response): Promise<string> {
    const body = (await response.json()) as { error: { code: string } };
    return body.error.code;
  }

  it('runs the routed operation once, as the system actor, audited with transport "webhook"', async () => {
    const t = await setup();
    const { body, headers } = t.signed('evt_ok');
    const response = await t.post(body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'processed' });
    expect(t.state.effects).toEqual(['pi_1']);
    const records = t.records();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      transport: 'webhook',
      outcome: 'success',
      actor: { type: 'system', userId: `webhook:${scheme.source}` },
      idempotencyKey: 'evt_ok',
      input: { paymentIntentId: 'pi_1', amount: 4990 },
      events: ['billing.paymentCompleted'],
    });
    expect(records[0]?.requestId).toBe(response.headers.get('x-request-id'));
    expect(t.outbox.published().map((e) => e.payload)).toEqual([{ paymentIntentId: 'pi_1', amount: 4990 }]);
  });

  it('rejects a bad signature, a wrong secret and an altered body with 401 UNAUTHENTICATED and no effect', async () => {
    const t = await setup();
    const good = t.signed('evt_sig');
    const badSignature = Object.fromEntries(
      Object.entries(good.headers).map(([name, value]) => [
        name,
        name === 'stripe-signature' || name === 'webhook-signature'
          ? value.replace(/[A-Za-z0-9+/]{8}(=*)$/, 'AAAAAAAA$1')
          : value,
      ]),
    );
    const wrongSecret = t.signed('evt_sig', { secret: scheme.newSecret() });
    expect(badSignature).not.toEqual(good.headers);
    const altered = good.body.replace('4990', '1');
    expect(altered).not.toBe(good.body);
    const noHeaders = { 'content-type': 'application/json' };
    for (const [body, headers] of [
      [good.body, badSignature],
      [wrongSecret.body, wrongSecret.headers],
      [altered, good.headers],
      [good.body, noHeaders],
    ] as const) {
      const response = await t.post(body, headers);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('UNAUTHENTICATED');
    }
    expect(t.state.effects).toEqual([]);
    expect(t.records()).toEqual([]);
    // Nothing was claimed: the genuine delivery still runs.
    expect((await t.post(good.body, good.headers)).status).toBe(200);
    expect(t.state.effects).toEqual(['pi_1']);
  });

  it('enforces a two-sided 5-minute window: stale and future-dated deliveries are refused, in-window ones run', async () => {
    const t = await setup();
    for (const offsetSeconds of [-301, 301, -3600, 86_400]) {
      const { body, headers } = t.signed(`evt_window_${offsetSeconds}`, { offsetSeconds });
      const response = await t.post(body, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: { code: 'UNAUTHENTICATED', message: 'The webhook timestamp is outside the accepted window' },
      });
    }
    expect(t.state.effects).toEqual([]);
    for (const offsetSeconds of [-280, 280]) {
      const { body, headers } = t.signed(`evt_in_${offsetSeconds}`, {
        offsetSeconds,
        pi: `pi_${offsetSeconds}`,
      });
      expect((await t.post(body, headers)).status).toBe(200);
    }
    expect(t.state.effects).toEqual(['pi_-280', 'pi_280']);
  });

  it('acknowledges a replayed event with 200 and has no second effect', async () => {
    const t = await setup();
    const { body, headers } = t.signed('evt_replay');
    expect((await t.post(body, headers)).status).toBe(200);
    const again = await t.post(body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
    // A provider retry is signed anew: same event id, fresh timestamp.
    const resent = t.signed('evt_replay', { offsetSeconds: 5 });
    expect((await t.post(resent.body, resent.headers)).status).toBe(200);
    expect(t.state.effects).toEqual(['pi_1']);
    expect(t.records()).toHaveLength(1);
    expect(t.outbox.published()).toHaveLength(1);
  });

  it('runs an event delivered 20 times concurrently exactly once', async () => {
    const t = await setup();
    // The first delivery holds its claim until the 19 others have been answered.
    let open = () => {};
    t.state.gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { body, headers } = t.signed('evt_storm');
    const pending = Promise.all(Array.from({ length: 20 }, () => t.post(body, headers)));
    await vi.waitFor(() => expect(t.outcomes).toHaveLength(19), { timeout: 10_000 });
    open();
    const responses = await pending;
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array<number>(19).fill(409)]);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.headers.get('retry-after')).toBe('5');
      expect(await errorCode(r)).toBe('CONFLICT');
    }
    expect(t.state.effects).toEqual(['pi_1']);
    expect(t.records()).toHaveLength(1);
    expect(await (await t.post(body, headers)).json()).toEqual({ received: true, outcome: 'duplicate' });
  });

  it('acknowledges and ignores an event type with no route', async () => {
    const t = await setup();
    const body = scheme.body('evt_other', 'pi_1', 4990, 'customer.created');
    const response = await t.post(body, scheme.headers('evt_other', body, t.secret, nowSeconds()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
    expect(t.state.effects).toEqual([]);
    expect(t.records()).toEqual([]);
  });

  it('answers 500 when the operation fails, so the provider retries, and the retry runs', async () => {
    const t = await setup();
    t.state.failures = 1;
    const { body, headers } = t.signed('evt_retry');
    const failed = await t.post(body, headers);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(t.state.effects).toEqual([]);
    const retried = t.signed('evt_retry', { offsetSeconds: 60 });
    expect((await t.post(retried.body, retried.headers)).status).toBe(200);
    expect(t.state.effects).toEqual(['pi_1']);
    expect(t.records().map((r) => r.outcome)).toEqual(['error', 'success']);
  });

  it('acknowledges a declared domain error as final: 200, audited, not run again', async () => {
    const t = await setup();
    const { body, headers } = t.signed('evt_refunded', { pi: 'pi_refunded' });
    const response = await t.post(body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'declined' });
    expect(t.outcomes.at(-1)).toMatchObject({ outcome: 'declined', code: 'PAYMENT_REFUNDED' });
    expect((await t.post(body, headers)).status).toBe(200);
    expect(t.outcomes.at(-1)?.outcome).toBe('duplicate');
    expect(t.records().map((r) => [r.outcome, r.errorCode])).toEqual([['error', 'PAYMENT_REFUNDED']]);
  });
});
