// The billing example end to end, over HTTP against `next start`: REST, GraphQL, MCP and Stripe's
// webhooks, with the Stripe emulator counting PaymentIntents and charges.
import { randomUUID } from 'node:crypto';
import { signPayload } from '@lssm/stripe-emulator';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BillingServer,
  chargesOf,
  createInvoice,
  eventually,
  intentsOf,
  rest,
  startBillingServer,
} from './harness.js';

interface InvoiceBody {
  id: string;
  status: string;
  amount: { amount: number; currency: string };
  receiptUrl?: string;
  payment?: { status: string; paymentIntentId?: string };
}
interface PaymentBody {
  invoiceId: string;
  transactionId: string;
  status: string;
  receiptUrl?: string;
  clientSecret?: string;
}

let server: BillingServer;

beforeAll(async () => {
  server = await startBillingServer();
}, 400_000);

afterAll(async () => {
  await server?.close();
});

const pay = (invoiceId: string, paymentMethodId: string, key = randomUUID(), as: 'alice' | 'bob' = 'alice') =>
  rest<PaymentBody>(
    server,
    'billing.capturePayment',
    { invoiceId, paymentMethodId },
    { as, idempotencyKey: key },
  );
const invoice = (invoiceId: string, as: 'alice' | 'bob' | 'ada' | 'carol' = 'alice') =>
  rest<InvoiceBody>(server, 'billing.getInvoice', { invoiceId }, { as, method: 'GET' });

describe('billing over REST', { timeout: 30_000 }, () => {
  it('captures a payment once: one PaymentIntent, one charge, a receipt, and the same answer on replay', async () => {
    const id = await createInvoice(server, 'alice');
    const key = randomUUID();
    const first = await pay(id, 'pm_card_visa', key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      invoiceId: id,
      status: 'succeeded',
      transactionId: expect.stringMatching(/^pi_/),
    });
    expect(first.body.receiptUrl).toMatch(/\/receipts\/ch_/);

    const replay = await pay(id, 'pm_card_visa', key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await pay(id, 'pm_card_visa')).body.error?.code).toBe('ALREADY_PAID');

    expect(intentsOf(server, id)).toHaveLength(1);
    expect(chargesOf(server, id).map((c) => c.status)).toEqual(['succeeded']);
    const after = await invoice(id);
    expect(after.body).toMatchObject({ status: 'paid', receiptUrl: first.body.receiptUrl });
  });

  it('charges the amount in minor units of the currency (JPY has none, KWD three)', async () => {
    const yen = await createInvoice(server, 'alice', { amount: 5000, currency: 'JPY' });
    expect((await pay(yen, 'pm_card_visa')).status).toBe(200);
    expect(intentsOf(server, yen).map((pi) => [pi.amount, pi.currency])).toEqual([[5000, 'jpy']]);
    const dinar = await rest(
      server,
      'billing.createInvoice',
      { ownerId: 'alice', description: 'x', amount: { amount: 1255, currency: 'KWD' } },
      { as: 'ada' },
    );
    expect([dinar.status, dinar.body.error?.code]).toEqual([422, 'AMOUNT_NOT_CHARGEABLE']);
  });

  it("keeps alice's invoice from bob (404, never 403) and from other tenants; her admin sees it", async () => {
    const id = await createInvoice(server, 'alice');
    for (const as of ['bob', 'carol'] as const) {
      expect((await invoice(id, as)).status).toBe(404);
      const list = await rest<{ invoices: { id: string }[] }>(
        server,
        'billing.listInvoices',
        {},
        { as, method: 'GET' },
      );
      expect(list.body.invoices.map((i) => i.id)).not.toContain(id);
    }
    const attempt = await pay(id, 'pm_card_visa', randomUUID(), 'bob');
    expect([attempt.status, attempt.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    expect(intentsOf(server, id)).toHaveLength(0);
    expect((await invoice(id, 'ada')).body.status).toBe('open');
    const unauthenticated = await rest(server, 'billing.getInvoice', { invoiceId: id }, { method: 'GET' });
    expect(unauthenticated.status).toBe(401);
  });

  it('lets an admin of the tenant, or the owner within 14 days of payment, refund; nobody else', async () => {
    const id = await createInvoice(server, 'alice');
    const refund = (as: 'alice' | 'bob' | 'ada' | 'carol') =>
      rest(server, 'billing.refundPayment', { invoiceId: id }, { as, idempotencyKey: randomUUID() });
    expect((await refund('ada')).body.error?.code).toBe('NOT_REFUNDABLE');
    expect((await refund('alice')).status).toBe(404);
    expect((await pay(id, 'pm_card_visa')).status).toBe(200);
    for (const as of ['bob', 'carol'] as const) expect((await refund(as)).status).toBe(404);
    const own = await refund('alice');
    expect(own.status).toBe(200);
    expect((await invoice(id)).body.status).toBe('refunded');
    expect(
      server.emulator.refunds().filter((r) => r.payment_intent === intentsOf(server, id)[0]?.id),
    ).toHaveLength(1);
  });

  it('answers a decline with CARD_DECLINED and leaves the invoice open; another card then pays it', async () => {
    const id = await createInvoice(server, 'alice');
    const declined = await pay(id, 'pm_card_chargeDeclined');
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({
      code: 'CARD_DECLINED',
      data: { attemptNumber: 1, declineCode: 'generic_decline', attemptsLeft: 4 },
    });
    expect((await invoice(id)).body).toMatchObject({ status: 'open', payment: { status: 'declined' } });

    expect((await pay(id, 'pm_card_visa')).body.status).toBe('succeeded');
    expect(chargesOf(server, id).map((c) => c.status)).toEqual(['failed', 'succeeded']);
    expect(new Set(intentsOf(server, id).map((pi) => pi.metadata.attemptNumber))).toEqual(
      new Set(['1', '2']),
    );
  });

  it('finishes a 3-D Secure payment when the signed webhook arrives', async () => {
    const id = await createInvoice(server, 'alice');
    const started = await pay(id, 'pm_card_authenticationRequired');
    expect(started.body).toMatchObject({
      status: 'requires_action',
      clientSecret: expect.stringContaining('_secret_'),
    });
    expect((await invoice(id)).body.status).toBe('paying');

    await server.emulator.completeAuthentication(started.body.transactionId);
    await eventually(async () => (await invoice(id)).body.status === 'paid');
    const paid = (await invoice(id)).body;
    expect(paid.receiptUrl).toMatch(/\/receipts\/ch_/);
    const succeeded = server.emulator
      .deliveredEvents()
      .filter((d) => d.type === 'payment_intent.succeeded' && d.status === 200);
    expect(succeeded.length).toBeGreaterThan(0);
    expect(intentsOf(server, id)).toHaveLength(1);
  });

  it('lets only one of two concurrent captures through', async () => {
    const id = await createInvoice(server, 'alice');
    const answers = await Promise.all([pay(id, 'pm_card_visa'), pay(id, 'pm_card_visa')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(intentsOf(server, id)).toHaveLength(1);
    expect(chargesOf(server, id)).toHaveLength(1);
  });

  describe('when the answers of Stripe are lost (the request was processed, the connection dropped)', () => {
    const loseAnswers = () =>
      server.emulator.faults.inject({
        path: '/v1/payment_intents',
        method: 'POST',
        afterProcessing: 'close',
        times: 3,
      });

    it('answers 503 and lets the webhook finish the payment; paying again is refused', async () => {
      const id = await createInvoice(server, 'alice');
      loseAnswers();
      const first = await pay(id, 'pm_card_visa');
      expect([first.status, first.body.error?.code]).toEqual([503, 'UNAVAILABLE']);
      await eventually(async () => (await invoice(id)).body.status === 'paid');
      expect((await pay(id, 'pm_card_visa')).body.error?.code).toBe('ALREADY_PAID');
      expect(intentsOf(server, id)).toHaveLength(1);
      expect(chargesOf(server, id)).toHaveLength(1);
    });

    it('resumes the same attempt (same Stripe key) when the customer retries with the same card', async () => {
      const id = await createInvoice(server, 'alice');
      loseAnswers();
      expect((await pay(id, 'pm_card_authenticationRequired')).status).toBe(503);
      expect((await invoice(id)).body).toMatchObject({ status: 'paying', payment: { status: 'unknown' } });
      expect((await pay(id, 'pm_card_visa')).body.error?.code).toBe('PAYMENT_IN_PROGRESS');
      const again = await pay(id, 'pm_card_authenticationRequired');
      expect([again.status, again.body.status]).toEqual([200, 'requires_action']);
      expect(intentsOf(server, id).map((pi) => pi.id)).toEqual([again.body.transactionId]);
    });

    it('is finished by the recovery job, which asks Stripe with the stored key: never a second PaymentIntent', async () => {
      const id = await createInvoice(server, 'alice');
      loseAnswers();
      expect((await pay(id, 'pm_card_authenticationRequired')).status).toBe(503);
      const report = await rest<{ invoices: { invoiceId: string; status: string }[] }>(
        server,
        'billing.recoverPayments',
        { olderThanSeconds: 0 },
        { as: 'ada' },
      );
      expect(report.body.invoices).toContainEqual({ invoiceId: id, status: 'paying', changed: false });
      const recovered = (await invoice(id)).body.payment;
      expect(recovered).toMatchObject({
        status: 'requires_action',
        paymentIntentId: expect.stringMatching(/^pi_/),
      });
      await server.emulator.completeAuthentication(recovered?.paymentIntentId ?? '');
      await eventually(async () => (await invoice(id)).body.status === 'paid');
      expect(intentsOf(server, id)).toHaveLength(1);
      expect(chargesOf(server, id)).toHaveLength(1);
    });
  });
});

describe('billing webhooks', { timeout: 30_000 }, () => {
  it('refuses a bad signature and ignores a replayed event', async () => {
    const body = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_x' } },
    });
    const forged = await fetch(`${server.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signPayload(body, 'whsec_wrong', Math.floor(Date.now() / 1000)),
      },
      body,
    });
    expect(forged.status).toBe(401);

    const id = await createInvoice(server, 'alice');
    const started = await pay(id, 'pm_card_authenticationRequired');
    await server.emulator.completeAuthentication(started.body.transactionId);
    await eventually(async () => (await invoice(id)).body.status === 'paid');
    const event = server.emulator
      .events()
      .find(
        (e) =>
          e.type === 'payment_intent.succeeded' &&
          (e.data.object as { id: string }).id === started.body.transactionId,
      );
    expect(event).toBeDefined();
    const raw = JSON.stringify(event);
    const completions = async () =>
      (
        await rest<{ entries: { operation: string }[] }>(
          server,
          'billing.listAudit',
          { limit: 500 },
          { as: 'ada', method: 'GET' },
        )
      ).body.entries.filter((e) => e.operation === 'billing.completePayment v1').length;
    const before = await completions();
    const replay = await fetch(`${server.url}/api/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signPayload(raw, server.emulator.webhookSecret, Math.floor(Date.now() / 1000)),
      },
      body: raw,
    });
    expect(replay.status).toBe(200);
    expect(await completions()).toBe(before);
    expect((await invoice(id)).body.status).toBe('paid');
  });
});

describe('billing over GraphQL and MCP', { timeout: 30_000 }, () => {
  it('captures through a GraphQL mutation with the same policy and one charge', async () => {
    const id = await createInvoice(server, 'alice');
    const query = `mutation Pay($input: CapturePaymentInput!) { billing_capturePayment(input: $input) { invoiceId status receiptUrl } }`;
    const call = (as: 'alice' | 'bob') =>
      fetch(`${server.url}/api/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${server.tokens[as]}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          query,
          variables: { input: { invoiceId: id, paymentMethodId: 'pm_card_visa' } },
        }),
      }).then(
        (r) =>
          r.json() as Promise<{
            data?: { billing_capturePayment: PaymentBody } | null;
            errors?: { extensions: { code: string } }[];
          }>,
      );
    expect((await call('bob')).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const paid = await call('alice');
    expect(paid.data?.billing_capturePayment).toMatchObject({ invoiceId: id, status: 'succeeded' });
    expect(chargesOf(server, id)).toHaveLength(1);
  });

  it('captures through an MCP tool call with a bearer token and one charge', async () => {
    const id = await createInvoice(server, 'alice');
    const client = new Client({ name: 'billing-e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${server.tokens.alice}` } },
      }),
    );
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('billing_capturePayment');
      expect(tools).not.toContain('billing_completePayment');
      const result = (await client.callTool({
        name: 'billing_capturePayment',
        arguments: { invoiceId: id, paymentMethodId: 'pm_card_visa' },
        _meta: { idempotencyKey: randomUUID() },
      })) as CallToolResult;
      expect(result.isError).not.toBe(true);
      expect(result.structuredContent).toMatchObject({ invoiceId: id, status: 'succeeded' });
    } finally {
      await client.close();
    }
    expect(chargesOf(server, id)).toHaveLength(1);
  });
});

describe('the audit trail', { timeout: 30_000 }, () => {
  it('records every call with its decision, on an intact hash chain, and never a card number', async () => {
    const trail = await rest<{
      chainIntact: boolean;
      entries: { operation: string; transport: string; outcome: string; input?: unknown; actor: string }[];
    }>(server, 'billing.listAudit', { limit: 500 }, { as: 'ada', method: 'GET' });
    expect(trail.body.chainIntact).toBe(true);
    const seen = new Set(trail.body.entries.map((e) => `${e.operation} ${e.transport} ${e.outcome}`));
    expect(seen).toContain('billing.capturePayment v1 rest success');
    expect(seen).toContain('billing.capturePayment v1 rest denied');
    expect(seen).toContain('billing.capturePayment v1 rest error');
    expect(seen).toContain('billing.capturePayment v1 graphql success');
    expect(seen).toContain('billing.capturePayment v1 mcp success');
    expect(seen).toContain('billing.completePayment v1 webhook success');
    // Inputs as stored: a card number (13-19 digits) never appears, only pm_ ids.
    const inputs = JSON.stringify(trail.body.entries.map((e) => e.input));
    expect(inputs).toContain('pm_card_visa');
    expect(inputs).not.toMatch(/\d{13,19}/);
    expect((await rest(server, 'billing.listAudit', {}, { as: 'alice', method: 'GET' })).status).toBe(403);
  });

  it('serves OpenAPI and the API reference page', async () => {
    const openapi = (await (await fetch(`${server.url}/api/ops/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toContain('/api/ops/billing.capturePayment');
    expect(Object.keys(openapi.paths)).not.toContain('/api/ops/billing.completePayment');
    expect((await fetch(`${server.url}/api/ops/docs`)).status).toBe(200);
  });
});
