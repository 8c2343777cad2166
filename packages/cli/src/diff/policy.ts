import type { ConditionRef } from '@lssm/lib.contracts';
import type { SnapshotOperation } from '../snapshot/types.js';
import { sameJson } from './normalize.js';
import type { Severity } from './types.js';

/** A policy change, before it is attached to an operation. */
export interface PolicyChange {
  readonly kind: string;
  readonly severity: Severity;
  readonly path: string;
  readonly message: string;
}

type Policy = SnapshotOperation['policy'];

/** 0 anyone, 1 any signed-in user, 2 a role (admin or another: they are not ordered). */
function authRank(auth: string): number {
  return auth === 'anonymous' ? 0 : auth === 'user' ? 1 : 2;
}

function compareAuth(before: string, after: string, out: PolicyChange[]): void {
  if (before === after) return;
  const change = `auth changed from "${before}" to "${after}"`;
  const a = authRank(before);
  const b = authRank(after);
  if (b > a)
    out.push({
      kind: 'policy.auth-raised',
      severity: 'breaking',
      path: 'policy.auth',
      message: `${change}: some callers are now refused`,
    });
  else if (b < a)
    out.push({
      kind: 'policy.auth-lowered',
      severity: 'review',
      path: 'policy.auth',
      message: `${change}: more callers are let in`,
    });
  else
    out.push({
      kind: 'policy.auth-changed',
      severity: 'breaking',
      path: 'policy.auth',
      message: `${change}: another group of callers (and a review: others are let in)`,
    });
}

const text = (ref: ConditionRef): string => JSON.stringify(ref);

function branches(ref: ConditionRef, combinator: 'anyOf' | 'allOf'): readonly string[] | undefined {
  if (typeof ref === 'object' && ref !== null && combinator in ref) {
    const members = (ref as Record<string, readonly ConditionRef[]>)[combinator];
    return Array.isArray(members) ? members.map(text) : undefined;
  }
  return undefined;
}

/**
 * How a condition moved: `narrowed` when fewer callers can pass (an `anyOf` branch removed, an
 * `allOf` branch added), `loosened` when more can, `changed` when it cannot be told.
 */
export function conditionEffect(
  before: ConditionRef,
  after: ConditionRef,
): 'same' | 'narrowed' | 'loosened' | 'changed' {
  if (sameJson(before, after)) return 'same';
  for (const combinator of ['anyOf', 'allOf'] as const) {
    const a = branches(before, combinator) ?? (typeof before === 'string' ? [text(before)] : undefined);
    const b = branches(after, combinator) ?? (typeof after === 'string' ? [text(after)] : undefined);
    if (a === undefined || b === undefined) continue;
    if (branches(before, combinator) === undefined && branches(after, combinator) === undefined) continue;
    const removed = a.some((x) => !b.includes(x));
    const added = b.some((x) => !a.includes(x));
    if (removed && added) return 'changed';
    const fewer = combinator === 'anyOf' ? removed : added;
    return fewer ? 'narrowed' : 'loosened';
  }
  return 'changed';
}

function ruleKey(rule: Policy['rules'][number]): string {
  return `${rule.resource}:${rule.action}`;
}

function compareRules(before: Policy['rules'], after: Policy['rules'], out: PolicyChange[]): void {
  const a = new Map(before.map((rule) => [ruleKey(rule), rule]));
  const b = new Map(after.map((rule) => [ruleKey(rule), rule]));
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const path = `policy.rules[${key}]`;
    const was = a.get(key);
    const now = b.get(key);
    if (was === undefined && now !== undefined)
      out.push({
        kind: 'policy.rule-added',
        severity: 'breaking',
        path,
        message: `new rule: ${text(now.condition)} must hold`,
      });
    else if (was !== undefined && now === undefined)
      out.push({
        kind: 'policy.rule-removed',
        severity: 'review',
        path,
        message: `rule dropped (${text(was.condition)} no longer checked): the policy is looser`,
      });
    else if (was !== undefined && now !== undefined) {
      const effect = conditionEffect(was.condition, now.condition);
      const change = `condition changed from ${text(was.condition)} to ${text(now.condition)}`;
      if (effect === 'narrowed')
        out.push({
          kind: 'policy.condition-narrowed',
          severity: 'breaking',
          path,
          message: `${change}: fewer callers pass`,
        });
      if (effect === 'loosened')
        out.push({
          kind: 'policy.condition-loosened',
          severity: 'review',
          path,
          message: `${change}: more callers pass`,
        });
      if (effect === 'changed')
        out.push({
          kind: 'policy.condition-changed',
          severity: 'breaking',
          path,
          message: `${change} (and a review: others may now pass)`,
        });
    }
  }
}

/**
 * Classifies policy changes for existing callers: a stricter policy (auth raised, a rule added, a
 * condition narrowed) is breaking; a looser one (auth lowered, a rule or condition dropped) breaks
 * no client but is flagged for review.
 */
export function comparePolicies(before: Policy, after: Policy): PolicyChange[] {
  const out: PolicyChange[] = [];
  compareAuth(before.auth, after.auth, out);
  compareRules(before.rules, after.rules, out);
  if (before.hideExistence !== after.hideExistence) {
    out.push(
      after.hideExistence
        ? {
            kind: 'policy.existence-hidden',
            severity: 'breaking',
            path: 'policy.hideExistence',
            message: 'denials now answer NOT_FOUND (404) instead of FORBIDDEN (403)',
          }
        : {
            kind: 'policy.existence-revealed',
            severity: 'review',
            path: 'policy.hideExistence',
            message: 'denials now answer FORBIDDEN (403), revealing that the resource exists',
          },
    );
  }
  return out;
}
