import { hasIdentity, hasRole, isAdmin, lookupCondition } from './conditions.js';
import type { ResourceResolvers } from './resources.js';
import type { ConditionRef, Decision, Identity, PolicyRule, PolicySpec } from './types.js';

type Ctx = Identity;

const ALLOW_ANONYMOUS: Decision = Object.freeze({ allowed: true, rule: 'auth', reason: 'anonymous access' });

/**
 * Step 3 of the pipeline: does the caller have the identity and role `policy.auth` asks for?
 * Runs before input validation, so anonymous callers learn nothing about the input's shape.
 */
export function authenticate(policy: PolicySpec | undefined, ctx: Ctx): Decision {
  const auth = policy?.auth;
  if (typeof auth !== 'string' || auth === '')
    return { allowed: false, rule: 'auth', reason: 'the policy names no auth level', code: 'FORBIDDEN' };
  if (auth === 'anonymous') return ALLOW_ANONYMOUS;
  if (!hasIdentity(ctx))
    return { allowed: false, rule: 'auth', reason: 'no identity', code: 'UNAUTHENTICATED' };
  if (auth === 'user') return { allowed: true, rule: 'auth', reason: 'signed-in user' };
  if (auth === 'admin') {
    return isAdmin(ctx)
      ? { allowed: true, rule: 'auth', reason: 'admin' }
      : { allowed: false, rule: 'auth', reason: 'requires admin', code: 'FORBIDDEN' };
  }
  return hasRole(ctx, auth)
    ? { allowed: true, rule: 'auth', reason: `role ${auth}` }
    : { allowed: false, rule: 'auth', reason: `requires role ${auth}`, code: 'FORBIDDEN' };
}

async function holds(
  ref: ConditionRef,
  args: { ctx: Ctx; resource: unknown; input: unknown; action: string },
): Promise<string | undefined> {
  if (typeof ref === 'string') {
    const fn = lookupCondition(ref);
    if (fn === undefined) return `unknown condition "${ref}"`;
    try {
      return (await fn(args)) === true ? undefined : `condition "${ref}" does not hold`;
    } catch {
      return `condition "${ref}" failed`;
    }
  }
  if (
    typeof ref === 'object' &&
    ref !== null &&
    'anyOf' in ref &&
    Array.isArray(ref.anyOf) &&
    ref.anyOf.length > 0
  ) {
    const reasons: string[] = [];
    for (const inner of ref.anyOf) {
      const reason = await holds(inner, args);
      if (reason === undefined) return undefined;
      reasons.push(reason);
    }
    return `none of: ${reasons.join('; ')}`;
  }
  if (
    typeof ref === 'object' &&
    ref !== null &&
    'allOf' in ref &&
    Array.isArray(ref.allOf) &&
    ref.allOf.length > 0
  ) {
    for (const inner of ref.allOf) {
      const reason = await holds(inner, args);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
  return 'malformed condition';
}

/** The outcome of step 5, with the resources it loaded (handed to the handler). */
export interface Authorization {
  readonly decision: Decision;
  readonly resources: Readonly<Record<string, unknown>>;
}

/**
 * Step 5 of the pipeline: every rule must allow (deny by default). A missing resolver, a missing
 * resource, or an unknown or throwing condition denies; a throwing resolver is a server fault and
 * propagates. Each resource type is loaded once per call.
 */
export async function authorize(
  policy: PolicySpec,
  args: { readonly ctx: Ctx; readonly input: unknown; readonly resolvers: ResourceResolvers },
): Promise<Authorization> {
  const rules = policy.rules ?? [];
  const resources: Record<string, unknown> = Object.create(null);
  const denyCode = policy.hideExistence === true ? 'NOT_FOUND' : 'FORBIDDEN';
  // Deny by default: rules the engine cannot read deny rather than being skipped.
  if (!Array.isArray(rules))
    return {
      decision: { allowed: false, rule: 'rules', reason: 'malformed rules', code: denyCode },
      resources,
    };
  for (let i = 0; i < rules.length; i++) {
    const rule: PolicyRule | undefined = rules[i];
    if (typeof rule !== 'object' || rule === null) {
      return {
        decision: { allowed: false, rule: `rules[${i}]`, reason: 'malformed rule', code: denyCode },
        resources,
      };
    }
    const label = `rules[${i}] ${rule.resource}:${rule.action}`;
    const deny = (reason: string): Authorization => ({
      decision: { allowed: false, rule: label, reason, code: denyCode },
      resources,
    });
    if (!(rule.resource in resources)) {
      const resolver = args.resolvers.get(rule.resource);
      if (resolver === undefined) return deny(`no resolver registered for resource "${rule.resource}"`);
      // A throwing resolver is a server fault (e.g. the database is down), not a denial: it propagates.
      resources[rule.resource] =
        (await resolver({ input: args.input, ctx: args.ctx, action: rule.action })) ?? null;
    }
    const resource = resources[rule.resource];
    if (resource === null) return deny(`${rule.resource} not found`);
    const reason = await holds(rule.condition, {
      ctx: args.ctx,
      resource,
      input: args.input,
      action: rule.action,
    });
    if (reason !== undefined) return deny(reason);
  }
  const reason = rules.length === 0 ? 'no resource rules' : `${rules.length} rule(s) allow`;
  return { decision: { allowed: true, rule: rules.length === 0 ? undefined : 'rules', reason }, resources };
}
