// Money through the billing app: zero-, two- and three-decimal currencies, unknown codes and float
// traps, over REST, GraphQL and MCP. Every amount is either charged in exactly the minor units
// sent (the Stripe emulator's PaymentIntent says so) or refused with a 4xx naming the field path
// and a stable code. The form's major-unit conversion (toMinorUnits) gets the same traps.
import { toMinorUnits } from '@lssm/lib.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { send } from './http-client.js';
import { authorization, type BadInputServer, startBadInputServer } from './server.js';

let server: BadInputServer;
beforeAll(async () => {
  server = await startBadInputServer();
}, 120_000);
afterAll(() => server?.close());

/** An amount as raw JSON text (so `-0`, `1e400` and 30 digits reach the server as written). */
type Row = readonly [
  label: string,
  amountJson: string,
  expected: { charged: [number, string] } | { code: string; path?: readonly string[]; issue?: string },
];

const refused = (issue: string, path: readonly string[] = ['amount', 'amount']) => ({
  code: 'INVALID_INPUT',
  path,
  issue,
});
const ROWS: readonly Row[] = [
  ['JPY, zero decimals', '{"amount":5000,"currency":"JPY"}', { charged: [5000, 'jpy'] }],
  ['USD, two decimals', '{"amount":4990,"currency":"USD"}', { charged: [4990, 'usd'] }],
  ['KWD, three decimals', '{"amount":1250,"currency":"KWD"}', { charged: [1250, 'kwd'] }],
  ['ISK, two decimals for Stripe', '{"amount":100,"currency":"ISK"}', { charged: [100, 'isk'] }],
  ['the largest amount', '{"amount":99999999,"currency":"EUR"}', { charged: [99999999, 'eur'] }],
  ['KWD not a multiple of 10', '{"amount":1255,"currency":"KWD"}', { code: 'AMOUNT_NOT_CHARGEABLE' }],
  ['0.1 + 0.2', `{"amount":${0.1 + 0.2},"currency":"USD"}`, refused('not_integer')],
  ['1e-7', '{"amount":1e-7,"currency":"USD"}', refused('not_integer')],
  ['4990.000000001', '{"amount":4990.000000001,"currency":"USD"}', refused('not_integer')],
  ['49.90 in major units', '{"amount":49.9,"currency":"USD"}', refused('not_integer')],
  ['1e21', '{"amount":1e21,"currency":"USD"}', refused('too_big')],
  ['2^53 + 1', '{"amount":9007199254740993,"currency":"USD"}', refused('too_big')],
  ['30 digits', '{"amount":123456789012345678901234567890,"currency":"USD"}', refused('too_big')],
  ['1e400 (Infinity once parsed)', '{"amount":1e400,"currency":"USD"}', refused('not_finite')],
  ['zero', '{"amount":0,"currency":"USD"}', refused('too_small')],
  ['minus zero', '{"amount":-0,"currency":"USD"}', refused('too_small')],
  ['negative', '{"amount":-4990,"currency":"USD"}', refused('too_small')],
  ['one over the maximum', '{"amount":100000000,"currency":"USD"}', refused('too_big')],
  ['a numeric string', '{"amount":"4990","currency":"USD"}', refused('invalid_type')],
  ['"NaN"', '{"amount":"NaN","currency":"USD"}', refused('invalid_type')],
  ['lower-case code', '{"amount":4990,"currency":"usd"}', refused('invalid_enum', ['amount', 'currency'])],
  ['made-up code ABC', '{"amount":4990,"currency":"ABC"}', refused('invalid_enum', ['amount', 'currency'])],
  ['testing code XTS', '{"amount":4990,"currency":"XTS"}', refused('invalid_enum', ['amount', 'currency'])],
  ['withdrawn code HRK', '{"amount":4990,"currency":"HRK"}', refused('invalid_enum', ['amount', 'currency'])],
  [
    'NUL in the code',
    '{"amount":4990,"currency":"US\\u0000"}',
    refused('invalid_enum', ['amount', 'currency']),
  ],
  ['no currency', '{"amount":4990}', refused('required', ['amount', 'currency'])],
  [
    'an extra key',
    '{"amount":4990,"currency":"USD","cents":90}',
    refused('unknown_key', ['amount', 'cents']),
  ],
  ['a float as text', '"49.90 USD"', refused('invalid_type', ['amount'])],
];

interface ErrorShape {
  readonly code: string;
  /** GraphQL's message (type-level refusals name the path only there). */
  readonly message?: string;
  readonly issues?: readonly { path: (string | number)[]; code: string }[];
}

/** Creates alice's invoice as ada over one transport; the answer's invoice id or error. */
async function create(
  transport: 'rest' | 'graphql' | 'mcp',
  amountJson: string,
): Promise<{ id?: string; error?: ErrorShape; status: number }> {
  const input = `{"ownerId":"alice","description":"money table","amount":${amountJson}}`;
  const headers = { 'content-type': 'application/json', ...authorization(server, 'ada') };
  if (transport === 'rest') {
    const answer = await send(`${server.url}/api/ops/billing.createInvoice`, { headers, body: input });
    const body = JSON.parse(answer.text) as { id?: string; error?: ErrorShape };
    return { ...body, status: answer.status };
  }
  if (transport === 'graphql') {
    const query = 'mutation M($input: CreateInvoiceInput!) { billing_createInvoice(input: $input) { id } }';
    const answer = await send(`${server.url}/api/graphql`, {
      headers,
      body: `{"query":${JSON.stringify(query)},"variables":{"input":${input}}}`,
    });
    const body = JSON.parse(answer.text) as {
      data?: { billing_createInvoice?: { id: string } | null };
      errors?: { message: string; extensions: ErrorShape }[];
    };
    const error = body.errors?.[0];
    return {
      id: body.data?.billing_createInvoice?.id,
      error: error && { ...error.extensions, message: error.message },
      status: answer.status,
    };
  }
  const rpc = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"billing_createInvoice","arguments":${input}}}`;
  const answer = await send(`${server.url}/api/mcp`, {
    headers: { ...headers, accept: 'application/json, text/event-stream' },
    body: rpc,
  });
  const result = (
    JSON.parse(answer.text) as {
      result?: { isError?: boolean; structuredContent?: { id: string }; content: { text: string }[] };
    }
  ).result;
  if (result?.isError !== true) return { id: result?.structuredContent?.id, status: answer.status };
  return {
    error: (JSON.parse(result.content[0]?.text ?? '{}') as { error: ErrorShape }).error,
    status: answer.status,
  };
}

/** Alice pays; the emulator's PaymentIntent for the invoice, as [amount, currency]. */
async function charged(invoiceId: string): Promise<[number, string] | undefined> {
  await send(`${server.url}/api/ops/billing.capturePayment`, {
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `money-${invoiceId}`,
      ...authorization(server, 'alice'),
    },
    body: JSON.stringify({ invoiceId, paymentMethodId: 'pm_card_visa' }),
  });
  const intent = server.emulator.paymentIntents().find((pi) => pi.metadata.invoiceId === invoiceId);
  return intent === undefined ? undefined : [intent.amount, intent.currency];
}

describe('money over REST, GraphQL and MCP', () => {
  it('charges exact minor units or refuses with a field path and a stable code', {
    timeout: 300_000,
  }, async () => {
    const mismatches: string[] = [];
    let typeLevel = 0;
    for (const transport of ['rest', 'graphql', 'mcp'] as const) {
      for (const [label, amountJson, expected] of ROWS) {
        const answer = await create(transport, amountJson);
        if ('charged' in expected) {
          const got = answer.id === undefined ? undefined : await charged(answer.id);
          if (JSON.stringify(got) !== JSON.stringify(expected.charged))
            mismatches.push(
              `${transport} ${label}: charged ${JSON.stringify(got)} (${JSON.stringify(answer.error)})`,
            );
          continue;
        }
        const issue = answer.error?.issues?.[0];
        const structured =
          issue?.code === expected.issue && JSON.stringify(issue?.path) === JSON.stringify(expected.path);
        // GraphQL refuses what its type system catches (a missing or unknown field, a string for
        // an object) before our validation: code INVALID_INPUT, the path only in the message.
        const inMessage =
          transport === 'graphql' &&
          issue === undefined &&
          (expected.path ?? []).every((segment) => answer.error?.message?.includes(segment) === true);
        if (inMessage) typeLevel++;
        const ok =
          answer.error?.code === expected.code &&
          answer.status < 500 &&
          (expected.issue === undefined || structured || inMessage);
        if (!ok)
          mismatches.push(
            `${transport} ${label}: ${answer.status} ${JSON.stringify(answer.error ?? answer.id)}`,
          );
      }
    }
    const runs = ROWS.length * 3;
    recordFigure({
      section: 'bad-input',
      scenario: 'money table (0/2/3 decimals, unknown codes, float traps) x REST, GraphQL, MCP',
      runs,
      figure:
        `${runs - mismatches.length}/${runs} exact minor units or refused with path and stable code ` +
        `(${typeLevel} GraphQL type-level refusals name the path in the message only), ${mismatches.length} mismatches`,
      pass: mismatches.length === 0,
    });
    expect(mismatches).toEqual([]);
  });

  it('converts typed major units exactly, or refuses (the new-invoice form)', () => {
    const exact: [string, string, number][] = [
      ['49.90', 'USD', 4990],
      ['0.30', 'USD', 30],
      ['5000', 'JPY', 5000],
      ['1.250', 'KWD', 1250],
      ['0.001', 'BHD', 1],
      ['-0.00', 'USD', 0],
      ['90071992547409.91', 'USD', 9007199254740991],
    ];
    for (const [text, currency, minor] of exact) expect(toMinorUnits(text, currency)).toBe(minor);
    expect(Object.is(toMinorUnits('-0.00', 'USD'), 0)).toBe(true);
    const traps: [string | number, string][] = [
      [0.1 + 0.2, 'USD'],
      [1e-7, 'USD'],
      [1e21, 'USD'],
      ['49.999', 'USD'],
      ['1.5', 'JPY'],
      ['1.2345', 'KWD'],
      ['90071992547409.92', 'USD'],
      ['NaN', 'USD'],
      ['Infinity', 'USD'],
      ['1,000.00', 'USD'],
      ['12.34', 'ABC'],
      ['12.34', 'usd'],
      ['', 'USD'],
    ];
    for (const [value, currency] of traps)
      expect(() => toMinorUnits(value, currency), String(value)).toThrow(RangeError);
  });
});
