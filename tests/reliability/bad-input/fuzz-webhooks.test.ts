// Hostile Stripe webhooks to the billing app's /api/webhooks/stripe route: validly signed events
// whose JSON content is fuzzed (ids, types, data, metadata, extra keys), plus a few with a wrong
// signature or a stale timestamp. Never a 5xx, never a crash, prototypes intact, no leaks.
import { signPayload } from '@lssm/stripe-emulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure, scaled } from '../support/figures.js';
import { hostileJson, hostileNumberText, hostileString, objectText, str } from './arbitraries.js';
import { fuzz, type HostileRequest } from './fuzz-loop.js';
import { checkErrorBody, echoKinds, verdict } from './fuzz-verdict.js';
import { send } from './http-client.js';
import { captureLogs, findLeaks } from './leak-scan.js';
import { authorization, type BadInputServer, startBadInputServer } from './server.js';

let server: BadInputServer;
let invoiceIds: string[];
let intentIds: string[];

beforeAll(async () => {
  server = await startBadInputServer();
  const listed = await send(`${server.url}/api/ops/billing.listInvoices`, {
    method: 'GET',
    headers: authorization(server, 'ada'),
  });
  invoiceIds = (JSON.parse(listed.text) as { invoices: { id: string }[] }).invoices.map((i) => i.id);
  // Real PaymentIntents: alice pays her invoices (one succeeds, one needs 3-D Secure, one declines).
  const cards = ['pm_card_visa', 'pm_card_threeDSecure2Required', 'pm_card_chargeDeclined'];
  for (const [i, invoiceId] of invoiceIds.slice(0, 3).entries()) {
    await send(`${server.url}/api/ops/billing.capturePayment`, {
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `k${i}`,
        ...authorization(server, 'alice'),
      },
      body: JSON.stringify({ invoiceId, paymentMethodId: cards[i] }),
    });
  }
  await server.emulator.webhooksSettled();
  intentIds = server.emulator.paymentIntents().map((intent) => intent.id);
}, 120_000);
afterAll(() => server?.close());

const TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'];

function stripeEvents(): fc.Arbitrary<string> {
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-f0-9]{24}$/).map((hex) => JSON.stringify(`evt_${hex}`)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostileString.map((s) => JSON.stringify(s)),
        hostileJson(),
      ),
    },
  );
  const metadata = fc.oneof(
    fc
      .oneof(
        str(...invoiceIds),
        hostileString.map((s) => JSON.stringify(s)),
        hostileJson(),
      )
      .map((v) => objectText([['invoiceId', v]])),
    hostileJson(['invoiceId', 'attemptId']),
  );
  const intent = fc
    .tuple(
      fc.oneof(str(...intentIds), str('pi_nope'), hostileJson()),
      metadata,
      fc.oneof(hostileNumberText, fc.constant('5000')),
    )
    .map(([piId, meta, amount]) =>
      objectText([
        ['id', piId],
        ['object', '"payment_intent"'],
        ['amount', amount],
        ['currency', '"usd"'],
        ['metadata', meta],
      ]),
    );
  const data = fc.oneof(
    { weight: 4, arbitrary: intent.map((object) => objectText([['object', object]])) },
    { weight: 1, arbitrary: hostileJson(['object', 'previous_attributes']) },
  );
  return fc
    .tuple(
      id,
      fc.oneof({ weight: 9, arbitrary: str('event') }, { weight: 1, arbitrary: hostileJson() }),
      fc.oneof(
        { weight: 4, arbitrary: str(...TYPES) },
        {
          weight: 1,
          arbitrary: fc.oneof(
            hostileString.map((s) => JSON.stringify(s)),
            hostileJson(),
          ),
        },
      ),
      data,
      fc.array(
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'livemode', 'request', 'data'), hostileJson()),
        { maxLength: 2 },
      ),
    )
    .map(([eventId, object, type, body, extra]) =>
      objectText([
        ['id', eventId],
        ['object', object],
        ['type', type],
        ['api_version', '"2026-10-28.endive"'],
        ['data', body],
        ...extra,
      ]),
    );
}

function webhookRequests(): fc.Arbitrary<HostileRequest> {
  const signing = fc.constantFrom(
    'valid',
    'valid',
    'valid',
    'valid',
    'valid',
    'valid',
    'valid',
    'valid',
    'wrong secret',
    'stale',
  );
  return fc
    .tuple(
      fc.oneof({ weight: 9, arbitrary: stripeEvents() }, { weight: 1, arbitrary: hostileJson() }),
      signing,
    )
    .map(([body, how]) => {
      const now = Math.floor(Date.now() / 1000);
      const signature =
        how === 'valid'
          ? signPayload(body, server.webhookSecret, now)
          : how === 'stale'
            ? signPayload(body, server.webhookSecret, now - 3_600)
            : signPayload(body, 'whsec_not_ours', now);
      return {
        url: `${server.url}/api/webhooks/stripe`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
        label: `${how} event`,
      };
    });
}

/** Posts one event, validly signed. */
async function deliver(event: Record<string, unknown>) {
  const body = JSON.stringify({ object: 'event', api_version: '2026-10-28.endive', ...event });
  const signature = signPayload(body, server.webhookSecret, Math.floor(Date.now() / 1000));
  return send(`${server.url}/api/webhooks/stripe`, {
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });
}

describe('webhooks: signed events of unexpected shapes (found by the fuzzer)', () => {
  const type = 'payment_intent.succeeded';
  it.each([
    ['no data', { id: 'evt_reg_1', type }, 400],
    ['data null', { id: 'evt_reg_2', type, data: null }, 400],
    ['data without object', { id: 'evt_reg_3', type, data: {} }, 400],
    ['an object without id', { id: 'evt_reg_4', type, data: { object: { metadata: {} } } }, 400],
    ['a numeric intent id', { id: 'evt_reg_5', type, data: { object: { id: 42 } } }, 400],
    [
      'an invoiceId that is not a string',
      { id: 'evt_reg_6', type, data: { object: { id: 'pi_nope', metadata: { invoiceId: { a: 1 } } } } },
      200,
    ],
    [
      'an invoiceId with NUL',
      { id: 'evt_reg_8', type, data: { object: { id: 'pi_nope', metadata: { invoiceId: 'inv_\u0000' } } } },
      200,
    ],
    [
      'an intent Stripe does not know',
      { id: 'evt_reg_7', type, data: { object: { id: 'pi_nope', metadata: {} } } },
      200,
    ],
  ] as const)('%s, never 500', async (_, event, status) => {
    const answer = await deliver(event);
    expect(answer.status).toBe(status);
  });
});

describe('webhooks: hostile signed Stripe events to the billing app', () => {
  it('never answers 5xx, never crashes, codes every error, keeps prototypes, bounded time and heap', {
    timeout: 600_000,
  }, async () => {
    const logs = captureLogs(true);
    const report = await fuzz({
      requests: webhookRequests(),
      cases: scaled(10_000, 100_000),
      secrets: server.secrets,
      check: (answer) => checkErrorBody(answer),
    });
    logs.stop();
    const logLeaks = logs.lines().flatMap((line) => findLeaks(line, server.secrets));
    const result = verdict(report);
    const figure = `${result.figure}, ${logs.lines().length} log lines with ${logLeaks.length} leaks`;
    const pass = result.pass && logLeaks.length === 0;
    recordFigure({
      section: 'bad-input',
      scenario: 'Stripe webhook fuzz (signed, content fuzzed)',
      runs: report.cases,
      figure,
      pass,
    });
    console.log('statuses', JSON.stringify(report.statuses), 'echoes', echoKinds(report));
    expect(report.problems, report.failure).toEqual([]);
    expect(logLeaks).toEqual([]);
    expect(report.failure).toBeUndefined();
    expect(pass).toBe(true);
  });
});
