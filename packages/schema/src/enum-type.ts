import { fail, type ValidationResult } from './issues.js';
import { STANDARD_VENDOR, type StandardSchemaV1 } from './standard-schema.js';

/** Names of models and enums: PascalCase identifiers, because they become GraphQL and OpenAPI names. */
export const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * A closed set of string values with a name (exported to JSON Schema `$defs` and GraphQL enums).
 * @example const InvoiceStatus = defineEnum('InvoiceStatus', ['open', 'paying', 'paid'] as const);
 */
export class EnumType<V extends string = string> implements StandardSchemaV1<V, V> {
  /** Discriminates field types. */
  readonly kind = 'enum' as const;
  readonly name: string;
  readonly values: readonly V[];
  readonly description: string | undefined;
  readonly '~standard': StandardSchemaV1.Props<V, V>;
  readonly #set: ReadonlySet<string>;

  constructor(name: string, values: readonly V[], description?: string) {
    if (!TYPE_NAME.test(name))
      throw new TypeError(`enum name "${name}" must be PascalCase, e.g. InvoiceStatus`);
    if (values.length === 0) throw new TypeError(`enum ${name} needs at least one value`);
    const set = new Set<string>(values);
    if (set.size !== values.length) throw new TypeError(`enum ${name} lists a value twice`);
    for (const v of values) {
      if (typeof v !== 'string' || v === '')
        throw new TypeError(`enum ${name}: values must be non-empty strings`);
    }
    this.name = name;
    this.values = Object.freeze([...values]);
    this.description = description;
    this.#set = set;
    this['~standard'] = Object.freeze({
      version: 1 as const,
      vendor: STANDARD_VENDOR,
      validate: (value: unknown) => {
        const r = this.validate(value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    });
    Object.freeze(this);
  }

  /** True when `value` is one of the values. */
  has(value: unknown): value is V {
    return typeof value === 'string' && this.#set.has(value);
  }

  /** Validates one value; never throws. */
  validate(value: unknown): ValidationResult<V> {
    if (this.has(value)) return { ok: true, value };
    const f = fail('invalid_enum', `must be one of: ${this.values.join(', ')}`);
    return { ok: false, issues: [{ path: [], code: f.code, message: f.message }] };
  }
}

/** Defines an {@link EnumType}; pass the values `as const` to keep their literal types. */
export function defineEnum<const V extends string>(
  name: string,
  values: readonly V[],
  description?: string,
): EnumType<V> {
  return new EnumType<V>(name, values, description);
}

/** An enum of any values. */
export type AnyEnumType = EnumType<string>;
