import { PassThrough } from 'node:stream';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { afterEach, describe, expect, it } from 'vitest';
import { defineCommand, installOp, SpecRegistry } from '../../index.js';
import { type StdioServer, serveStdio } from './stdio.js';

const Empty = new SchemaModel({ name: 'Empty', fields: {} });
const Done = new SchemaModel({
  name: 'Done',
  fields: { aborted: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});
const Wait = defineCommand({
  meta: {
    name: 'ops.wait',
    version: 1,
    description: 'Waits until cancelled',
    owners: ['t'],
    stability: 'stable',
  },
  io: { input: Empty, output: Done },
  policy: { auth: 'anonymous' },
});

/** serveStdio over in-memory pipes: write lines in, read reply lines out. */
async function start(registry: SpecRegistry, errors: Error[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const replies: unknown[] = [];
  let buffered = '';
  stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      replies.push(JSON.parse(buffered.slice(0, at)));
      buffered = buffered.slice(at + 1);
    }
  });
  const server = await serveStdio(registry, () => ({ actor: 'anonymous' }), {
    stdin,
    stdout,
    onError: (error) => errors.push(error),
  });
  const send = (message: unknown) =>
    stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  const until = async (predicate: () => boolean) => {
    for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  };
  return { server, send, replies, until };
}

describe('serveStdio', () => {
  let server: StdioServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it("aborts the call's ctx.signal on notifications/cancelled and sends no reply for it", async () => {
    const registry = new SpecRegistry({ tracer: false });
    const seen: boolean[] = [];
    installOp(registry, Wait, (_input, ctx) => {
      return new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          seen.push(true);
          resolve({ aborted: true });
        });
      });
    });
    const io = await start(registry);
    server = io.server;
    io.send({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'ops_wait', arguments: {} } });
    io.send({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await io.until(() => io.replies.length > 0);
    io.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, reason: 'user' } });
    await io.until(() => seen.length > 0);
    io.send({ jsonrpc: '2.0', id: 3, method: 'ping' });
    await io.until(() => io.replies.length > 1);
    await new Promise((r) => setTimeout(r, 50)); // room for a reply to id 1, which must not come
    expect(seen).toEqual([true]);
    expect(io.replies).toEqual([
      { jsonrpc: '2.0', id: 2, result: {} },
      { jsonrpc: '2.0', id: 3, result: {} },
    ]);
  });

  it('reports a malformed line and keeps serving', async () => {
    const errors: Error[] = [];
    const io = await start(new SpecRegistry({ tracer: false }), errors);
    server = io.server;
    io.send('{not json');
    io.send({ jsonrpc: '2.0', id: 'a', method: 'ping' });
    await io.until(() => io.replies.length > 0);
    expect(errors).toHaveLength(1);
    expect(io.replies).toEqual([{ jsonrpc: '2.0', id: 'a', result: {} }]);
  });
});
