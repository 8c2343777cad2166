import { describe, expect, it } from 'vitest';
import { installOp, SpecRegistry } from '../registry/registry.js';
import { alice, PayInvoice, valid } from '../runtime/execute.fixture.js';
import { answerRest } from './handle.js';
import type { BodyRead, BodyReceiver, RestRequest, RestResponse } from './types.js';

function registry(): SpecRegistry {
  const r = new SpecRegistry();
  installOp(r, PayInvoice, async () => ({ status: 'paid' }));
  return r;
}

/** A request whose body arrives through `readBodyInto`, as the node adapter delivers it. */
function request(method: string, path: string, body: string): RestRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  return {
    method,
    path,
    query: new URLSearchParams(),
    header: (name) => headers[name],
    readBody: () => Promise.resolve<BodyRead>({ kind: 'text', text: body }),
    readBodyInto: (_limit: number, receiver: BodyReceiver) => {
      queueMicrotask(() => receiver.bodyRead({ kind: 'text', text: body }));
    },
  };
}

/** Runs `answerRest` and collects every response it hands over, waiting for the pipeline. */
async function answers(req: RestRequest): Promise<RestResponse[]> {
  const got: RestResponse[] = [];
  answerRest(registry(), req, () => alice, {}, { respond: (r) => got.push(r) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return got;
}

describe('answerRest', () => {
  it('hands over exactly one response, whether it is known at once or after the pipeline', async () => {
    const missing = await answers(request('POST', '/elsewhere', '{}'));
    expect(missing.map((r) => r.status)).toEqual([404]);
    const paid = await answers(request('POST', '/api/ops/billing.pay', JSON.stringify(valid)));
    expect(paid.map((r) => [r.status, r.body])).toEqual([[200, '{"status":"paid"}']]);
    const invalid = await answers(request('POST', '/api/ops/billing.pay', '{"amount":-1}'));
    expect(invalid.map((r) => r.status)).toEqual([400]);
    const broken = await answers(request('POST', '/api/ops/billing.pay', '{'));
    expect(broken.map((r) => r.status)).toEqual([400]);
    const wrongMethod = await answers(request('GET', '/api/ops/billing.pay', ''));
    expect(wrongMethod.map((r) => [r.status, r.headers.allow])).toEqual([[405, 'POST']]);
  });
});
