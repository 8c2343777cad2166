import { andThen, isThenable, type MaybePromise } from '../runtime/maybe-async.js';
import { hasIdentity, hasRole, isAdmin, lookupCondition } from './conditions.js';
import type { ResourceResolvers } from './resources.js';
import type { ConditionRef, Decision, Identity, PolicyRule, PolicySpec } from './types.js';

type Ctx = Identity;

const ALLOW_ANONYMOUS: Decision = Object.freeze({ allowed: true, rule: 'auth', reason: 'anonymous access' });
const ALLOW_USER: Decision = Object.freeze({ allowed: true, rule: 'auth', reason: 'signed-in user' });
const ALLOW_ADMIN: Decision = Object.freeze({ allowed: true, rule: 'auth', reason: 'admin' });
const DENY_NO_IDENTITY: Decision = Object.freeze({
  allowed: false,
  rule: 'auth',
  reason: 'no identity',
  code: 'UNAUTHENTICATED',
});
const DENY_NOT_ADMIN: Decision = Object.freeze({
  allowed: false,
  rule: 'auth',
  reason: 'requires admin',
  code: 'FORBIDDEN',
});
const DENY_NO_AUTH_LEVEL: Decision = Object.freeze({
  allowed: false,
  rule: 'auth',
  reason: 'the policy names no auth level',
  code: 'FORBIDDEN',
});

/**
 * Step 3 of the pipeline: does the caller have the identity and role `policy.auth` asks for?
 * Runs before input validation, so anonymous callers learn nothing about the input's shape.
 */
export function authenticate(policy: PolicySpec | undefined, ctx: Ctx): Decision {
  const auth = policy?.auth;
  if (typeof auth !== 'string' || auth === '') return DENY_NO_AUTH_LEVEL;
  if (auth === 'anonymous') return ALLOW_ANONYMOUS;
  if (!hasIdentity(ctx)) return DENY_NO_IDENTITY;
  if (auth === 'user') return ALLOW_USER;
  if (auth === 'admin') return isAdmin(ctx) ? ALLOW_ADMIN : DENY_NOT_ADMIN;
  return hasRole(ctx, auth)
    ? { allowed: true, rule: 'auth', reason: `role ${auth}` }
    : { allowed: false, rule: 'auth', reason: `requires role ${auth}`, code: 'FORBIDDEN' };
}

type HoldsArgs = { ctx: Ctx; resource: unknown; input: unknown; action: string };

/** Why a condition does not hold, or undefined when it does; synchronous unless a condition is async. */
function holds(ref: ConditionRef, args: HoldsArgs): MaybePromise<string | undefined> {
  if (typeof ref === 'string') {
    const fn = lookupCondition(ref);
    if (fn === undefined) return `unknown condition "${ref}"`;
    const verdict = (value: unknown) => (value === true ? undefined : `condition "${ref}" does not hold`);
    const failed = () => `condition "${ref}" failed`;
    try {
      const result = fn(args);
      return isThenable(result) ? result.then(verdict, failed) : verdict(result);
    } catch {
      return failed();
    }
  }
  if (
    typeof ref === 'object' &&
    ref !== null &&
    'anyOf' in ref &&
    Array.isArray(ref.anyOf) &&
    ref.anyOf.length > 0
  ) {
    return anyOf(ref.anyOf, 0, args, []);
  }
  if (
    typeof ref === 'object' &&
    ref !== null &&
    'allOf' in ref &&
    Array.isArray(ref.allOf) &&
    ref.allOf.length > 0
  ) {
    return allOf(ref.allOf, 0, args);
  }
  return 'malformed condition';
}

function anyOf(
  refs: readonly ConditionRef[],
  i: number,
  args: HoldsArgs,
  reasons: string[],
): MaybePromise<string | undefined> {
  for (; i < refs.length; i++) {
    const reason = holds(refs[i] as ConditionRef, args);
    if (isThenable(reason)) {
      const at = i;
      return reason.then((r) => (r === undefined ? undefined : anyOf(refs, at + 1, args, [...reasons, r])));
    }
    if (reason === undefined) return undefined;
    reasons.push(reason);
  }
  return `none of: ${reasons.join('; ')}`;
}

function allOf(refs: readonly ConditionRef[], i: number, args: HoldsArgs): MaybePromise<string | undefined> {
  for (; i < refs.length; i++) {
    const reason = holds(refs[i] as ConditionRef, args);
    if (isThenable(reason)) {
      const at = i;
      return reason.then((r) => (r !== undefined ? r : allOf(refs, at + 1, args)));
    }
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** The outcome of step 5, with the resources it loaded (handed to the handler). */
export interface Authorization {
  readonly decision: Decision;
  readonly resources: Readonly<Record<string, unknown>>;
}

/**
 * Step 5 of the pipeline: every rule must allow (deny by default). A missing resolver, a missing
 * resource, or an unknown or throwing condition denies; a throwing resolver is a server fault and
 * propagates. Each resource type is loaded once per call. Synchronous when every resolver and
 * condition is (the common in-memory case); a promise as soon as one of them is asynchronous.
 */
export function authorize(
  policy: PolicySpec,
  args: { readonly ctx: Ctx; readonly input: unknown; readonly resolvers: ResourceResolvers },
): MaybePromise<Authorization> {
  const rules = policy.rules ?? [];
  const resources: Record<string, unknown> = Object.create(null);
  const denyCode = policy.hideExistence === true ? 'NOT_FOUND' : 'FORBIDDEN';
  // Deny by default: rules the engine cannot read deny rather than being skipped.
  if (!Array.isArray(rules)) {
    return {
      decision: { allowed: false, rule: 'rules', reason: 'malformed rules', code: denyCode },
      resources,
    };
  }
  const deny = (rule: string, reason: string): Authorization => ({
    decision: { allowed: false, rule, reason, code: denyCode },
    resources,
  });

  const check = (rule: PolicyRule, label: string): MaybePromise<Authorization | undefined> => {
    const resource = resources[rule.resource];
    if (resource === null) return deny(label, `${rule.resource} not found`);
    const reason = holds(rule.condition, { ctx: args.ctx, resource, input: args.input, action: rule.action });
    return andThen(reason, (r) => (r === undefined ? undefined : deny(label, r)));
  };

  const from = (start: number): MaybePromise<Authorization> => {
    for (let i = start; i < rules.length; i++) {
      const rule: PolicyRule | undefined = rules[i];
      if (typeof rule !== 'object' || rule === null) return deny(`rules[${i}]`, 'malformed rule');
      const label = `rules[${i}] ${rule.resource}:${rule.action}`;
      let outcome: MaybePromise<Authorization | undefined>;
      if (rule.resource in resources) {
        outcome = check(rule, label);
      } else {
        const resolver = args.resolvers.get(rule.resource);
        if (resolver === undefined)
          return deny(label, `no resolver registered for resource "${rule.resource}"`);
        // A throwing resolver is a server fault (e.g. the database is down), not a denial: it propagates.
        const loaded = resolver({ input: args.input, ctx: args.ctx, action: rule.action });
        outcome = andThen(loaded, (value) => {
          resources[rule.resource] = value ?? null;
          return check(rule, label);
        });
      }
      if (isThenable(outcome)) {
        const next = i + 1;
        return outcome.then((denied) => denied ?? from(next));
      }
      if (outcome !== undefined) return outcome;
    }
    const reason = rules.length === 0 ? 'no resource rules' : `${rules.length} rule(s) allow`;
    return { decision: { allowed: true, rule: rules.length === 0 ? undefined : 'rules', reason }, resources };
  };
  return from(0);
}
