import { SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineQuery } from '../spec/operation.js';
import type { Stability } from '../spec/types.js';
import { installOp, isExposed, SpecRegistry } from './registry.js';

const Empty = new SchemaModel({ name: 'Empty', fields: {} });

function op(
  name: string,
  version: number,
  stability: Stability = 'stable',
  extra: Record<string, unknown> = {},
) {
  return defineQuery({
    meta: { name, version, description: `${name} v${version}`, owners: ['team'], stability },
    io: { input: Empty, output: Empty },
    policy: { auth: 'anonymous' },
    ...extra,
  });
}

const handler = async () => ({});

describe('SpecRegistry', () => {
  it('finds operations by exact name, never by prefix', () => {
    const registry = new SpecRegistry();
    installOp(registry, op('billing.capturePayment', 1), handler);
    expect(registry.resolve('billing.capturePayment')?.spec.meta.version).toBe(1);
    expect(registry.resolve('billing.capture')).toBeUndefined();
    expect(registry.resolve('billing.capturePaymentX')).toBeUndefined();
    expect(registry.resolve('billing')).toBeUndefined();
    expect(registry.resolve('__proto__')).toBeUndefined();
    expect(registry.resolve('constructor')).toBeUndefined();
  });

  it('serves several versions side by side; unversioned lookups get the latest stable', () => {
    const registry = new SpecRegistry();
    installOp(registry, op('a.b', 1), handler);
    installOp(registry, op('a.b', 2), handler);
    installOp(registry, op('a.b', 3, 'beta'), handler);
    expect(registry.resolve('a.b')?.spec.meta.version).toBe(2);
    expect(registry.resolve('a.b', 3)?.spec.meta.version).toBe(3);
    expect(registry.resolve('a.b', 1)?.spec.meta.version).toBe(1);
    expect(registry.resolve('a.b', 4)).toBeUndefined();
    expect(registry.list().map((o) => o.spec.meta.version)).toEqual([1, 2, 3]);
  });

  it.each([
    [['deprecated', 'beta'], 1],
    [['beta', 'experimental'], 1],
    [['experimental', 'experimental'], 2],
    [['stable', 'deprecated'], 1],
  ] as const)('prefers stable, then deprecated, beta, experimental: %j -> v%i', (stabilities, expected) => {
    const registry = new SpecRegistry();
    for (const [i, stability] of stabilities.entries())
      installOp(registry, op('a.b', i + 1, stability), handler);
    expect(registry.resolve('a.b')?.spec.meta.version).toBe(expected);
  });

  it('rejects a duplicate name and version', () => {
    const registry = new SpecRegistry();
    installOp(registry, op('a.b', 1), handler);
    expect(() => installOp(registry, op('a.b', 1), handler)).toThrow(/a.b v1 is already registered/);
  });

  it('reports specs without handlers and rules without resolvers', () => {
    const registry = new SpecRegistry();
    const pay = defineCommand({
      meta: { name: 'billing.pay', version: 1, description: 'Pay', owners: ['team'], stability: 'stable' },
      io: { input: Empty, output: Empty },
      policy: { auth: 'user', rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }] },
    });
    registry.register(pay);
    expect(registry.problems()).toEqual([
      { operation: 'billing.pay v1', problem: 'no handler installed; calls fail with UNAVAILABLE' },
      { operation: 'billing.pay v1', problem: 'no resolver for resource "invoice"; every call is denied' },
    ]);
    installOp(registry, pay, handler);
    registry.resources.register('invoice', () => null);
    expect(registry.problems()).toEqual([]);
  });

  it('bumps its revision on every change', () => {
    const registry = new SpecRegistry();
    const before = registry.revision;
    installOp(registry, op('a.b', 1), handler);
    registry.configure({ handlerTimeoutMs: 5 });
    expect(registry.revision).toBe(before + 2);
    expect(registry.runtime.handlerTimeoutMs).toBe(5);
  });

  it('rejects things that are not specs or handlers', () => {
    const registry = new SpecRegistry();
    expect(() => registry.register({} as never)).toThrow(/defineCommand or defineQuery/);
    expect(() => registry.install(op('a.b', 1), 'nope' as never)).toThrow(/handler must be a function/);
  });
});

describe('isExposed', () => {
  it('keeps experimental operations off public transports unless exposed explicitly', () => {
    const experimental = op('a.b', 1, 'experimental');
    expect(isExposed(experimental, 'rest')).toBe(false);
    expect(isExposed(experimental, 'mcp')).toBe(false);
    expect(isExposed(experimental, 'internal')).toBe(true);
    const exposed = op('a.c', 1, 'experimental', { exposure: { rest: true } });
    expect(isExposed(exposed, 'rest')).toBe(true);
    expect(isExposed(exposed, 'graphql')).toBe(false);
    const hidden = op('a.d', 1, 'stable', { exposure: { mcp: false } });
    expect(isExposed(hidden, 'mcp')).toBe(false);
    expect(isExposed(hidden, 'rest')).toBe(true);
  });
});
