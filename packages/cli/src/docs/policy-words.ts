import type { ConditionRef } from '@lssm/lib.contracts';
import type { SnapshotOperation } from '../snapshot/types.js';

/** Who may call, in words. */
export function authInWords(auth: string): string {
  if (auth === 'anonymous') return 'Anyone may call it; no sign-in is needed.';
  if (auth === 'user') return 'The caller must be signed in (any user).';
  if (auth === 'admin')
    return 'The caller must be an administrator (signed in, as `admin` or with the `admin` role).';
  return `The caller must be signed in and have the role \`${auth}\`.`;
}

function joined(parts: readonly string[], word: 'and' | 'or'): string {
  if (parts.length <= 2) return parts.join(` ${word} `);
  return `${parts.slice(0, -1).join(', ')} ${word} ${parts.at(-1)}`;
}

/** A member of a combination: nested combinations in parentheses, so "A or (B and C)" reads right. */
function member(ref: ConditionRef, resource: string): string {
  const words = conditionInWords(ref, resource);
  return typeof ref === 'string' ? words : `(${words.replace(/^either /, '')})`;
}

/** A condition about a resource, in words: `owner` -> "the caller owns the invoice". */
export function conditionInWords(ref: ConditionRef, resource: string): string {
  if (typeof ref === 'string') {
    if (ref === 'owner') return `the caller owns the ${resource}`;
    if (ref === 'sameTenant') return `the ${resource} belongs to the caller's tenant`;
    if (ref === 'admin') return 'the caller is an administrator';
    return `the condition \`${ref}\` holds for the ${resource}`;
  }
  if ('anyOf' in ref)
    return `either ${joined(
      ref.anyOf.map((r) => member(r, resource)),
      'or',
    )}`;
  return joined(
    ref.allOf.map((r) => member(r, resource)),
    'and',
  );
}

function perCaller(by: string): string {
  return by === 'tenant' ? 'per tenant' : 'per caller';
}

/**
 * The operation's policy and call rules as plain sentences: who may call, each rule, what a denial
 * answers, idempotency and rate limits. Deny by default: every rule must allow.
 */
export function policyInWords(op: SnapshotOperation): string[] {
  const lines = [authInWords(op.policy.auth)];
  for (const rule of op.policy.rules)
    lines.push(`To ${rule.action} the ${rule.resource}: ${conditionInWords(rule.condition, rule.resource)}.`);
  if (op.policy.rules.length > 0) {
    lines.push(
      op.policy.hideExistence
        ? 'Resources are loaded from the input (none found: denied). A denial answers NOT_FOUND (404), exactly as if the resource did not exist, so ids cannot be probed.'
        : 'Resources are loaded from the input (none found: denied). A denial answers FORBIDDEN (403).',
    );
  }
  if (op.idempotency?.required === true) {
    const hours = (op.idempotency.ttlSeconds ?? 86_400) / 3600;
    lines.push(
      `Every call needs an idempotency key (the \`Idempotency-Key\` header on REST): the same key with the same input replays the first answer for ${hours} h instead of running again.`,
    );
  } else if (op.kind === 'command') {
    lines.push('An idempotency key (`Idempotency-Key` header) is optional; send one to make retries safe.');
  }
  if (op.rateLimit !== null)
    lines.push(
      `At most ${op.rateLimit.limit} calls per ${op.rateLimit.windowSeconds} s ${perCaller(op.rateLimit.by)}; more answer RATE_LIMITED (429) with \`Retry-After\`.`,
    );
  return lines;
}
