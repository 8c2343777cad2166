// A client that goes away aborts `ctx.signal` on every adapter (node:http and Fetch), and a handler
// that never reads the signal pays nothing for it.
import { connect } from 'node:net';
import { defineCommand, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { makeFetchHandler } from '@lssm/lib.contracts/server/rest-fetch';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { contextFrom, startServer } from './helpers.js';

const Empty = new SchemaModel({ name: 'AbortEmpty', fields: {} });
const Waited = new SchemaModel({
  name: 'AbortResult',
  fields: { aborted: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});
const Wait = defineCommand({
  meta: {
    name: 'test.waitForClient',
    version: 1,
    description: 'Waits until the client leaves',
    owners: ['t'],
    stability: 'stable',
  },
  io: { input: Empty, output: Waited },
  policy: { auth: 'user' },
});

function registryWith(seen: { aborted?: boolean }): SpecRegistry {
  const registry = new SpecRegistry({ tracer: false });
  installOp(registry, Wait, (_input, ctx) => {
    const signal = ctx.signal;
    return new Promise((resolve) => {
      const done = () => {
        seen.aborted = signal.aborted;
        resolve({ aborted: signal.aborted });
      };
      signal.addEventListener('abort', done, { once: true });
      setTimeout(done, 2_000);
    });
  });
  return registry;
}

describe('client disconnects', () => {
  it('node:http: closing the connection aborts the handler signal', async () => {
    const seen: { aborted?: boolean } = {};
    const server = await startServer(registryWith(seen));
    try {
      const socket = connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(
        'POST /api/ops/test.waitForClient HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer alice\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await expect.poll(() => seen.aborted, { timeout: 1_500 }).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('Fetch: an aborted request signal aborts the handler signal', async () => {
    const seen: { aborted?: boolean } = {};
    const handler = makeFetchHandler(registryWith(seen), (req) =>
      contextFrom(req.headers.get('authorization')),
    );
    const client = new AbortController();
    const request = new Request('http://x/api/ops/test.waitForClient', {
      method: 'POST',
      headers: { authorization: 'Bearer alice', 'content-type': 'application/json' },
      body: '{}',
      signal: client.signal,
    });
    const answer = handler(request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.abort();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ aborted: true });
    expect(seen.aborted).toBe(true);
  });
});
