import { ResourceResolvers } from '../policy/resources.js';
import type { Handler } from '../runtime/context.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime/runtime.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import type { Stability, Transport } from '../spec/types.js';

/** A registered operation and its handler (undefined until one is installed). */
export interface InstalledOperation {
  readonly spec: AnyOperationSpec;
  readonly handler: Handler<AnyOperationSpec> | undefined;
}

/** Something in the registry that will not work as declared; transports report these at start-up. */
export interface RegistryProblem {
  readonly operation: string;
  readonly problem: string;
}

const PREFERENCE: readonly Stability[] = ['stable', 'deprecated', 'beta', 'experimental'];

/**
 * Holds operations (several versions side by side), their handlers, the resource resolvers the
 * policy uses, and the runtime ports. Lookups are by exact name, never by prefix.
 * @example const registry = new SpecRegistry(); installOp(registry, CapturePayment, handleCapturePayment);
 */
export class SpecRegistry {
  /** Resolvers that load resources for policy rules, by resource type. */
  readonly resources = new ResourceResolvers();
  readonly #ops = new Map<string, Map<number, InstalledOperation>>();
  /** The unversioned lookup's answer per name, worked out once and forgotten on every change. */
  readonly #latest = new Map<string, InstalledOperation | undefined>();
  #runtime: Runtime;
  #revision = 0;

  constructor(options: RuntimeOptions = {}) {
    this.#runtime = createRuntime(options);
  }

  /** The ports and settings calls run with. */
  get runtime(): Runtime {
    return this.#runtime;
  }

  /** Increases on every change, so transports can rebuild cached tables (routes, schemas). */
  get revision(): number {
    return this.#revision;
  }

  /** Replaces some ports or settings (e.g. the PostgreSQL audit sink); the rest stay. */
  configure(options: RuntimeOptions): this {
    this.#runtime = createRuntime(options, this.#runtime);
    this.#revision++;
    return this;
  }

  /** Adds a spec without a handler (reported by {@link problems}; calls fail UNAVAILABLE). */
  register(spec: AnyOperationSpec): this {
    this.#put(spec, undefined, false);
    return this;
  }

  /** Adds a spec with its handler; also fills in the handler of a spec registered earlier. */
  install(spec: AnyOperationSpec, handler: Handler<AnyOperationSpec>): this {
    if (typeof handler !== 'function')
      throw new TypeError(`${spec.meta.name} v${spec.meta.version}: the handler must be a function`);
    this.#put(spec, handler, true);
    return this;
  }

  /**
   * Finds an operation by exact name: the given version, or else the latest stable one (then
   * deprecated, beta, experimental, in that order of preference).
   */
  resolve(name: string, version?: number): InstalledOperation | undefined {
    const versions = this.#ops.get(name);
    if (versions === undefined) return undefined;
    if (version !== undefined) return versions.get(version);
    let latest = this.#latest.get(name);
    if (latest === undefined) {
      latest = latestOf(versions);
      this.#latest.set(name, latest);
    }
    return latest;
  }

  /** Every operation, by name then version. */
  list(): InstalledOperation[] {
    return [...this.#ops.keys()]
      .sort()
      .flatMap((name) =>
        [...(this.#ops.get(name)?.values() ?? [])].sort((a, b) => a.spec.meta.version - b.spec.meta.version),
      );
  }

  /** The operations a transport serves (see {@link isExposed}). */
  exposed(transport: Transport): InstalledOperation[] {
    return this.list().filter((op) => isExposed(op.spec, transport));
  }

  /** What will not work: specs without handlers, rules whose resource has no resolver. */
  problems(): RegistryProblem[] {
    const problems: RegistryProblem[] = [];
    const known = new Set(this.resources.types());
    for (const { spec, handler } of this.list()) {
      const operation = `${spec.meta.name} v${spec.meta.version}`;
      if (handler === undefined)
        problems.push({ operation, problem: 'no handler installed; calls fail with UNAVAILABLE' });
      for (const rule of spec.policy.rules ?? []) {
        if (!known.has(rule.resource)) {
          problems.push({
            operation,
            problem: `no resolver for resource "${rule.resource}"; every call is denied`,
          });
        }
      }
    }
    return problems;
  }

  #put(spec: AnyOperationSpec, handler: Handler<AnyOperationSpec> | undefined, installing: boolean): void {
    if (typeof spec !== 'object' || spec === null || (spec.kind !== 'command' && spec.kind !== 'query')) {
      throw new TypeError('expected a spec made with defineCommand or defineQuery');
    }
    const { name, version } = spec.meta;
    let versions = this.#ops.get(name);
    if (versions === undefined) {
      versions = new Map();
      this.#ops.set(name, versions);
    }
    const existing = versions.get(version);
    if (existing !== undefined && !(installing && existing.spec === spec && existing.handler === undefined)) {
      throw new TypeError(`${name} v${version} is already registered`);
    }
    versions.set(version, Object.freeze({ spec, handler }));
    this.#latest.delete(name);
    this.#revision++;
  }
}

/** The highest version of the most settled stability (stable, then deprecated, beta, experimental). */
function latestOf(versions: ReadonlyMap<number, InstalledOperation>): InstalledOperation | undefined {
  const sorted = [...versions.values()].sort((a, b) => b.spec.meta.version - a.spec.meta.version);
  for (const stability of PREFERENCE) {
    const found = sorted.find((op) => op.spec.meta.stability === stability);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Whether a transport serves an operation: `exposure[transport]` when set; otherwise yes, except
 * for experimental operations, which stay off public transports unless exposed explicitly.
 */
export function isExposed(spec: AnyOperationSpec, transport: Transport): boolean {
  if (transport === 'internal') return true;
  const explicit = spec.exposure?.[transport];
  if (explicit !== undefined) return explicit;
  return spec.meta.stability !== 'experimental';
}

/**
 * Installs a handler for a spec; the handler's `input` and `ctx` are typed from the spec.
 * @example installOp(registry, CapturePayment, async (input, ctx) => ({ transactionId: 'pi_1', status: 'succeeded' }));
 */
export function installOp<S extends AnyOperationSpec>(
  registry: SpecRegistry,
  spec: S,
  handler: Handler<S>,
): void {
  registry.install(spec, handler as unknown as Handler<AnyOperationSpec>);
}
