import type { Failure, Issue, ValidationResult } from './issues.js';
import type { JsonSchema } from './json-schema/types.js';
import { STANDARD_VENDOR, type StandardSchemaV1 } from './standard-schema.js';

/** An application value turned into its wire form. */
export interface Encoded<T> {
  readonly value: T;
}

/** Hands a runtime value to generated code and returns the expression that refers to it. */
export type ConstantRef = (value: unknown) => string;

/**
 * What a scalar is made of. `check` is the authoritative rule; `emitFastCheck` may return a JS
 * expression that is true only for values `check` accepts (a fast path for compiled validators).
 */
export interface ScalarDefinition<TIn, TOut> {
  readonly name: string;
  readonly description?: string | undefined;
  readonly jsonSchema: JsonSchema;
  /** Named schemas that `jsonSchema` refers to as `#/$defs/<name>` (large enums, recursive JSON). */
  readonly defs?: Readonly<Record<string, JsonSchema>> | undefined;
  readonly check: (value: unknown) => Failure | undefined;
  readonly emitFastCheck?: ((value: string, ref: ConstantRef) => string) | undefined;
  /** Wire value to application value, after `check` accepted it (e.g. ISO string to `Date`). */
  readonly decode?: ((value: TIn) => TOut) | undefined;
  /** Inline form of `decode` for compiled validators. */
  readonly emitDecode?: ((value: string) => string) | undefined;
  /** Application value to wire value, for outputs; rejects values of the wrong application type. */
  readonly encode?: ((value: unknown) => Encoded<TIn> | Failure) | undefined;
}

/**
 * A scalar type: the leaf of every model (strings, numbers, dates, currencies...). `TIn` is the
 * JSON wire type, `TOut` the type a handler receives.
 * @example ScalarTypeEnum.NonEmptyString({ maxLength: 80 })
 */
export class ScalarType<TIn = unknown, TOut = TIn> implements StandardSchemaV1<TIn, TOut> {
  /** Discriminates field types. */
  readonly kind = 'scalar' as const;
  /** The scalar's name, e.g. `NonEmptyString`. */
  readonly name: string;
  /** The definition walked by validators and exporters. */
  readonly def: ScalarDefinition<TIn, TOut>;
  /** Standard Schema v1 entry point. */
  readonly '~standard': StandardSchemaV1.Props<TIn, TOut>;
  declare readonly __types?: { readonly input: TIn; readonly output: TOut };

  constructor(def: ScalarDefinition<TIn, TOut>) {
    this.name = def.name;
    this.def = Object.freeze({ ...def });
    this['~standard'] = Object.freeze({
      version: 1 as const,
      vendor: STANDARD_VENDOR,
      validate: (value: unknown) => {
        const result = this.validate(value);
        return result.ok ? { value: result.value } : { issues: result.issues };
      },
    });
    Object.freeze(this);
  }

  /** Validates one wire value and decodes it; never throws on bad data. */
  validate(value: unknown): ValidationResult<TOut> {
    const failure = this.def.check(value);
    if (failure !== undefined) {
      // Keep the failure's inner path (e.g. ['amount'] in a Money value), as model validators do.
      const path = failure.path === undefined ? [] : [...failure.path];
      const issue: Issue = { path, code: failure.code, message: failure.message };
      return { ok: false, issues: [issue] };
    }
    const decode = this.def.decode;
    return { ok: true, value: decode === undefined ? (value as TOut) : decode(value as TIn) };
  }
}

/** A scalar of any wire and application type. */
// biome-ignore lint/suspicious/noExplicitAny: variance escape hatch for "any scalar" constraints.
export type AnyScalarType = ScalarType<any, any>;
