import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { SpecRegistry } from '../../index.js';
import { makeWebhookHandler } from './handler.js';
import { toNodeListener } from './node.js';
import { standardWebhooksVerifier } from './standard-webhooks.js';
import type { WebhookOutcome } from './types.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(outcomes: WebhookOutcome[]): Promise<string> {
  const handler = makeWebhookHandler(new SpecRegistry({ tracer: false }), {
    verifier: standardWebhooksVerifier({ source: 'acme', secret }),
    routes: {},
    bodyLimit: 64 * 1024,
    onOutcome: (o) => outcomes.push(o),
  });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}/webhooks`;
}

function signedHeaders(body: string): Record<string, string> {
  const at = new Date();
  return {
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign('msg_1', at, body),
  };
}

describe('toNodeListener', () => {
  it('hands the body over byte for byte (signatures cover the raw bytes, whitespace and all)', async () => {
    const outcomes: WebhookOutcome[] = [];
    const url = await serve(outcomes);
    const body = '{\r\n  "type" : "ping",\t"data": {"name": "Zoë 🚀", "n": 1.50}\n}\n';
    const response = await fetch(url, { method: 'POST', headers: signedHeaders(body), body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: 'ignored' });
    expect(outcomes[0]).toMatchObject({ eventId: 'msg_1', eventType: 'ping' });
  });

  it('answers 405 to GET and 413 past the limit, closing a connection whose body was left unread', async () => {
    const url = await serve([]);
    expect((await fetch(url)).status).toBe(405);
    const chunks = async function* () {
      for (let i = 0; i < 200; i++) yield new Uint8Array(1024).fill(32);
    };
    const big = await fetch(url, {
      method: 'POST',
      body: ReadableStream.from(chunks()),
      duplex: 'half',
    } as RequestInit);
    expect(big.status).toBe(413);
    expect(big.headers.get('connection')).toBe('close');
  });
});
