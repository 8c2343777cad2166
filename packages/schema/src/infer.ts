import type { EnumType } from './enum-type.js';
import type { FieldConfig, FieldMap, SchemaModel } from './model.js';
import type { ScalarType } from './scalar-type.js';

/** Flattens an intersection for readable hovers. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

type TypeIn<T> =
  T extends ScalarType<infer I, infer _O>
    ? I
    : T extends EnumType<infer V>
      ? V
      : T extends SchemaModel<infer F>
        ? ModelInput<F>
        : never;

type TypeOut<T> =
  T extends ScalarType<infer _I, infer O>
    ? O
    : T extends EnumType<infer V>
      ? V
      : T extends SchemaModel<infer F>
        ? ModelOutput<F>
        : never;

type WrapArray<F, T> = F extends { readonly isArray: true } ? T[] : T;
type WrapNull<F, T> = F extends { readonly isNullable: true } ? T | null : T;

/** The wire (JSON) type of one field. */
export type FieldInput<F extends FieldConfig> = WrapNull<F, WrapArray<F, TypeIn<F['type']>>>;
/** The type a handler receives for one field. */
export type FieldOutput<F extends FieldConfig> = WrapNull<F, WrapArray<F, TypeOut<F['type']>>>;

type HasDefault<F> = F extends { readonly default: unknown } ? true : false;

type RequiredInputKeys<F extends FieldMap> = {
  [K in keyof F]: F[K] extends { readonly isOptional: false }
    ? HasDefault<F[K]> extends true
      ? never
      : K
    : never;
}[keyof F];

type RequiredOutputKeys<F extends FieldMap> = {
  [K in keyof F]: F[K] extends { readonly isOptional: false } ? K : HasDefault<F[K]> extends true ? K : never;
}[keyof F];

/** The wire type of a model's fields: what a client sends. */
export type ModelInput<F extends FieldMap> = Simplify<
  { -readonly [K in RequiredInputKeys<F>]: FieldInput<F[K]> } & {
    -readonly [K in Exclude<keyof F, RequiredInputKeys<F>>]?: FieldInput<F[K]>;
  }
>;

/** The application type of a model's fields: what a handler receives. */
export type ModelOutput<F extends FieldMap> = Simplify<
  { -readonly [K in RequiredOutputKeys<F>]: FieldOutput<F[K]> } & {
    -readonly [K in Exclude<keyof F, RequiredOutputKeys<F>>]?: FieldOutput<F[K]>;
  }
>;

/**
 * The wire type of a model, scalar or enum: the JSON a client sends.
 * @example type Body = InferInput<typeof CapturePaymentInput>;
 */
export type InferInput<T> = TypeIn<T>;

/**
 * The application type of a model, scalar or enum: what a handler receives (`Date` for DateTime).
 * @example async function handle(input: InferOutput<typeof CapturePaymentInput>) {}
 */
export type InferOutput<T> = TypeOut<T>;
