import type { Identity } from './types.js';

/** What a resource resolver is given: the validated input and the caller's context. */
export interface ResolverInput {
  readonly input: unknown;
  readonly ctx: Identity;
  readonly action: string;
}

/**
 * Loads one resource for the policy, e.g. the invoice named by `input.invoiceId`. Return `null`
 * or `undefined` when it does not exist (the call is then denied).
 */
export type ResourceResolver<TResource = unknown> = (
  args: ResolverInput,
) => TResource | null | undefined | Promise<TResource | null | undefined>;

const RESOURCE_TYPE = /^[a-z][A-Za-z0-9]*$/;
const shared = new Map<string, ResourceResolver>();

function checkResolver(type: string, resolver: unknown): void {
  if (!RESOURCE_TYPE.test(type)) throw new TypeError(`resource type "${type}" must be lower camelCase`);
  if (typeof resolver !== 'function')
    throw new TypeError(`resource "${type}": the resolver must be a function`);
}

/**
 * Registers how to load a resource type for every registry in the process (like
 * `defineCondition`), typically next to the data access code: a registry's own
 * `registry.resources.register` takes precedence.
 * @example defineResource('invoice', ({ input }) => db.invoice.findUnique({ where: { id: (input as { invoiceId: string }).invoiceId } }))
 */
export function defineResource<TResource>(type: string, resolver: ResourceResolver<TResource>): string {
  checkResolver(type, resolver);
  const existing = shared.get(type);
  if (existing !== undefined && existing !== resolver)
    throw new TypeError(`resource "${type}" is already defined`);
  shared.set(type, resolver as ResourceResolver);
  return type;
}

/** The resolvers a registry uses, by resource type: its own, then those from {@link defineResource}. */
export class ResourceResolvers {
  readonly #resolvers = new Map<string, ResourceResolver>();

  /**
   * Registers how to load a resource type for policy rules.
   * @example registry.resources.register('invoice', ({ input }) => db.invoice.find((input as { invoiceId: string }).invoiceId))
   */
  register<TResource>(type: string, resolver: ResourceResolver<TResource>): this {
    checkResolver(type, resolver);
    if (this.#resolvers.has(type)) throw new TypeError(`resource "${type}" already has a resolver`);
    this.#resolvers.set(type, resolver as ResourceResolver);
    return this;
  }

  /** The resolver for a type, if any (the registry's own first). */
  get(type: string): ResourceResolver | undefined {
    return this.#resolvers.get(type) ?? shared.get(type);
  }

  /** Every type with a resolver, own and shared. */
  types(): string[] {
    return [...new Set([...this.#resolvers.keys(), ...shared.keys()])];
  }
}
