// Cross-site request forgery against the app's own route handlers: what a page on another site can
// make a signed-in browser send without a CORS preflight (form posts as text/plain,
// application/x-www-form-urlencoded and multipart/form-data, and GETs), carrying the victim's valid
// session cookie. Every such request must answer 4xx and change nothing: no invoice, no payment
// attempt, no Stripe request. A same-site JSON call with the same cookie works (the cookie is valid,
// so the refusals are the CSRF defences at work, not a bad session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { jsonPost, ORIGIN, type Routes, routes } from './drivers.js';
import { type Person, startWorld, type World } from './world.js';

let world: World;
let handlers: Routes;
const cookies = new Map<Person, string>();

beforeAll(async () => {
  world = await startWorld();
  handlers = await routes();
  for (const person of ['alice', 'ada'] as const)
    cookies.set(person, `billing_session=${await world.session(person)}`);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

/** The headers a browser adds to a cross-site form post (the cookie is SameSite=Lax: sent on top-level navigations, and here sent anyway). */
const crossSite = (person: Person, type?: string): Record<string, string> => ({
  cookie: cookies.get(person) as string, // set in beforeAll for both people used below
  origin: 'https://evil.example',
  referer: 'https://evil.example/win-a-prize',
  'sec-fetch-site': 'cross-site',
  ...(type === undefined ? {} : { 'content-type': type }),
});

/** A command's fields as the three encodings a form can send. */
function formBodies(fields: Record<string, string>): [string, string][] {
  const boundary = 'csrfBoundary7MA4YWxk';
  const multipart = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return [
    ['text/plain', JSON.stringify(fields)],
    ['application/x-www-form-urlencoded', new URLSearchParams(fields).toString()],
    [`multipart/form-data; boundary=${boundary}`, `${multipart}--${boundary}--\r\n`],
  ];
}

interface Forgery {
  readonly label: string;
  readonly as: Person;
  readonly request: () => Request;
  readonly handler: () => (request: Request) => Promise<Response>;
}

const paymentFields = () => ({ invoiceId: world.invoiceId('aliceOpen'), paymentMethodId: 'pm_card_visa' });
const refundFields = () => ({ invoiceId: world.invoiceId('alicePaid') });
const billFields = { ownerId: 'alice', description: 'csrf', amount: '{"amount":100,"currency":"USD"}' };
const BILL_MUTATION =
  'mutation { billing_createInvoice(input: { ownerId: "alice", description: "csrf", amount: { amount: 100, currency: "USD" } }) { id } }';

function restForgeries(): Forgery[] {
  const targets: [string, Person, () => Record<string, string>][] = [
    ['billing.capturePayment', 'alice', paymentFields],
    ['billing.refundPayment', 'ada', refundFields],
    ['billing.createInvoice', 'ada', () => billFields],
  ];
  return targets.flatMap(([op, as, fields]) => [
    ...formBodies(fields()).map(([type, body]) => ({
      label: `${op} as ${type.split(';')[0]}`,
      as,
      request: () =>
        new Request(`${ORIGIN}/api/ops/${op}`, { method: 'POST', headers: crossSite(as, type), body }),
      handler: () => handlers.rest,
    })),
    {
      label: `${op} as a GET`,
      as,
      request: () =>
        new Request(`${ORIGIN}/api/ops/${op}?input=${encodeURIComponent(JSON.stringify(fields()))}`, {
          headers: crossSite(as),
        }),
      handler: () => handlers.restGet,
    },
  ]);
}

function graphqlForgeries(): Forgery[] {
  const fields = { query: BILL_MUTATION, operations: JSON.stringify({ query: BILL_MUTATION }), map: '{}' };
  return [
    ...formBodies(fields).map(([type, body]) => ({
      label: `createInvoice mutation as ${type.split(';')[0]}`,
      as: 'ada' as const,
      request: () =>
        new Request(`${ORIGIN}/api/graphql`, { method: 'POST', headers: crossSite('ada', type), body }),
      handler: () => handlers.graphql,
    })),
    {
      label: 'createInvoice mutation as a GET',
      as: 'ada',
      request: () =>
        new Request(`${ORIGIN}/api/graphql?query=${encodeURIComponent(BILL_MUTATION)}`, {
          headers: crossSite('ada'),
        }),
      handler: () => handlers.graphqlGet,
    },
  ];
}

function mcpForgeries(): Forgery[] {
  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: {
      name: 'billing_createInvoice',
      arguments: { ownerId: 'alice', description: 'csrf', amount: { amount: 100, currency: 'USD' } },
    },
  };
  // The JSON-RPC text as each content type a form can send (text/plain carries it verbatim).
  const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
  return types.map((type) => ({
    label: `tools/call createInvoice as ${type.split(';')[0]}`,
    as: 'ada' as const,
    request: () =>
      new Request(`${ORIGIN}/api/mcp`, {
        method: 'POST',
        headers: crossSite('ada', type),
        body: JSON.stringify(call),
      }),
    handler: () => handlers.mcp,
  }));
}

const TRANSPORTS: readonly (readonly [string, () => Forgery[]])[] = [
  ['REST', restForgeries],
  ['GraphQL', graphqlForgeries],
  ['MCP', mcpForgeries],
];

describe('nobody let in: cross-site requests with a valid session cookie', { timeout: 30_000 }, () => {
  it.each(TRANSPORTS)(
    '%s: every forged request answers 4xx and changes nothing',
    async (transport, forgeries) => {
      const statuses: number[] = [];
      let changed = 0;
      let stripeCalls = 0;
      const list = forgeries();
      for (const forgery of list) {
        const state = await world.state();
        const stripe = world.stripeCalls();
        const response = await forgery.handler()(forgery.request());
        statuses.push(response.status);
        stripeCalls += world.stripeCalls() - stripe;
        if ((await world.state()) !== state) changed++;
      }
      const refused = statuses.filter((s) => s >= 400 && s < 500).length;
      const counts = [...new Set(statuses)]
        .map((s) => `${statuses.filter((x) => x === s).length}x${s}`)
        .join(' ');
      const pass = refused === list.length && changed === 0 && stripeCalls === 0;
      recordFigure({
        section: 'nobody-let-in',
        scenario: `CSRF over ${transport} (cookie, no preflight)`,
        runs: list.length,
        figure: `${refused}/${list.length} refused (${counts}), ${changed} state changes, ${stripeCalls} Stripe calls`,
        pass,
      });
      expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
      expect(changed).toBe(0);
      expect(stripeCalls).toBe(0);
    },
  );

  it('the same cookie works for a same-site JSON call (the refusals are not a bad session)', async () => {
    const listed = await handlers.rest(
      jsonPost('/api/ops/billing.listInvoices', {}, { cookie: cookies.get('alice') as string }),
    );
    expect(listed.status).toBe(200);
    const ids = ((await listed.json()) as { invoices: { id: string }[] }).invoices.map((i) => i.id);
    expect(ids).toContain(world.invoiceId('aliceOpen'));
    const before = (await world.allInvoices()).length;
    const billed = await handlers.graphql(
      jsonPost('/api/graphql', { query: BILL_MUTATION }, { cookie: cookies.get('ada') as string }),
    );
    expect(((await billed.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect((await world.allInvoices()).length).toBe(before + 1);
  });
});
