import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../index.js';
import { standardWebhooksVerifier } from './standard-webhooks.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const now = new Date();
const nowSeconds = Math.floor(now.getTime() / 1000);
const body = JSON.stringify({ type: 'invoice.paid', timestamp: now.toISOString(), data: { id: 'inv_1' } });

function headers(options: { id?: string; at?: number; key?: string; payload?: string } = {}): Headers {
  const id = options.id ?? 'msg_1';
  const at = options.at ?? nowSeconds;
  return new Headers({
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': new Webhook(options.key ?? secret).sign(
      id,
      new Date(at * 1000),
      options.payload ?? body,
    ),
  });
}

async function verdict(h: Headers, payload = body, keys: string | string[] = secret) {
  try {
    const verifier = standardWebhooksVerifier({ source: 'acme', secret: keys });
    return await verifier.verify({ body: payload, headers: h, now, toleranceSeconds: 300 });
  } catch (error) {
    if (ContractError.is(error)) return error.code;
    throw error;
  }
}

describe('standardWebhooksVerifier', () => {
  it('accepts a delivery signed by the reference library: id from webhook-id, type from the body', async () => {
    expect(await verdict(headers())).toEqual({
      source: 'acme',
      id: 'msg_1',
      type: 'invoice.paid',
      timestamp: new Date(nowSeconds * 1000),
      event: JSON.parse(body),
    });
  });

  it('refuses a wrong secret, an altered body, another id and missing headers', async () => {
    expect(await verdict(headers({ key: `whsec_${randomBytes(24).toString('base64')}` }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await verdict(headers(), body.replace('inv_1', 'inv_2'))).toBe('UNAUTHENTICATED');
    const renamed = headers();
    renamed.set('webhook-id', 'msg_2');
    expect(await verdict(renamed)).toBe('UNAUTHENTICATED');
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const missing = headers();
      missing.delete(name);
      expect(await verdict(missing)).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a re-dated delivery (the timestamp is signed)', async () => {
    const redated = headers();
    redated.set('webhook-timestamp', String(nowSeconds - 10));
    expect(await verdict(redated)).toBe('UNAUTHENTICATED');
  });

  it('refuses timestamps outside the window on both sides', async () => {
    expect(await verdict(headers({ at: nowSeconds - 301 }))).toBe('UNAUTHENTICATED');
    expect(await verdict(headers({ at: nowSeconds + 301 }))).toBe('UNAUTHENTICATED');
    expect(await verdict(headers({ at: nowSeconds + 299 }))).toMatchObject({ id: 'msg_1' });
  });

  it('accepts any of several signatures, and any of several secrets (rotation)', async () => {
    const old = `whsec_${randomBytes(24).toString('base64')}`;
    const both = headers();
    both.set('webhook-signature', `v1,bm90IGEgc2lnbmF0dXJl ${both.get('webhook-signature')}`);
    expect(await verdict(both)).toMatchObject({ id: 'msg_1' });
    expect(await verdict(headers({ key: old }), body, [secret, old])).toMatchObject({ id: 'msg_1' });
    expect(await verdict(headers({ key: old }), body, [secret])).toBe('UNAUTHENTICATED');
  });

  it('refuses a signed body that is not JSON or has no type with INVALID_INPUT', async () => {
    for (const payload of ['not json', '[]', '{"data":{}}', '{"type":1}']) {
      expect(await verdict(headers({ payload }), payload)).toBe('INVALID_INPUT');
    }
  });

  it('needs a secret', () => {
    expect(() => standardWebhooksVerifier({ source: 'acme', secret: [] })).toThrow(TypeError);
    expect(() => standardWebhooksVerifier({ source: 'acme', secret: '' })).toThrow(TypeError);
  });
});
