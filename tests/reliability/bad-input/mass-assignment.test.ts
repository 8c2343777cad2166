// Mass assignment, oversized and deeply nested bodies, and unicode edge cases against the billing
// app. A member (or an admin) sending fields they must not control gets a 400 naming the field,
// and nothing changes: no invoice moves, no PaymentIntent is made. Oversized and deep bodies get
// 413/400 on every transport, never a 5xx. Unicode is refused with a 400 or stored exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { deepJson } from './arbitraries.js';
import { send } from './http-client.js';
import { authorization, type BadInputServer, type BillingUser, startBadInputServer } from './server.js';

let server: BadInputServer;
let aliceOpen: string;

interface Answer {
  readonly status: number;
  readonly body: {
    id?: string;
    description?: string;
    status?: string;
    error?: { code: string; issues?: { path: (string | number)[]; code: string }[] };
  };
}

async function rest(op: string, body: string, as: BillingUser, key?: string): Promise<Answer> {
  const headers = {
    'content-type': 'application/json',
    ...authorization(server, as),
    ...(key ? { 'idempotency-key': key } : {}),
  };
  const answer = await send(`${server.url}/api/ops/${op}`, { headers, body });
  return { status: answer.status, body: JSON.parse(answer.text) as Answer['body'] };
}

/** What must not move: every acme invoice's status and the number of PaymentIntents and invoices. */
async function state(): Promise<string> {
  const list = await send(`${server.url}/api/ops/billing.listInvoices?limit=100`, {
    method: 'GET',
    headers: authorization(server, 'ada'),
  });
  const invoices = (JSON.parse(list.text) as { invoices: { id: string; status: string; ownerId: string }[] })
    .invoices;
  return JSON.stringify({
    invoices: invoices.map((i) => [i.id, i.status, i.ownerId]),
    intents: server.emulator.paymentIntents().length,
  });
}

beforeAll(async () => {
  server = await startBadInputServer();
  const created = await rest(
    'billing.createInvoice',
    '{"ownerId":"alice","description":"mass","amount":{"amount":4990,"currency":"USD"}}',
    'ada',
  );
  aliceOpen = created.body.id ?? '';
}, 120_000);
afterAll(() => server?.close());

describe('mass assignment', () => {
  it('refuses fields a caller must not control, naming them, and changes nothing', {
    timeout: 120_000,
  }, async () => {
    const rows: [label: string, op: string, body: () => string, as: BillingUser, field: string][] = [
      [
        'member sets amount on capture',
        'billing.capturePayment',
        () => `{"invoiceId":"${aliceOpen}","paymentMethodId":"pm_card_visa","amount":1}`,
        'alice',
        'amount',
      ],
      [
        'member sets status on capture',
        'billing.capturePayment',
        () => `{"invoiceId":"${aliceOpen}","paymentMethodId":"pm_card_visa","status":"paid"}`,
        'alice',
        'status',
      ],
      [
        'member sets ownerId on capture',
        'billing.capturePayment',
        () => `{"invoiceId":"${aliceOpen}","paymentMethodId":"pm_card_visa","ownerId":"bob"}`,
        'bob',
        'ownerId',
      ],
      [
        'member sets tenantId on getInvoice',
        'billing.getInvoice',
        () => `{"invoiceId":"${aliceOpen}","tenantId":"globex"}`,
        'carol',
        'tenantId',
      ],
      [
        'member sets tenantId on listInvoices',
        'billing.listInvoices',
        () => '{"tenantId":"globex"}',
        'alice',
        'tenantId',
      ],
      [
        'member sets amount on refund',
        'billing.refundPayment',
        () => `{"invoiceId":"${aliceOpen}","amount":100000}`,
        'alice',
        'amount',
      ],
      [
        'admin sets tenantId on create',
        'billing.createInvoice',
        () =>
          '{"ownerId":"alice","description":"x","amount":{"amount":1,"currency":"USD"},"tenantId":"globex"}',
        'ada',
        'tenantId',
      ],
      [
        'admin sets status on create',
        'billing.createInvoice',
        () => '{"ownerId":"alice","description":"x","amount":{"amount":1,"currency":"USD"},"status":"paid"}',
        'ada',
        'status',
      ],
      [
        'admin sets id on create',
        'billing.createInvoice',
        () =>
          `{"ownerId":"alice","description":"x","amount":{"amount":1,"currency":"USD"},"id":"${aliceOpen}"}`,
        'ada',
        'id',
      ],
      [
        '__proto__ carrying status',
        'billing.capturePayment',
        () =>
          `{"invoiceId":"${aliceOpen}","paymentMethodId":"pm_card_visa","__proto__":{"status":"paid","amount":1}}`,
        'alice',
        '__proto__',
      ],
      [
        'constructor.prototype carrying ownerId',
        'billing.getInvoice',
        () => `{"invoiceId":"${aliceOpen}","constructor":{"prototype":{"ownerId":"carol"}}}`,
        'carol',
        'constructor',
      ],
    ];
    const before = await state();
    const failures: string[] = [];
    for (const [label, op, body, as, field] of rows) {
      const answer = await rest(op, body(), as, `mass-${label}`);
      // Prototype keys are refused as `forbidden_key`, other undeclared fields as `unknown_key`.
      const named = answer.body.error?.issues?.some(
        (issue) =>
          issue.path[0] === field && (issue.code === 'unknown_key' || issue.code === 'forbidden_key'),
      );
      if (answer.status !== 400 || named !== true)
        failures.push(`${label}: ${answer.status} ${JSON.stringify(answer.body.error)}`);
    }
    // Not a field at all: a member creating an invoice, and an admin billing another tenant's member.
    const member = await rest(
      'billing.createInvoice',
      '{"ownerId":"alice","description":"x","amount":{"amount":1,"currency":"USD"}}',
      'alice',
    );
    const otherTenant = await rest(
      'billing.createInvoice',
      '{"ownerId":"carol","description":"x","amount":{"amount":1,"currency":"USD"}}',
      'ada',
    );
    if (member.status !== 403) failures.push(`member creates an invoice: ${member.status}`);
    if (otherTenant.status !== 404) failures.push(`admin bills another tenant: ${otherTenant.status}`);
    const unchanged = (await state()) === before && Reflect.get({}, 'status') === undefined;
    const runs = rows.length + 2;
    recordFigure({
      section: 'bad-input',
      scenario: 'mass assignment (ownerId, status, tenantId, amount, id, via __proto__)',
      runs,
      figure: `${runs - failures.length}/${runs} refused naming the field, ${unchanged ? 'no invoice changed, no PaymentIntent made' : 'STATE CHANGED'}`,
      pass: failures.length === 0 && unchanged,
    });
    expect(failures).toEqual([]);
    expect(unchanged).toBe(true);
  });
});

describe('oversized and deeply nested bodies, on every transport', () => {
  it('answers 413 or 400 in bounded time, never a 5xx', { timeout: 120_000 }, async () => {
    const graphql = (variables: string) =>
      `{"query":"mutation M($input: CapturePaymentInput!) { billing_capturePayment(input: $input) { status } }","variables":{"input":${variables}}}`;
    const mcp = (args: string) =>
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"billing_capturePayment","arguments":${args}}}`;
    const big = `{"invoiceId":"${aliceOpen}","paymentMethodId":"pm_card_visa","pad":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    const deepArrays = `{"invoiceId":${deepJson(100_000, 'array')}}`;
    const deepObjects = `{"invoiceId":${deepJson(100_000, 'object')}}`;
    const manyKeys = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const targets: [name: string, url: string, wrap: (input: string) => string][] = [
      ['REST route', `${server.url}/api/ops/billing.capturePayment`, (s) => s],
      ['REST node', `${server.nodeRestUrl}/api/ops/billing.capturePayment`, (s) => s],
      ['GraphQL', `${server.url}/api/graphql`, graphql],
      ['MCP', `${server.url}/api/mcp`, mcp],
    ];
    const failures: string[] = [];
    let slowest = 0;
    let runs = 0;
    for (const [name, url, wrap] of targets) {
      for (const [label, input, expected] of [
        ['2 MiB body', big, [413]],
        ['100k levels of arrays', deepArrays, [400, 200]],
        ['100k levels of objects', deepObjects, [400, 200]],
        ['20,000 keys', manyKeys, [400, 200]],
      ] as const) {
        const started = performance.now();
        const answer = await send(url, {
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'idempotency-key': `big-${runs}`,
            ...authorization(server, 'alice'),
          },
          body: wrap(input),
        });
        slowest = Math.max(slowest, performance.now() - started);
        runs++;
        // MCP and GraphQL answer some refusals inside a 200 (a JSON-RPC or GraphQL error).
        const refusedInside = answer.status === 200 && /"(?:error|errors|isError)"/.test(answer.text);
        if (
          !(expected as readonly number[]).includes(answer.status) ||
          (answer.status === 200 && !refusedInside)
        )
          failures.push(`${name} ${label}: ${answer.status} ${answer.text.slice(0, 160)}`);
      }
    }
    const webhook = await send(`${server.url}/api/webhooks/stripe`, {
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: big,
    });
    runs++;
    if (webhook.status !== 413) failures.push(`webhook 2 MiB body: ${webhook.status}`);
    recordFigure({
      section: 'bad-input',
      scenario: 'oversized and deeply nested bodies x REST (route, node), GraphQL, MCP, webhook',
      runs,
      figure: `${runs - failures.length}/${runs} refused (413 / 400), 0 × 5xx, slowest ${slowest.toFixed(0)} ms`,
      pass: failures.length === 0 && slowest < 10_000,
    });
    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(10_000);
  });
});

describe('unicode edge cases in free text', () => {
  it('refuses with a 400 naming the field, or stores and returns the text exactly', {
    timeout: 120_000,
  }, async () => {
    const rows: [label: string, description: string, expected: 'stored' | string][] = [
      ['RTL override', 'invoice \u202egnp.exe', 'stored'],
      ['4-byte emoji', '😀🇯🇵👩‍👩‍👧 𝕏', 'stored'],
      ['combining marks', 'e\u0301\u0301\u0301', 'stored'],
      ['zero-width and BOM', 'a\u200bb\ufeffc', 'stored'],
      ['200 emoji (the limit, in code points)', '😀'.repeat(200), 'stored'],
      ['201 emoji', '😀'.repeat(201), 'too_big'],
      ['a lone high surrogate', 'a\ud800b', 'invalid_string'],
      ['a lone low surrogate', '\udfff', 'invalid_string'],
      ['NUL', 'a\u0000b', 'invalid_format'],
      ['only whitespace', ' \t\n', 'too_small'],
      ['100,000 characters', 'x'.repeat(100_000), 'too_big'],
    ];
    const failures: string[] = [];
    for (const [label, description, expected] of rows) {
      const body = JSON.stringify({
        ownerId: 'alice',
        description,
        amount: { amount: 100, currency: 'USD' },
      });
      const answer = await rest('billing.createInvoice', body, 'ada');
      if (expected === 'stored') {
        const read =
          answer.body.id === undefined
            ? undefined
            : await rest('billing.getInvoice', JSON.stringify({ invoiceId: answer.body.id }), 'alice');
        if (answer.status !== 200 || read?.body.description !== description)
          failures.push(`${label}: ${answer.status} ${JSON.stringify(answer.body.error)}`);
        continue;
      }
      const issue = answer.body.error?.issues?.[0];
      if (answer.status !== 400 || issue?.path[0] !== 'description' || issue.code !== expected)
        failures.push(`${label}: ${answer.status} ${JSON.stringify(answer.body.error)}`);
    }
    recordFigure({
      section: 'bad-input',
      scenario: 'unicode edge cases (lone surrogates, NUL, RTL, 4-byte emoji, long strings)',
      runs: rows.length,
      figure: `${rows.length - failures.length}/${rows.length} stored exactly or refused with path and code`,
      pass: failures.length === 0,
    });
    expect(failures).toEqual([]);
  });
});
