import { describe, expect, it } from 'vitest';
import { type BodyRead, type BodyReceiver, installOp, SpecRegistry } from '../../index.js';
import { alice, PayInvoice, valid } from '../../runtime/execute.fixture.js';
import { McpDispatcher } from './dispatch.js';
import { answerMcpHttp, handleMcpHttp, type McpHttpAnswer, type McpHttpRequest } from './http.js';

function dispatcher(): McpDispatcher {
  const registry = new SpecRegistry();
  installOp(registry, PayInvoice, async () => ({ status: 'paid' }));
  return new McpDispatcher(registry);
}

/** A POST whose body arrives through `readBodyInto` (later), as the node adapter delivers it. */
function post(body: BodyRead | string, method = 'POST'): McpHttpRequest {
  const read: BodyRead = typeof body === 'string' ? { kind: 'text', text: body } : body;
  return {
    method,
    header: (name) => (name === 'content-type' ? 'application/json' : undefined),
    readBody: () => Promise.resolve(read),
    readBodyInto: (_limit: number, receiver: BodyReceiver) => queueMicrotask(() => receiver.bodyRead(read)),
  };
}

const call = (id: number, args: unknown = valid) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'billing_pay', arguments: args },
  });

/** Runs `answerMcpHttp` and collects every answer it hands over, waiting for the pipeline. */
async function answers(request: McpHttpRequest): Promise<McpHttpAnswer[]> {
  const got: McpHttpAnswer[] = [];
  answerMcpHttp(dispatcher(), request, () => alice, {}, { respond: (a) => got.push(a) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return got;
}

describe('answerMcpHttp', () => {
  it('hands over exactly one answer, whether it is known at once or after the pipeline', async () => {
    const paid = await answers(post(call(1)));
    expect(paid.map((a) => [a.status, JSON.parse(a.body).result.structuredContent])).toEqual([
      [200, { status: 'paid' }],
    ]);
    const invalid = await answers(post(call(2, { amount: -1 })));
    expect(invalid.map((a) => [a.status, JSON.parse(a.body).result.isError])).toEqual([[200, true]]);
    const wrongMethod = await answers(post('', 'GET'));
    expect(wrongMethod.map((a) => [a.status, a.headers.allow])).toEqual([[405, 'POST']]);
    const notification = await answers(post('{"jsonrpc":"2.0","method":"notifications/initialized"}'));
    expect(notification.map((a) => [a.status, a.body])).toEqual([[202, '']]);
    const broken = await answers(post('{'));
    expect(broken.map((a) => [a.status, JSON.parse(a.body).error.code])).toEqual([[400, -32700]]);
    const tooLarge = await answers(post({ kind: 'too-large' }));
    expect(tooLarge.map((a) => a.status)).toEqual([413]);
  });

  it('answers a batch with the replies of its requests only, as handleMcpHttp does', async () => {
    const batch = `[${call(1)},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"ping"}]`;
    const [answer] = await answers(post(batch));
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body ?? '').map((r: { id: number }) => r.id)).toEqual([1, 2]);
    const promised = await handleMcpHttp(dispatcher(), post(batch), () => alice);
    expect(promised.body).toBe(answer?.body);
  });
});
