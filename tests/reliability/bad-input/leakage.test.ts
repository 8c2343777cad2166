// Error leakage: every error answer of the billing app, on every transport, and every log line it
// writes while being provoked (bad tokens, unknown operations, declined cards, Stripe failing and
// timing out, bad signatures, hostile input), scanned for stack frames, file paths, SQL, secrets
// (Stripe key, webhook secret, session secret, the bearer tokens) and card-like digit runs.
import { randomUUID } from 'node:crypto';
import { signPayload } from '@lssm/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { CARD_NUMBER } from './arbitraries.js';
import { type RawAnswer, send } from './http-client.js';
import { captureLogs, findLeaks, type Leak } from './leak-scan.js';
import { authorization, type BadInputServer, type BillingUser, startBadInputServer } from './server.js';

let server: BadInputServer;
let logs: ReturnType<typeof captureLogs>;
const answers: { label: string; sent: string; answer: RawAnswer }[] = [];

beforeAll(async () => {
  logs = captureLogs(true);
  server = await startBadInputServer();
}, 120_000);
afterAll(async () => {
  logs?.stop();
  await server?.close();
});

type Caller = BillingUser | 'anonymous' | 'forged';
const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function call(
  label: string,
  url: string,
  body: string,
  caller: Caller,
  extra: Record<string, string> = {},
) {
  const answer = await send(url, { headers: { ...json, ...authorization(server, caller), ...extra }, body });
  answers.push({ label, sent: body, answer });
  return answer;
}
const rest = (op: string, input: unknown, caller: Caller, key = randomUUID()) =>
  call(`REST ${op} as ${caller}`, `${server.url}/api/ops/${op}`, JSON.stringify(input), caller, {
    'idempotency-key': key,
  });
const graphql = (query: string, variables: unknown, caller: Caller) =>
  call(`GraphQL as ${caller}`, `${server.url}/api/graphql`, JSON.stringify({ query, variables }), caller);
const mcp = (name: string, args: unknown, caller: Caller) =>
  call(
    `MCP ${name} as ${caller}`,
    `${server.url}/api/mcp`,
    JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
    caller,
  );

async function newInvoice(): Promise<string> {
  const answer = await rest(
    'billing.createInvoice',
    { ownerId: 'alice', description: 'leak', amount: { amount: 4990, currency: 'USD' } },
    'ada',
  );
  return (JSON.parse(answer.text) as { id: string }).id;
}

describe('the leak scan', () => {
  it('finds each kind of leak it looks for, and tells echoes of the input apart', () => {
    const samples: [string, string][] = [
      ['stack frame', 'Error: boom\n    at handle (/srv/app/lib/x.ts:12:7)'],
      ['file path', 'ENOENT: open /work/main/examples/billing/.data/secrets.json'],
      ['SQL', 'Failed query: select "id" from "invoices" where "id" = $1'],
      ['secret', 'Invalid API Key provided: sk_test_abc'],
      ['card-like digits', 'card 4242424242424242 declined'],
    ];
    for (const [kind, text] of samples) expect(findLeaks(text, []).map((leak) => leak.kind)).toContain(kind);
    expect(findLeaks('token abc.def.ghi here', ['abc.def.ghi'])).toHaveLength(1);
    expect(findLeaks('must be at least 1; at "input.amount"', [])).toEqual([]);
    expect(findLeaks('got 4242424242424242', [], '{"n":4242424242424242}')[0]?.echo).toBe(true);
  });
});

describe('error leakage', () => {
  it('no error answer and no log line carries a stack, a path, SQL, a secret or a card number', {
    timeout: 300_000,
  }, async () => {
    const id = await newInvoice();
    // Who is calling: nobody, a forged token, a token in the wrong place, a member where admins go.
    for (const caller of ['anonymous', 'forged'] as const)
      await rest('billing.getInvoice', { invoiceId: id }, caller);
    await call(
      'token as a cookie',
      `${server.url}/api/ops/billing.getInvoice`,
      JSON.stringify({ invoiceId: id }),
      'anonymous',
      { cookie: `billing_session=${server.tokens.alice}` },
    );
    await rest('billing.listAudit', {}, 'alice');
    await rest(
      'billing.createInvoice',
      { ownerId: 'carol', description: 'x', amount: { amount: 1, currency: 'USD' } },
      'ada',
    );
    // What the caller sent: unknown operations, card numbers where ids go, broken JSON.
    await rest('billing.nope', {}, 'alice');
    await rest('billing.capturePayment', { invoiceId: id, paymentMethodId: CARD_NUMBER }, 'alice');
    await rest(
      'billing.capturePayment',
      { invoiceId: id, paymentMethodId: 'pm_card_visa', card: { number: CARD_NUMBER, cvc: '123' } },
      'alice',
    );
    await call('broken JSON', `${server.url}/api/ops/billing.capturePayment`, '{"invoiceId":', 'alice');
    await graphql(
      'mutation M($input: CapturePaymentInput!) { billing_capturePayment(input: $input) { status } }',
      { input: { invoiceId: id, paymentMethodId: CARD_NUMBER } },
      'alice',
    );
    await graphql(
      'mutation M($input: CapturePaymentInput!) { billing_capturePayment(input: $input) { status } }',
      { input: { invoiceId: id, paymentMethodId: Number(CARD_NUMBER) } },
      'alice',
    );
    await graphql('{ billing_getInvoice(input: {invoiceId: "nope"}) { id } nope }', {}, 'alice');
    await mcp('billing_capturePayment', { invoiceId: id, paymentMethodId: CARD_NUMBER }, 'alice');
    await mcp('billing_nope', {}, 'alice');
    // Stripe says no: a declined card, then Stripe failing, timing out and dropping the connection.
    await rest(
      'billing.capturePayment',
      { invoiceId: id, paymentMethodId: 'pm_card_chargeDeclined' },
      'alice',
    );
    for (const fault of [
      { status: 500, shouldRetry: true, times: 3 },
      { status: 402, shouldRetry: false },
      { afterProcessing: 'close' as const, times: 3 },
    ]) {
      const target = await newInvoice();
      server.emulator.faults.inject({ path: '/v1/payment_intents', method: 'POST', ...fault });
      await rest('billing.capturePayment', { invoiceId: target, paymentMethodId: 'pm_card_visa' }, 'alice');
      await mcp('billing_capturePayment', { invoiceId: target, paymentMethodId: 'pm_card_visa' }, 'alice');
      server.emulator.faults.clear();
    }
    const paid = await newInvoice();
    await rest('billing.capturePayment', { invoiceId: paid, paymentMethodId: 'pm_card_visa' }, 'alice');
    server.emulator.faults.inject({
      path: '/v1/refunds',
      method: 'POST',
      status: 500,
      shouldRetry: true,
      times: 3,
    });
    await rest('billing.refundPayment', { invoiceId: paid }, 'ada');
    server.emulator.faults.clear();
    await rest('billing.recoverPayments', { olderThanSeconds: 0 }, 'ada');
    // Webhooks: no signature, a wrong one, a stale one, and a signed event naming nothing of ours.
    const event = JSON.stringify({
      id: 'evt_leak',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_nope', metadata: { invoiceId: CARD_NUMBER } } },
    });
    const now = Math.floor(Date.now() / 1000);
    for (const [label, signature] of [
      ['unsigned', undefined],
      ['wrong secret', signPayload(event, 'whsec_not_ours', now)],
      ['stale', signPayload(event, server.webhookSecret, now - 3_600)],
      ['signed', signPayload(event, server.webhookSecret, now)],
    ] as const) {
      const headers: Record<string, string> =
        signature === undefined ? {} : { 'stripe-signature': signature };
      await call(`webhook ${label}`, `${server.url}/api/webhooks/stripe`, event, 'anonymous', headers);
    }
    const event2 = JSON.stringify({
      id: `evt_${CARD_NUMBER}`,
      object: 'event',
      type: `x.${CARD_NUMBER}\r\nforged`,
      data: null,
    });
    await call('webhook log injection', `${server.url}/api/webhooks/stripe`, event2, 'anonymous', {
      'stripe-signature': signPayload(event2, server.webhookSecret, now),
    });
    await server.emulator.webhooksSettled();

    const errors = answers.filter(
      ({ answer }) => answer.status >= 400 || /"(?:errors?|isError)"/.test(answer.text),
    );
    const inAnswers: (Leak & { label: string })[] = errors.flatMap(({ label, sent, answer }) =>
      findLeaks(answer.text, server.secrets, sent).map((leak) => ({ ...leak, label })),
    );
    const leaks = inAnswers.filter((leak) => !leak.echo);
    const echoes = inAnswers.filter((leak) => leak.echo);
    logs.stop();
    const lines = logs.lines();
    const inLogs = lines.flatMap((line) => findLeaks(line, server.secrets));
    const fiveXx = answers.filter(({ answer }) => answer.status >= 500);
    recordFigure({
      section: 'bad-input',
      scenario: 'error leakage scan (error answers of 4 transports + every log line)',
      runs: errors.length + lines.length,
      figure:
        `${errors.length} error answers, ${leaks.length} leaks, ${echoes.length} echoes of the caller's own input ` +
        `(${echoes.map((e) => `${e.kind} in ${e.label}`).join('; ') || 'none'}); ${lines.length} log lines, ${inLogs.length} leaks; ${fiveXx.length} × 5xx`,
      pass: leaks.length === 0 && inLogs.length === 0,
    });
    console.log(
      fiveXx.map(({ label, answer }) => `${label}: ${answer.status} ${answer.text.slice(0, 160)}`).join('\n'),
    );
    expect(leaks).toEqual([]);
    expect(inLogs).toEqual([]);
  });
});
