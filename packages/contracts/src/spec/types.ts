import type { AnySchemaModel, StandardSchemaV1 } from '@lssm/lib.schema';

/** How settled an operation is. `deprecated` still runs (flagged to clients); `experimental` can be kept off public transports. */
export type Stability = 'experimental' | 'beta' | 'stable' | 'deprecated';

/** Every stability, in order of maturity. */
export const STABILITIES: readonly Stability[] = Object.freeze([
  'experimental',
  'beta',
  'stable',
  'deprecated',
]);

/** The transports the framework serves operations on. */
export type Transport = 'rest' | 'graphql' | 'mcp' | 'webhook' | 'internal';

/** What describes an operation to humans, agents and tools. */
export interface OperationMeta {
  /** `domain.camelCase`, dot-separated, e.g. `billing.capturePayment`. */
  readonly name: string;
  /** A positive integer; several versions of one name can be served side by side. */
  readonly version: number;
  readonly description: string;
  readonly goal?: string;
  readonly context?: string;
  readonly owners: readonly string[];
  readonly tags?: readonly string[];
  readonly stability: Stability;
  /**
   * For `deprecated` operations: since when (ISO date, `Deprecation` header), when it stops working
   * (ISO date, `Sunset` header) and the operation path that replaces it (e.g. `billing.pay/v2`).
   */
  readonly deprecation?: { readonly since?: string; readonly sunset?: string; readonly replacement?: string };
}

/** A schema for operation input, output or error data: one of our models or any Standard Schema. */
export type IoSchema = AnySchemaModel | StandardSchemaV1;

/** A domain error an operation declares, e.g. `ALREADY_PAID` with status 409. */
export interface DomainErrorSpec {
  /** HTTP status for REST; GraphQL and MCP carry the code. Must be 4xx (domain errors are the caller's). */
  readonly status: number;
  readonly description: string;
  /** Optional model of the error's `data`. */
  readonly data?: IoSchema;
  /**
   * A passing state rather than an answer (e.g. `PAYMENT_IN_PROGRESS`): not stored as the
   * idempotency key's response, so a retry with the same key runs again. Default `false`: a
   * declared error is final and replayed like a success.
   */
  readonly transient?: boolean;
}

/** Declared domain errors by code (`UPPER_SNAKE_CASE`). */
export type DomainErrors = { readonly [code: string]: DomainErrorSpec };

/** Input, output and declared errors of an operation. */
export interface OperationIo<
  I extends IoSchema = IoSchema,
  O extends IoSchema = IoSchema,
  E extends DomainErrors = DomainErrors,
> {
  readonly input: I;
  readonly output: O;
  readonly errors?: E;
}

/** Which transports serve an operation. Unset transports follow the default (on, except for experimental ops). */
export type Exposure = { readonly [T in Exclude<Transport, 'internal'>]?: boolean };

/** Idempotency declaration for commands. */
export interface IdempotencySpec {
  /** Reject calls without an idempotency key (`Idempotency-Key` header on REST). */
  readonly required?: boolean;
  /** How long a key and its stored response are kept (default 24 h). */
  readonly ttlSeconds?: number;
}

/** A rate limit: at most `limit` calls per `windowSeconds`, counted per actor (or per tenant). */
export interface RateLimitSpec {
  readonly limit: number;
  readonly windowSeconds: number;
  readonly by?: 'actor' | 'tenant';
}

/** Audit options: dotted input paths whose values never reach the audit trail (PII, secrets). */
export interface AuditSpec {
  readonly redact?: readonly string[];
}
