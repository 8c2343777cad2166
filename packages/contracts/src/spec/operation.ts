import type { PolicySpec } from '../policy/types.js';
import { checkOperationConfig } from './check-operation.js';
import type { AnyEventSpec } from './event.js';
import { freezeSpec } from './freeze.js';
import type {
  AuditSpec,
  DomainErrorSpec,
  DomainErrors,
  Exposure,
  IdempotencySpec,
  IoSchema,
  OperationIo,
  OperationMeta,
  RateLimitSpec,
} from './types.js';

/** The errors of an operation that declares none. */
export type NoDomainErrors = Record<never, DomainErrorSpec>;

/** Commands change state (POST, GraphQL mutations); queries read it (GET, GraphQL queries). */
export type OperationKind = 'command' | 'query';

/** What `defineCommand` and `defineQuery` take. */
export interface OperationConfig<
  I extends IoSchema = IoSchema,
  O extends IoSchema = IoSchema,
  E extends DomainErrors = DomainErrors,
  P extends PolicySpec = PolicySpec,
  Ev extends readonly AnyEventSpec[] = readonly AnyEventSpec[],
> {
  readonly meta: OperationMeta;
  readonly io: OperationIo<I, O, E>;
  readonly policy: P;
  /** Events the handler may emit; published after the unit of work commits. */
  readonly events?: Ev;
  readonly idempotency?: IdempotencySpec;
  readonly rateLimit?: RateLimitSpec;
  readonly audit?: AuditSpec;
  readonly exposure?: Exposure;
  /** For MCP: the operation destroys or overwrites data (`destructiveHint`). */
  readonly destructive?: boolean;
}

/** A defined operation: plain, frozen data with its kind. */
export interface OperationSpec<
  K extends OperationKind = OperationKind,
  I extends IoSchema = IoSchema,
  O extends IoSchema = IoSchema,
  E extends DomainErrors = DomainErrors,
  P extends PolicySpec = PolicySpec,
  Ev extends readonly AnyEventSpec[] = readonly AnyEventSpec[],
> extends OperationConfig<I, O, E, P, Ev> {
  readonly kind: K;
}

/** An operation spec of any shape. */
// biome-ignore lint/suspicious/noExplicitAny: variance escape hatch for "any operation" constraints.
export type AnyOperationSpec = OperationSpec<OperationKind, any, any, any, any, any>;

function define<K extends OperationKind, S extends OperationConfig>(
  kind: K,
  config: S,
): S & { readonly kind: K } {
  checkOperationConfig(kind, config);
  return freezeSpec({ ...config, kind });
}

/**
 * Declares a command: an operation that changes state.
 * @example export const CapturePayment = defineCommand({ meta, io: { input, output }, policy: { auth: 'user' } });
 */
export function defineCommand<
  I extends IoSchema,
  O extends IoSchema,
  const E extends DomainErrors = NoDomainErrors,
  const P extends PolicySpec = PolicySpec,
  const Ev extends readonly AnyEventSpec[] = readonly [],
>(config: OperationConfig<I, O, E, P, Ev>): OperationSpec<'command', I, O, E, P, Ev> {
  return define('command', config);
}

/**
 * Declares a query: an operation that only reads. Queries cannot declare idempotency (they are
 * idempotent) or events.
 */
export function defineQuery<
  I extends IoSchema,
  O extends IoSchema,
  const E extends DomainErrors = NoDomainErrors,
  const P extends PolicySpec = PolicySpec,
>(
  config: Omit<OperationConfig<I, O, E, P, readonly []>, 'idempotency' | 'events'>,
): OperationSpec<'query', I, O, E, P, readonly []> {
  return define('query', config) as OperationSpec<'query', I, O, E, P, readonly []>;
}
