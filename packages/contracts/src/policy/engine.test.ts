import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_CONDITIONS, defineCondition } from './conditions.js';
import { authenticate, authorize } from './engine.js';
import { type ResourceResolver, ResourceResolvers } from './resources.js';
import type { ConditionRef, Decision, Identity, PolicyRule, PolicySpec } from './types.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const ANON: Identity = { actor: 'anonymous' };
const ALICE: Identity = { actor: 'user', userId: 'alice', tenantId: 't1' };
const BOB: Identity = { actor: 'user', userId: 'bob', tenantId: 't1' };
const MALLORY: Identity = { actor: 'user', userId: 'mallory', tenantId: 't2' };
const ADMIN_BY_ACTOR: Identity = { actor: 'admin', userId: 'root', tenantId: 't1' };
const ADMIN_BY_ROLE: Identity = { actor: 'user', userId: 'ops', tenantId: 't1', roles: ['admin'] };
const SUPPORT: Identity = { actor: 'user', userId: 'sam', tenantId: 't1', roles: ['support'] };

/** Alice's invoice in tenant t1. */
const INVOICE = Object.freeze({ id: 'inv_1', tenantId: 't1', ownerId: 'alice', status: 'open' });

function resolvers(map: Record<string, ResourceResolver>): ResourceResolvers {
  const registry = new ResourceResolvers();
  for (const [type, resolver] of Object.entries(map)) registry.register(type, resolver);
  return registry;
}

const invoiceResolvers = () => resolvers({ invoice: () => INVOICE });

function rule(condition: ConditionRef, action = 'pay', resource = 'invoice'): PolicyRule {
  return { resource, action, condition };
}

function policy(rules: PolicyRule[], extra: Partial<PolicySpec> = {}): PolicySpec {
  return { auth: 'user', rules, ...extra };
}

/** Runs `authorize` for one context and returns only its decision. */
async function decide(
  rules: PolicyRule[],
  ctx: Identity = ALICE,
  options: { resolvers?: ResourceResolvers; hideExistence?: boolean; input?: unknown } = {},
): Promise<Decision> {
  const authz = await authorize(
    policy(rules, options.hideExistence === undefined ? {} : { hideExistence: options.hideExistence }),
    {
      ctx,
      input: options.input ?? { invoiceId: 'inv_1' },
      resolvers: options.resolvers ?? invoiceResolvers(),
    },
  );
  return authz.decision;
}

/** A denial: carries the rule label, a non-empty reason and a code. */
function expectDenied(decision: Decision, rule: string, reason: RegExp, code = 'FORBIDDEN'): void {
  expect(decision.allowed).toBe(false);
  expect(decision.rule).toBe(rule);
  expect(decision.reason).toMatch(reason);
  expect(decision.code).toBe(code);
}

// ---------------------------------------------------------------------------------------------
// authenticate
// ---------------------------------------------------------------------------------------------

type Outcome = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN';

describe('authenticate', () => {
  //            context                                                  anonymous user               admin              support
  const table: Array<[string, Identity, Outcome, Outcome, Outcome, Outcome]> = [
    ['anonymous', ANON, 'allow', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['empty context', {}, 'allow', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    ['user', ALICE, 'allow', 'allow', 'FORBIDDEN', 'FORBIDDEN'],
    [
      'user, userId undefined',
      { actor: 'user', userId: undefined },
      'allow',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ],
    [
      'user, userId null',
      { actor: 'user', userId: null },
      'allow',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ],
    [
      "user, userId ''",
      { actor: 'user', userId: '' },
      'allow',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ],
    ['admin by actor', ADMIN_BY_ACTOR, 'allow', 'allow', 'allow', 'FORBIDDEN'],
    ['admin by role', ADMIN_BY_ROLE, 'allow', 'allow', 'allow', 'FORBIDDEN'],
    [
      'admin actor without userId',
      { actor: 'admin', userId: null },
      'allow',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ],
    [
      "admin role with userId ''",
      { actor: 'user', userId: '', roles: ['admin', 'support'] },
      'allow',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ],
    ['support role', SUPPORT, 'allow', 'allow', 'FORBIDDEN', 'allow'],
    [
      'roles as a string (malformed context)',
      { actor: 'user', userId: 'eve', roles: 'superadmin, supporter' as unknown as string[] },
      'allow',
      'allow',
      'FORBIDDEN',
      'FORBIDDEN',
    ],
  ];
  const levels = ['anonymous', 'user', 'admin', 'support'] as const;
  const cases = table.flatMap(([label, ctx, ...outcomes]) =>
    levels.map((auth, i) => ({ label, ctx, auth, expected: outcomes[i] as Outcome })),
  );

  it.each(cases)('$label calling auth $auth → $expected', ({ ctx, auth, expected }) => {
    const decision = authenticate({ auth }, ctx);
    expect(decision.rule).toBe('auth');
    expect(decision.reason).not.toBe('');
    if (expected === 'allow') {
      expect(decision.allowed).toBe(true);
      expect(decision.code).toBeUndefined();
    } else {
      expect(decision.allowed).toBe(false);
      expect(decision.code).toBe(expected);
    }
  });

  const noAuth: Array<[string, unknown]> = [
    ['no policy', undefined],
    ['an empty policy', {}],
    ["auth ''", { auth: '' }],
    ['auth null', { auth: null }],
    ['auth 42', { auth: 42 }],
    ['auth as a list', { auth: ['user'] }],
  ];
  describe.each(noAuth)('deny by default: %s', (_label, bad) => {
    it.each([ANON, ALICE, ADMIN_BY_ACTOR, SUPPORT])('denies %o with FORBIDDEN', (ctx) => {
      const decision = authenticate(bad as PolicySpec, ctx);
      expect(decision).toMatchObject({ allowed: false, rule: 'auth', code: 'FORBIDDEN' });
      expect(decision.reason).toMatch(/no auth level/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// authorize
// ---------------------------------------------------------------------------------------------

describe('authorize: allowing', () => {
  it('allows when every rule holds, and hands the loaded resources back', async () => {
    const authz = await authorize(policy([rule('owner'), rule('sameTenant')]), {
      ctx: ALICE,
      input: { invoiceId: 'inv_1' },
      resolvers: invoiceResolvers(),
    });
    expect(authz.decision).toEqual({ allowed: true, rule: 'rules', reason: '2 rule(s) allow' });
    expect(authz.resources.invoice).toBe(INVOICE);
  });

  it('allows a policy without rules, naming no rule', async () => {
    expect(await decide([])).toEqual({ allowed: true, rule: undefined, reason: 'no resource rules' });
    const authz = await authorize({ auth: 'user' }, { ctx: ALICE, input: {}, resolvers: resolvers({}) });
    expect(authz.decision.allowed).toBe(true);
  });

  it('passes ctx, resource, input and action to conditions, and input, ctx, action to resolvers', async () => {
    const resolver = vi.fn(() => INVOICE);
    const predicate = vi.fn(() => true);
    defineCondition('spyCondition', predicate);
    const input = { invoiceId: 'inv_1' };
    await decide([rule('spyCondition', 'refund')], BOB, {
      resolvers: resolvers({ invoice: resolver }),
      input,
    });
    expect(resolver).toHaveBeenCalledWith({ input, ctx: BOB, action: 'refund' });
    expect(predicate).toHaveBeenCalledWith({ ctx: BOB, resource: INVOICE, input, action: 'refund' });
  });

  it('accepts async conditions that resolve to true', async () => {
    defineCondition('asyncYes', async () => true);
    expect((await decide([rule('asyncYes')])).allowed).toBe(true);
  });
});

describe('authorize: built-in conditions', () => {
  const table: Array<[string, ConditionRef, Identity, unknown, boolean]> = [
    ['owner: the owner', 'owner', ALICE, INVOICE, true],
    ['owner: another user', 'owner', BOB, INVOICE, false],
    ['owner: falls back to userId', 'owner', BOB, { userId: 'bob' }, true],
    ['owner: no owner and no identity (undefined === undefined)', 'owner', ANON, { id: 'x' }, false],
    ["owner: '' owner and '' userId", 'owner', { actor: 'user', userId: '' }, { ownerId: '' }, false],
    ['owner: inherited ownerId does not count', 'owner', ALICE, Object.create({ ownerId: 'alice' }), false],
    ['owner: a non-object resource', 'owner', ALICE, 'alice', false],
    ['sameTenant: same tenant', 'sameTenant', ALICE, INVOICE, true],
    ['sameTenant: other tenant', 'sameTenant', MALLORY, INVOICE, false],
    ['sameTenant: neither has a tenant', 'sameTenant', { actor: 'user', userId: 'u' }, { id: 'x' }, false],
    [
      'sameTenant: both tenants null',
      'sameTenant',
      { userId: 'u', tenantId: null },
      { tenantId: null },
      false,
    ],
    ['admin: admin by actor', 'admin', ADMIN_BY_ACTOR, INVOICE, true],
    ['admin: admin by role', 'admin', ADMIN_BY_ROLE, INVOICE, true],
    ['admin: plain user', 'admin', ALICE, INVOICE, false],
    ['admin: admin actor without identity', 'admin', { actor: 'admin' }, INVOICE, false],
  ];
  it.each(table)('%s', async (_label, condition, ctx, resource, allowed) => {
    const decision = await decide([rule(condition)], ctx, {
      resolvers: resolvers({ invoice: () => resource }),
    });
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expectDenied(decision, 'rules[0] invoice:pay', /does not hold/);
  });
});

describe('authorize: deny by default', () => {
  defineCondition('throws', () => {
    throw new Error('boom');
  });
  defineCondition('rejects', async () => {
    throw new Error('boom');
  });
  defineCondition('saysYes', () => 'yes' as unknown as boolean);
  defineCondition('saysOne', () => 1 as unknown as boolean);
  defineCondition('saysObject', async () => ({}) as unknown as boolean);

  const table: Array<[string, PolicyRule, ResourceResolvers, RegExp]> = [
    [
      'an unknown condition name',
      rule('nope' as ConditionRef),
      invoiceResolvers(),
      /unknown condition "nope"/,
    ],
    ['a condition that throws', rule('throws'), invoiceResolvers(), /condition "throws" failed/],
    ['a condition that rejects', rule('rejects'), invoiceResolvers(), /condition "rejects" failed/],
    ["a condition returning 'yes'", rule('saysYes'), invoiceResolvers(), /condition "saysYes" does not hold/],
    ['a condition returning 1', rule('saysOne'), invoiceResolvers(), /condition "saysOne" does not hold/],
    [
      'a condition resolving to {}',
      rule('saysObject'),
      invoiceResolvers(),
      /condition "saysObject" does not hold/,
    ],
    ['an empty anyOf', rule({ anyOf: [] }), invoiceResolvers(), /malformed condition/],
    ['an empty allOf', rule({ allOf: [] }), invoiceResolvers(), /malformed condition/],
    [
      'a condition of another shape',
      rule({ oneOf: ['owner'] } as unknown as ConditionRef),
      invoiceResolvers(),
      /malformed condition/,
    ],
    ['a null condition', rule(null as unknown as ConditionRef), invoiceResolvers(), /malformed condition/],
  ];

  it.each(table)('%s denies with the rule label and a reason', async (_label, denying, registry, reason) => {
    // The first resolver call loads the resource for rule 0, and rule 2 would allow: only rule 1 can deny.
    const decision = await decide([rule({ anyOf: ['admin', 'sameTenant'] }), denying, rule('owner')], ALICE, {
      resolvers: registry,
    });
    expectDenied(decision, 'rules[1] invoice:pay', reason);
  });

  it.each([
    ['a missing resolver', resolvers({}), /no resolver registered for resource "invoice"/],
    ['a resolver returning null', resolvers({ invoice: () => null }), /invoice not found/],
    ['a resolver resolving to undefined', resolvers({ invoice: async () => undefined }), /invoice not found/],
  ])('%s denies at the first rule that needs the resource', async (_label, registry, reason) => {
    const decision = await decide([rule('owner'), rule('sameTenant')], ALICE, { resolvers: registry });
    expectDenied(decision, 'rules[0] invoice:pay', reason);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'invoice:pay:owner'],
  ])('a malformed rule (%s) denies instead of being skipped', async (_label, bad) => {
    const decision = await decide([rule('owner'), bad as unknown as PolicyRule], ALICE);
    expectDenied(decision, 'rules[1]', /malformed rule/);
  });

  it('denies a non-array rules list', async () => {
    const authz = await authorize({ auth: 'user', rules: { 0: rule('owner') } } as unknown as PolicySpec, {
      ctx: ALICE,
      input: {},
      resolvers: invoiceResolvers(),
    });
    expect(authz.decision).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(authz.decision.reason).toMatch(/rules/);
  });

  it('propagates a throwing resolver (a server fault, not a denial)', async () => {
    const fault = new Error('database is down');
    const broken = resolvers({
      invoice: () => {
        throw fault;
      },
    });
    await expect(decide([rule('owner')], ALICE, { resolvers: broken })).rejects.toBe(fault);
    const rejecting = resolvers({ invoice: () => Promise.reject(fault) });
    await expect(decide([rule('owner')], ALICE, { resolvers: rejecting })).rejects.toBe(fault);
  });

  it('names the first rule that denies, and stops there', async () => {
    const later = vi.fn(() => true);
    defineCondition('laterCondition', later);
    const decision = await decide(
      [rule('sameTenant', 'refund'), rule('owner', 'refund'), rule('laterCondition', 'refund')],
      BOB,
    );
    expectDenied(decision, 'rules[1] invoice:refund', /condition "owner" does not hold/);
    expect(later).not.toHaveBeenCalled();
  });
});

describe('authorize: anyOf / allOf', () => {
  const adminOrOwner: ConditionRef = { anyOf: ['admin', 'owner'] };
  const ownerAndTenant: ConditionRef = { allOf: ['owner', 'sameTenant'] };
  const nested: ConditionRef = { allOf: ['sameTenant', { anyOf: ['admin', 'owner'] }] };
  const table: Array<[string, ConditionRef, Identity, boolean]> = [
    ['anyOf admin|owner: owner', adminOrOwner, ALICE, true],
    ['anyOf admin|owner: admin by actor', adminOrOwner, ADMIN_BY_ACTOR, true],
    ['anyOf admin|owner: admin by role', adminOrOwner, ADMIN_BY_ROLE, true],
    ['anyOf admin|owner: another user', adminOrOwner, BOB, false],
    ['allOf owner&tenant: owner', ownerAndTenant, ALICE, true],
    [
      'allOf owner&tenant: owner moved to another tenant',
      ownerAndTenant,
      { ...ALICE, tenantId: 't2' },
      false,
    ],
    ['allOf owner&tenant: other user, same tenant', ownerAndTenant, BOB, false],
    ['nested: admin of the tenant', nested, ADMIN_BY_ACTOR, true],
    ['nested: admin of another tenant', nested, { ...ADMIN_BY_ACTOR, tenantId: 't2' }, false],
    ['nested: owner', nested, ALICE, true],
    ['nested: other user', nested, BOB, false],
    ['nested: other tenant', nested, MALLORY, false],
  ];
  it.each(table)('%s', async (_label, condition, ctx, allowed) => {
    const decision = await decide([rule(condition)], ctx);
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expectDenied(decision, 'rules[0] invoice:pay', /does not hold/);
  });

  it('explains an anyOf denial with every alternative', async () => {
    const decision = await decide([rule(adminOrOwner)], BOB);
    expect(decision.reason).toBe('none of: condition "admin" does not hold; condition "owner" does not hold');
  });

  it('anyOf tolerates an unknown or failing alternative when another holds; allOf does not', async () => {
    // Not yet defined: an unknown alternative does not hold, the other one still may.
    expect((await decide([rule({ anyOf: ['throws2', 'owner'] })], ALICE)).allowed).toBe(true);
    expect((await decide([rule({ anyOf: ['throws2', 'owner'] })], BOB)).reason).toMatch(
      /unknown condition "throws2"/,
    );
    defineCondition('throws2', () => {
      throw new Error('boom');
    });
    expect((await decide([rule({ anyOf: ['throws2', 'owner'] })])).allowed).toBe(true);
    expect((await decide([rule({ allOf: ['owner', 'throws2'] })])).reason).toBe('condition "throws2" failed');
  });
});

describe('authorize: resource loading', () => {
  it('loads each resource type once per call, however many rules use it', async () => {
    const invoice = vi.fn(() => INVOICE);
    const customer = vi.fn(() => ({ id: 'cus_1', tenantId: 't1', ownerId: 'alice' }));
    const registry = resolvers({ invoice, customer });
    const rules = [
      rule('owner', 'pay'),
      rule('sameTenant', 'pay', 'customer'),
      rule('sameTenant', 'pay'),
      rule({ anyOf: ['admin', 'owner'] }, 'refund'),
      rule('owner', 'pay', 'customer'),
    ];
    const decision = await decide(rules, ALICE, { resolvers: registry });
    expect(decision).toEqual({ allowed: true, rule: 'rules', reason: '5 rule(s) allow' });
    expect(invoice).toHaveBeenCalledTimes(1);
    expect(customer).toHaveBeenCalledTimes(1);

    await decide(rules, ALICE, { resolvers: registry });
    expect(invoice).toHaveBeenCalledTimes(2); // once more for the second call: no cache across calls
  });

  it('remembers a missing resource too (no second lookup)', async () => {
    const invoice = vi.fn(() => null);
    const decision = await decide([rule({ anyOf: ['owner'] }), rule('owner')], ALICE, {
      resolvers: resolvers({ invoice }),
    });
    expectDenied(decision, 'rules[0] invoice:pay', /invoice not found/);
    expect(invoice).toHaveBeenCalledTimes(1);
  });
});

describe('authorize: hideExistence', () => {
  const table: Array<[string, PolicyRule[], Identity, ResourceResolvers, RegExp]> = [
    ['another tenant', [rule('sameTenant')], MALLORY, invoiceResolvers(), /does not hold/],
    ['a missing invoice', [rule('owner')], ALICE, resolvers({ invoice: () => null }), /not found/],
    ['a missing resolver', [rule('owner')], ALICE, resolvers({}), /no resolver/],
    ['an unknown condition', [rule('missing' as ConditionRef)], ALICE, invoiceResolvers(), /unknown/],
  ];
  it.each(table)(
    '%s: NOT_FOUND when hidden, FORBIDDEN otherwise',
    async (_label, rules, ctx, registry, reason) => {
      const hidden = await decide(rules, ctx, { resolvers: registry, hideExistence: true });
      expectDenied(hidden, 'rules[0] invoice:pay', reason, 'NOT_FOUND');
      const shown = await decide(rules, ctx, { resolvers: registry, hideExistence: false });
      expectDenied(shown, 'rules[0] invoice:pay', reason, 'FORBIDDEN');
    },
  );

  it('does not change an allowed decision', async () => {
    const decision = await decide([rule('owner')], ALICE, { hideExistence: true });
    expect(decision).toEqual({ allowed: true, rule: 'rules', reason: '1 rule(s) allow' });
  });
});

// ---------------------------------------------------------------------------------------------
// defineCondition
// ---------------------------------------------------------------------------------------------

describe('defineCondition', () => {
  it.each(['', 'Owner', 'has space', '1st', 'snake_case', 'kebab-case', 'dotted.name', 'ünicode'])(
    'rejects the name %j',
    (name) => {
      expect(() => defineCondition(name, () => true)).toThrow(TypeError);
    },
  );

  it.each(Object.keys(BUILT_IN_CONDITIONS))('rejects the built-in name %s', (name) => {
    expect(() => defineCondition(name, () => true)).toThrow(/built in/);
  });

  it('rejects redefinition with another function, accepts the same function again', async () => {
    const first = () => true;
    expect(defineCondition('onceOnly', first)).toBe('onceOnly');
    expect(defineCondition('onceOnly', first)).toBe('onceOnly');
    expect(() => defineCondition('onceOnly', () => false)).toThrow(/already defined/);
    expect((await decide([rule('onceOnly')], BOB)).allowed).toBe(true); // the first one stays
  });

  it('does not let prototype keys pass for conditions', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const decision = await decide([rule(name)]);
      expectDenied(decision, 'rules[0] invoice:pay', /unknown condition/);
    }
  });
});
