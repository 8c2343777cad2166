/** Who may call: nobody in particular, any signed-in user, an admin, or a custom role. */
export type AuthLevel = 'anonymous' | 'user' | 'admin' | (string & {});

/** A condition as data: a named predicate, or a combination of them (no code in specs, no eval). */
export type ConditionRef =
  | string
  | { readonly anyOf: readonly ConditionRef[] }
  | { readonly allOf: readonly ConditionRef[] };

/**
 * One authorization rule: load `resource` (through the resolver the app registered for it), then
 * `condition` must hold for `action`.
 * @example { resource: 'invoice', action: 'pay', condition: 'owner' }
 */
export interface PolicyRule {
  readonly resource: string;
  readonly action: string;
  readonly condition: ConditionRef;
}

/** An operation's policy. Deny by default: every rule must allow. */
export interface PolicySpec {
  readonly auth: AuthLevel;
  readonly rules?: readonly PolicyRule[];
  /** Answer NOT_FOUND instead of FORBIDDEN when a rule denies, so callers cannot probe for ids. */
  readonly hideExistence?: boolean;
}

/** The identity fields the policy engine reads from a context. */
export interface Identity {
  readonly actor?: string;
  readonly userId?: string | null;
  readonly tenantId?: string | null;
  readonly roles?: readonly string[];
}

/** What a condition predicate is given. */
export interface ConditionInput<TResource = unknown> {
  readonly ctx: Identity;
  readonly resource: TResource;
  readonly input: unknown;
  readonly action: string;
}

/** A condition predicate: synchronous or async, true to allow. Throwing denies. */
export type ConditionFn<TResource = unknown> = (
  args: ConditionInput<TResource>,
) => boolean | Promise<boolean>;

/** The outcome of a policy check; it is audited. */
export interface Decision {
  readonly allowed: boolean;
  /** `auth`, or `rules[i] resource:action condition`; undefined when no rule was involved. */
  readonly rule?: string;
  readonly reason: string;
  /** The error a denial maps to. */
  readonly code?: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
}
