import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore, inFlightError, mismatchError } from './idempotency.js';

const answer = { status: 200, body: '{"id":"pi_1"}', headers: {}, requestId: 'req_1' };

describe('IdempotencyStore', () => {
  it('runs the first request, then replays its saved answer for the same fingerprint', () => {
    const store = new IdempotencyStore(() => 0);
    const first = store.claim('k', 'POST /v1/payment_intents {a}');
    expect(first.kind).toBe('new');
    if (first.kind === 'new') first.finish(answer);
    expect(store.claim('k', 'POST /v1/payment_intents {a}')).toEqual({ kind: 'replay', answer });
  });

  it('reports other parameters as a mismatch and a running first request as in flight', () => {
    const store = new IdempotencyStore(() => 0);
    const first = store.claim('k', 'A');
    expect(store.claim('k', 'A').kind).toBe('in-flight');
    expect(store.claim('k', 'B').kind).toBe('mismatch');
    if (first.kind === 'new') first.finish(answer);
    expect(store.claim('k', 'B').kind).toBe('mismatch');
  });

  it('releases the key when the first request saved nothing (validation failure)', () => {
    const store = new IdempotencyStore(() => 0);
    const first = store.claim('k', 'A');
    if (first.kind === 'new') first.finish(undefined);
    expect(store.claim('k', 'B').kind).toBe('new');
  });

  it('forgets keys after 24 hours of its clock', () => {
    let now = 1_000;
    const store = new IdempotencyStore(() => now);
    const first = store.claim('k', 'A');
    if (first.kind === 'new') first.finish(answer);
    now += IDEMPOTENCY_TTL_MS - 1;
    expect(store.claim('k', 'B').kind).toBe('mismatch');
    now += 1;
    expect(store.claim('k', 'B').kind).toBe('new');
  });

  it('answers Stripe-shaped errors', () => {
    expect(mismatchError('k').status).toBe(400);
    expect(mismatchError('k').body).toMatchObject({ type: 'idempotency_error' });
    expect(inFlightError('k').status).toBe(409);
    expect(inFlightError('k').body).toMatchObject({
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
    });
  });
});
