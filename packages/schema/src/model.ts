import { checkModelDefinition } from './define-checks.js';
import type { FieldConfig, FieldMap } from './field.js';
import type { ModelInput, ModelOutput, Simplify } from './infer.js';
import type { ValidationResult } from './issues.js';
import { modelToJsonSchema } from './json-schema/to-json-schema.js';
import type { JsonSchema, JsonSchemaTarget } from './json-schema/types.js';
import { STANDARD_VENDOR, type StandardSchemaV1 } from './standard-schema.js';
import { encodeModel, getModelValidator } from './validate/validator.js';

export type { FieldConfig, FieldMap } from './field.js';

/** What to do with keys a model does not declare: reject them (default) or drop them. */
export type UnknownKeys = 'reject' | 'strip';

/** The options of `new SchemaModel(...)`. */
export interface ModelConfig<F extends FieldMap> {
  /** PascalCase; becomes the JSON Schema, OpenAPI and GraphQL type name. */
  readonly name: string;
  readonly description?: string;
  readonly fields: F;
  /** `'reject'` (default) guards against mass assignment; `'strip'` drops unknown keys. */
  readonly unknownKeys?: UnknownKeys;
  /** Example wire values of the whole model; checked at definition. */
  readonly examples?: readonly unknown[];
}

type Partialized<F extends FieldMap> = {
  readonly [K in keyof F]: Simplify<Omit<F[K], 'isOptional' | 'default'> & { readonly isOptional: true }>;
};

/**
 * A named, typed object model. Validation is compiled once per model; it never throws on bad data
 * and returns a fresh object holding only declared keys.
 * @example
 * const Input = new SchemaModel({ name: 'Input', fields: {
 *   invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false } } });
 * const result = Input.validate(JSON.parse(body));
 */
export class SchemaModel<const F extends FieldMap = FieldMap>
  implements StandardSchemaV1<ModelInput<F>, ModelOutput<F>>
{
  /** Discriminates field types. */
  readonly kind = 'model' as const;
  readonly name: string;
  readonly description: string | undefined;
  readonly fields: F;
  readonly unknownKeys: UnknownKeys;
  readonly examples: readonly unknown[];
  readonly '~standard': StandardSchemaV1.Props<ModelInput<F>, ModelOutput<F>>;
  #validate: ((value: unknown) => ValidationResult<unknown>) | undefined;

  constructor(config: ModelConfig<F>) {
    checkModelDefinition(config);
    this.name = config.name;
    this.description = config.description;
    this.fields = Object.freeze({ ...config.fields });
    this.unknownKeys = config.unknownKeys ?? 'reject';
    this.examples = Object.freeze([...(config.examples ?? [])]);
    this['~standard'] = Object.freeze({
      version: 1 as const,
      vendor: STANDARD_VENDOR,
      validate: (value: unknown) => {
        const r = this.validate(value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    });
    Object.freeze(this);
    for (const example of this.examples) {
      const r = this.validate(example);
      if (!r.ok)
        throw new TypeError(`model ${this.name}: an example is invalid: ${r.issues[0]?.message ?? ''}`);
    }
  }

  /** Validates wire data (e.g. parsed JSON) and returns the decoded, fresh value or every issue. */
  validate(value: unknown): ValidationResult<ModelOutput<F>> {
    this.#validate ??= getModelValidator(this);
    return this.#validate(value) as ValidationResult<ModelOutput<F>>;
  }

  /** Turns an application value (e.g. a handler's result) into wire data; undeclared keys are dropped. */
  encode(value: unknown): ValidationResult<ModelInput<F>> {
    return encodeModel(this, value) as ValidationResult<ModelInput<F>>;
  }

  /** Exports the model as JSON Schema 2020-12 (default) or an OpenAPI 3.0 schema object. */
  toJsonSchema(options?: { readonly target?: JsonSchemaTarget }): JsonSchema {
    return modelToJsonSchema(this, options?.target ?? 'draft-2020-12');
  }

  /** A new model with these fields added (or replaced). */
  extend<const G extends FieldMap>(config: ModelConfig<G>): SchemaModel<Simplify<Omit<F, keyof G> & G>> {
    type Merged = Simplify<Omit<F, keyof G> & G>;
    const fields = { ...this.fields, ...config.fields } as FieldMap as Merged;
    return new SchemaModel<Merged>({
      ...config,
      unknownKeys: config.unknownKeys ?? this.unknownKeys,
      fields,
    });
  }

  /** A new model with only the given fields. */
  pick<const K extends keyof F & string>(
    keys: readonly K[],
    options: { readonly name: string },
  ): SchemaModel<Pick<F, K>> {
    const fields: Record<string, FieldConfig> = {};
    for (const key of keys) fields[key] = this.#field(key);
    return new SchemaModel({
      name: options.name,
      unknownKeys: this.unknownKeys,
      fields: fields as Pick<F, K>,
    });
  }

  /** A new model without the given fields. */
  omit<const K extends keyof F & string>(
    keys: readonly K[],
    options: { readonly name: string },
  ): SchemaModel<Omit<F, K>> {
    const dropped = new Set<string>(keys);
    const fields: Record<string, FieldConfig> = {};
    for (const [key, field] of Object.entries(this.fields)) if (!dropped.has(key)) fields[key] = field;
    return new SchemaModel({
      name: options.name,
      unknownKeys: this.unknownKeys,
      fields: fields as Omit<F, K>,
    });
  }

  /** A new model where every field is optional and has no default (for PATCH-style inputs). */
  partial(options: { readonly name: string }): SchemaModel<Partialized<F>> {
    const fields: Record<string, FieldConfig> = {};
    for (const [key, field] of Object.entries(this.fields)) {
      const { default: _dropped, ...rest } = field;
      fields[key] = { ...rest, isOptional: true };
    }
    return new SchemaModel({
      name: options.name,
      unknownKeys: this.unknownKeys,
      fields: fields as Partialized<F>,
    });
  }

  #field(key: string): FieldConfig {
    const field = Object.hasOwn(this.fields, key) ? this.fields[key] : undefined;
    if (field === undefined) throw new TypeError(`model ${this.name} has no field "${key}"`);
    return field;
  }
}

/** A model of any fields. */
// biome-ignore lint/suspicious/noExplicitAny: variance escape hatch for "any model" constraints.
export type AnySchemaModel = SchemaModel<any>;
