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

/** The resolvers an app registered, by resource type. */
export class ResourceResolvers {
  readonly #resolvers = new Map<string, ResourceResolver>();

  /**
   * Registers how to load a resource type for policy rules.
   * @example registry.resources.register('invoice', ({ input }) => db.invoice.find(input.invoiceId))
   */
  register<TResource>(type: string, resolver: ResourceResolver<TResource>): this {
    if (!/^[a-z][A-Za-z0-9]*$/.test(type))
      throw new TypeError(`resource type "${type}" must be lower camelCase`);
    if (typeof resolver !== 'function')
      throw new TypeError(`resource "${type}": the resolver must be a function`);
    if (this.#resolvers.has(type)) throw new TypeError(`resource "${type}" already has a resolver`);
    this.#resolvers.set(type, resolver as ResourceResolver);
    return this;
  }

  /** The resolver for a type, if any. */
  get(type: string): ResourceResolver | undefined {
    return this.#resolvers.get(type);
  }

  /** The registered types. */
  types(): string[] {
    return [...this.#resolvers.keys()];
  }
}
