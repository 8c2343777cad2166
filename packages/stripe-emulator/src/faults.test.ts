import { describe, expect, it } from 'vitest';
import { FaultTable } from './faults.js';

describe('FaultTable', () => {
  it('applies a fault once by default, only to matching method and path', () => {
    const faults = new FaultTable();
    faults.inject({ path: '/v1/payment_intents', method: 'post', status: 500 });
    expect(faults.take('GET', '/v1/payment_intents')).toBeUndefined();
    expect(faults.take('POST', '/v1/charges')).toBeUndefined();
    expect(faults.take('POST', '/v1/payment_intents')).toMatchObject({ status: 500 });
    expect(faults.take('POST', '/v1/payment_intents')).toBeUndefined();
    expect(faults.active()).toEqual([]);
  });

  it('matches * segments and regular expressions, N times, in injection order', () => {
    const faults = new FaultTable();
    const confirm = faults.inject({ path: '/v1/payment_intents/*/confirm', delayMs: 5, times: 2 });
    faults.inject({ path: /^\/v1\/charges/, status: 503 });
    expect(faults.take('POST', '/v1/payment_intents/pi_1/confirm')).toMatchObject({ delayMs: 5 });
    expect(confirm.remaining()).toBe(1);
    expect(faults.take('POST', '/v1/payment_intents/pi_1')).toBeUndefined();
    expect(faults.take('GET', '/v1/charges/ch_1')).toMatchObject({ status: 503 });
    expect(faults.take('POST', '/v1/payment_intents/pi_2/confirm')).toMatchObject({ delayMs: 5 });
    expect(faults.take('POST', '/v1/payment_intents/pi_3/confirm')).toBeUndefined();
  });

  it('can cancel one fault or clear them all', () => {
    const faults = new FaultTable();
    const handle = faults.inject({ status: 500, times: Number.POSITIVE_INFINITY });
    faults.inject({ status: 502 });
    handle.cancel();
    expect(faults.take('GET', '/v1/x')).toMatchObject({ status: 502 });
    faults.inject({ status: 500 });
    faults.clear();
    expect(faults.take('GET', '/v1/x')).toBeUndefined();
  });
});
