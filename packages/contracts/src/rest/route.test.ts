import { describe, expect, it } from 'vitest';
import { normaliseBasePath, parseRoute } from './route.js';

describe('parseRoute', () => {
  it.each([
    [
      '/api/ops/billing.capturePayment',
      { kind: 'operation', name: 'billing.capturePayment', version: undefined },
    ],
    ['/api/ops/billing.capturePayment/v1', { kind: 'operation', name: 'billing.capturePayment', version: 1 }],
    [
      '/api/ops/billing.capturePayment/v12',
      { kind: 'operation', name: 'billing.capturePayment', version: 12 },
    ],
    ['/api/ops/openapi.json', { kind: 'openapi' }],
    ['/api/ops/docs', { kind: 'docs' }],
    ['/api/ops/docs/assets/swagger-ui.css', { kind: 'docs-asset', file: 'swagger-ui.css' }],
    ['/api/ops/billing.capturePayment/v0', { kind: 'none' }],
    ['/api/ops/billing.capturePayment/1', { kind: 'none' }],
    ['/api/ops/billing.capturePayment/v1/x', { kind: 'none' }],
    ['/api/ops/billing', { kind: 'none' }],
    ['/api/ops/billing.capture-payment', { kind: 'none' }],
    ['/api/ops/', { kind: 'none' }],
    ['/api/ops', { kind: 'none' }],
    ['/api/opsx/billing.pay', { kind: 'none' }],
    ['/other/billing.pay', { kind: 'none' }],
    ['/api/ops/docs/assets/../package.json', { kind: 'none' }],
    ['/api/ops/__proto__', { kind: 'none' }],
  ])('%s', (path, expected) => {
    expect(parseRoute(path, '/api/ops')).toEqual(expected);
  });

  it('normalises base paths', () => {
    expect(normaliseBasePath('/api/ops/')).toBe('/api/ops');
    expect(normaliseBasePath('api')).toBe('/api');
    expect(normaliseBasePath('/')).toBe('');
    expect(parseRoute('/billing.pay', '')).toEqual({
      kind: 'operation',
      name: 'billing.pay',
      version: undefined,
    });
  });
});

describe('parseRoute cache', () => {
  it('answers a repeated path with the same frozen route, and stays correct after more paths than it keeps', () => {
    const first = parseRoute('/cached/billing.capturePayment', '/cached');
    expect(parseRoute('/cached/billing.capturePayment', '/cached')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    for (let i = 0; i < 2_000; i++) parseRoute(`/cached/a.b${i}`, '/cached');
    expect(parseRoute('/cached/a.b1999', '/cached')).toEqual({
      kind: 'operation',
      name: 'a.b1999',
      version: undefined,
    });
    expect(parseRoute('/cached/billing.capturePayment', '/cached')).toEqual(first);
    expect(parseRoute('/cached/billing.capturePayment', '/elsewhere')).toEqual({ kind: 'none' });
  });
});
