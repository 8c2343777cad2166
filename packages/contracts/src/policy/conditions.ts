import type { ConditionFn, ConditionRef, Identity } from './types.js';

function field(resource: unknown, key: string): unknown {
  if (typeof resource !== 'object' || resource === null || !Object.hasOwn(resource, key)) return undefined;
  return (resource as Record<string, unknown>)[key];
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** True when the context carries an identity (a non-empty `userId`), whatever `actor` says. */
export function hasIdentity(ctx: Identity): boolean {
  return nonEmpty(ctx.userId);
}

/**
 * True when the context lists `role` among its roles. Only a real array counts: a string such as
 * `'superadmin'` (e.g. a raw token claim) would otherwise match by substring.
 */
export function hasRole(ctx: Identity, role: string): boolean {
  return Array.isArray(ctx.roles) && ctx.roles.includes(role);
}

/** True when the context is an admin: `actor: 'admin'` or the `admin` role, with an identity. */
export function isAdmin(ctx: Identity): boolean {
  return hasIdentity(ctx) && (ctx.actor === 'admin' || hasRole(ctx, 'admin'));
}

/**
 * Built-in conditions:
 * - `owner`: the resource's `ownerId` (or `userId`) equals `ctx.userId`.
 * - `sameTenant`: the resource's `tenantId` equals `ctx.tenantId`.
 * - `admin`: the caller is an admin.
 */
export const BUILT_IN_CONDITIONS: Readonly<Record<string, ConditionFn>> = Object.freeze({
  owner: ({ ctx, resource }) => {
    const ownerId = field(resource, 'ownerId') ?? field(resource, 'userId');
    return hasIdentity(ctx) && nonEmpty(ownerId) && ownerId === ctx.userId;
  },
  sameTenant: ({ ctx, resource }) => {
    const tenantId = field(resource, 'tenantId');
    return nonEmpty(tenantId) && tenantId === ctx.tenantId;
  },
  admin: ({ ctx }) => isAdmin(ctx),
});

const custom = new Map<string, ConditionFn>();

/** A condition name: lower camelCase. */
export const CONDITION_NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * Registers a named condition so specs can refer to it by name. Define conditions before the
 * specs that use them (a spec naming an unknown condition is rejected when it is defined).
 * @example defineCondition('withinRefundWindow', ({ resource }) => Date.now() - resource.paidAt < 30 * DAY)
 */
export function defineCondition<TResource = unknown>(
  name: string,
  predicate: ConditionFn<TResource>,
): string {
  if (!CONDITION_NAME.test(name)) throw new TypeError(`condition name "${name}" must be lower camelCase`);
  if (Object.hasOwn(BUILT_IN_CONDITIONS, name)) throw new TypeError(`condition "${name}" is built in`);
  const existing = custom.get(name);
  if (existing !== undefined && existing !== predicate)
    throw new TypeError(`condition "${name}" is already defined`);
  custom.set(name, predicate as ConditionFn);
  return name;
}

/** The predicate registered under a name, built-in or defined. */
export function lookupCondition(name: string): ConditionFn | undefined {
  return Object.hasOwn(BUILT_IN_CONDITIONS, name) ? BUILT_IN_CONDITIONS[name] : custom.get(name);
}

/** Names referenced by a condition that are not known; empty when all are. */
export function unknownConditionNames(ref: ConditionRef): string[] {
  if (typeof ref === 'string') return lookupCondition(ref) === undefined ? [ref] : [];
  if (typeof ref !== 'object' || ref === null) return [String(ref)];
  const list = 'anyOf' in ref ? ref.anyOf : 'allOf' in ref ? ref.allOf : undefined;
  if (!Array.isArray(list) || list.length === 0) return ['(empty anyOf/allOf)'];
  return list.flatMap(unknownConditionNames);
}
