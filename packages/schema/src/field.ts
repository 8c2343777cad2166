import type { AnyEnumType } from './enum-type.js';
import type { AnySchemaModel } from './model.js';
import type { AnyScalarType } from './scalar-type.js';

/** What a field can hold: a scalar, an enum or a nested model. */
export type FieldType = AnyScalarType | AnyEnumType | AnySchemaModel;

/** Default largest array a field accepts when `maxItems` is not given. */
export const DEFAULT_MAX_ITEMS = 1_000;

/**
 * One field of a model.
 * @example { type: ScalarTypeEnum.NonEmptyString(), isOptional: false, description: 'Invoice to pay' }
 */
export interface FieldConfig<T extends FieldType = FieldType> {
  readonly type: T;
  /** Whether the field may be absent. Required on purpose: every field states it. */
  readonly isOptional: boolean;
  /** The field holds an array of `type`. */
  readonly isArray?: boolean;
  /** The field may be `null` (distinct from absent). */
  readonly isNullable?: boolean;
  readonly description?: string;
  /** Example wire values; checked against the field when the model is defined. */
  readonly examples?: readonly unknown[];
  /** Wire value used when the field is absent; checked when the model is defined. */
  readonly default?: unknown;
  /** Marks the field deprecated; a string gives the reason or replacement. */
  readonly deprecated?: boolean | string;
  /** Fewest array items (arrays only). */
  readonly minItems?: number;
  /** Most array items (arrays only; default 1,000). */
  readonly maxItems?: number;
}

/** The fields of a model, by name. */
export type FieldMap = { readonly [name: string]: FieldConfig };
