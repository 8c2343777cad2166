import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeRequest } from './node-request.js';

type Seen = { method: string; path: string; query: string; header: string | undefined; client: string };

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Serves one request, handing it to `look`, and sends `init` from a real client. */
async function serve(
  look: (request: NodeRequest, req: IncomingMessage, res: ServerResponse) => Promise<unknown> | unknown,
  init: { method: string; path: string; headers?: Record<string, string | string[]>; body?: string },
): Promise<unknown> {
  let seen: unknown;
  const server = createServer(async (req, res) => {
    seen = await look(new NodeRequest(req, res), req, res);
    if (!res.headersSent) res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const client = httpRequest(
      { host: '127.0.0.1', port, method: init.method, path: init.path, headers: init.headers },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    client.on('error', reject);
    client.end(init.body);
  });
  return seen;
}

describe('NodeRequest', () => {
  it('reads the method, path, query, headers and client address of a node:http request', async () => {
    const seen = (await serve(
      (r): Seen => ({
        method: r.method,
        path: r.path,
        query: r.query.get('input') ?? '',
        header: r.header('x-many'),
        client: r.clientKey,
      }),
      { method: 'get', path: '/api/ops/a.b?input=%7B%7D', headers: { 'x-many': ['1', '2'] } },
    )) as Seen;
    expect(seen).toEqual({
      method: 'GET',
      path: '/api/ops/a.b',
      query: '{}',
      header: '1, 2',
      client: '127.0.0.1',
    });
  });

  it('reads the body under a limit, and reports a larger one without buffering it', async () => {
    const small = await serve((r) => r.readBody(10), { method: 'POST', path: '/', body: '{"a":1}' });
    expect(small).toEqual({ kind: 'text', text: '{"a":1}' });
    const large = await serve((r) => r.readBody(4), { method: 'POST', path: '/', body: '{"a":12345}' });
    expect(large).toEqual({ kind: 'too-large' });
    const received: unknown[] = [];
    const into = await serve(
      (r) =>
        new Promise((resolve) => r.readBodyInto(10, { bodyRead: (body) => resolve(received.push(body)) })),
      { method: 'POST', path: '/', body: '{"b":2}' },
    );
    expect([into, received]).toEqual([1, [{ kind: 'text', text: '{"b":2}' }]]);
  });

  it('gives a client-gone signal only when asked, not aborted once the answer is written', async () => {
    const signal = await serve(
      (r, _req, res) => {
        const s = r.clientSignal();
        res.end('done');
        return new Promise((resolve) => res.on('close', () => resolve(s.aborted)));
      },
      { method: 'GET', path: '/' },
    );
    expect(signal).toBe(false);
  });
});
