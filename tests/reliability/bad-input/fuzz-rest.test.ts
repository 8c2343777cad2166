// Hostile REST input to the billing app, through the app's own Next.js route and through
// `createNodeHandler`: bodies, `?input=` and flat query parameters, for every operation, as every
// kind of caller. Never a 5xx, never a crash, prototypes intact, bounded time and heap, no leaks.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure, scaled } from '../support/figures.js';
import {
  billingFields,
  CALLERS,
  hostileInput,
  hostileJson,
  hostileKey,
  hostileString,
} from './arbitraries.js';
import { fuzz, type HostileRequest } from './fuzz-loop.js';
import { checkErrorBody, verdict } from './fuzz-verdict.js';
import { percentEncode } from './http-client.js';
import { authorization, type BadInputServer, startFuzzTarget } from './server.js';

let server: BadInputServer;
let invoiceIds: string[];

beforeAll(async () => {
  ({ server, invoiceIds } = await startFuzzTarget());
}, 120_000);
afterAll(() => server?.close());

function restRequests(): fc.Arbitrary<HostileRequest> {
  const fields = billingFields(invoiceIds);
  const ops = Object.keys(fields);
  const input = fc
    .constantFrom(...ops, 'billing.nope', '__proto__')
    .chain((op) => fc.tuple(fc.constant(op), op in fields ? hostileInput(fields[op] ?? {}) : hostileJson()));
  const query = fc.oneof(
    input.map(([op, text]) => [op, `input=${percentEncode(text)}`] as const),
    fc
      .tuple(
        fc.constantFrom(...ops),
        fc.array(fc.tuple(hostileKey(['status', 'limit', 'invoiceId']), hostileString), { maxLength: 6 }),
      )
      .map(
        ([op, pairs]) =>
          [op, pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')] as const,
      ),
  );
  const common = fc.record({
    base: fc.constantFrom(server.url, server.nodeRestUrl),
    caller: fc.constantFrom(...CALLERS),
    key: fc.option(fc.stringMatching(/^[\x21-\x7e]{1,80}$/), { nil: undefined }),
    type: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
    ),
  });
  const post = fc.tuple(common, input).map(([c, [op, text]]) => ({
    url: `${c.base}/api/ops/${encodeURIComponent(op)}`,
    method: 'POST',
    headers: {
      'content-type': c.type,
      ...authorization(server, c.caller),
      ...(c.key ? { 'idempotency-key': c.key } : {}),
    },
    body: text,
    label: `POST ${op} as ${c.caller}`,
  }));
  const get = fc.tuple(common, query).map(([c, [op, text]]) => ({
    url: `${c.base}/api/ops/${encodeURIComponent(op)}?${text}`,
    method: 'GET',
    headers: authorization(server, c.caller),
    label: `GET ${op} as ${c.caller}`,
  }));
  return fc.oneof({ weight: 3, arbitrary: post }, { weight: 1, arbitrary: get });
}

describe('REST: hostile input to the billing app', () => {
  it('never answers 5xx, never crashes, leaks nothing, keeps prototypes, bounded time and heap', {
    timeout: 600_000,
  }, async () => {
    const report = await fuzz({
      requests: restRequests(),
      cases: scaled(10_000, 100_000),
      secrets: server.secrets,
      check: (answer) => checkErrorBody(answer),
    });
    const { figure, pass } = verdict(report);
    recordFigure({
      section: 'bad-input',
      scenario: 'REST fuzz (route + node handler)',
      runs: report.cases,
      figure,
      pass,
    });
    console.log('statuses', JSON.stringify(report.statuses));
    expect(report.problems, report.failure).toEqual([]);
    expect(report.failure).toBeUndefined();
    expect(pass).toBe(true);
  });
});
