import type { AnyEnumType } from '../enum-type.js';
import { DEFAULT_MAX_ITEMS, type FieldConfig, type FieldType } from '../field.js';
import type { AnySchemaModel } from '../model.js';
import { toOpenApi30 } from './openapi30.js';
import type { JsonSchema, JsonSchemaTarget } from './types.js';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const LOCAL = '#/$defs/';

/** How a {@link JsonSchemaBuilder} writes named types. */
export interface JsonSchemaBuilderOptions {
  readonly target?: JsonSchemaTarget;
  /** Where `$ref`s point (default `#/$defs/`; OpenAPI uses `#/components/schemas/`). */
  readonly refPrefix?: string;
  /** Inline models and enums instead of referring to them (recursive JSON becomes `{}`). */
  readonly inline?: boolean;
}

/**
 * Turns models, enums and scalars into JSON Schema, naming each model and enum once in a shared
 * definitions table. The OpenAPI generator uses one builder per document.
 */
export class JsonSchemaBuilder {
  readonly target: JsonSchemaTarget;
  readonly refPrefix: string;
  readonly #inline: boolean;
  readonly #defs = new Map<string, { readonly owner: unknown; schema: JsonSchema }>();

  constructor(options: JsonSchemaBuilderOptions = {}) {
    this.target = options.target ?? 'draft-2020-12';
    this.refPrefix = options.refPrefix ?? LOCAL;
    this.#inline = options.inline ?? false;
  }

  /** The schema of a field type: a `$ref` for models and enums, inline for scalars. */
  typeSchema(type: FieldType): JsonSchema {
    return this.#finish(this.#type(type));
  }

  /** The schema of one field: its type plus array, null, description, default and examples. */
  fieldSchema(field: FieldConfig): JsonSchema {
    return this.#finish(this.#field(field));
  }

  /** The object schema of a model, inline (not a `$ref`). */
  modelSchema(model: AnySchemaModel): JsonSchema {
    return this.#finish(this.#model(model));
  }

  /** The named definitions collected so far (models, enums, shared scalar schemas), sorted by name. */
  definitions(): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const [name, { schema }] of [...this.#defs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out[name] = this.#finish(schema);
    }
    return out;
  }

  #type(type: FieldType): JsonSchema {
    if (type.kind === 'model') return this.#named(type.name, type, () => this.#model(type));
    if (type.kind === 'enum') return this.#named(type.name, type, () => enumSchema(type));
    const defs = type.def.defs ?? {};
    for (const [name, schema] of Object.entries(defs))
      this.#named(name, JSON.stringify(schema), () => schema);
    return this.#inline ? inlineRefs(type.def.jsonSchema, defs, []) : type.def.jsonSchema;
  }

  #field(field: FieldConfig): JsonSchema {
    let schema: Record<string, unknown> = { ...this.#type(field.type) };
    if (field.isArray === true) {
      schema = { type: 'array', items: schema, maxItems: field.maxItems ?? DEFAULT_MAX_ITEMS };
      if (field.minItems !== undefined) schema.minItems = field.minItems;
    } else if (field.isNullable !== true && admitsNull(field.type)) {
      // Validators treat `null` in a field as "the field is null" (allowed only with isNullable),
      // even when the type itself has a null value (JSON): say so, or the schema accepts more.
      schema = 'not' in schema ? { allOf: [schema], not: NULL_SCHEMA } : { ...schema, not: NULL_SCHEMA };
    }
    if (field.isNullable === true) schema = { anyOf: [schema, { type: 'null' }] };
    if (field.description !== undefined) schema.description = field.description;
    if (field.deprecated !== undefined && field.deprecated !== false) schema.deprecated = true;
    if (field.default !== undefined) schema.default = field.default;
    if (field.examples !== undefined && field.examples.length > 0) schema.examples = [...field.examples];
    return schema;
  }

  #model(model: AnySchemaModel): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [name, field] of Object.entries(model.fields as Readonly<Record<string, FieldConfig>>)) {
      properties[name] = this.#field(field);
      if (!field.isOptional && field.default === undefined) required.push(name);
    }
    const schema: Record<string, unknown> = { type: 'object', title: model.name };
    if (model.description !== undefined) schema.description = model.description;
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
    if (model.unknownKeys === 'reject') schema.additionalProperties = false;
    if (model.examples.length > 0) schema.examples = [...model.examples];
    return schema;
  }

  #finish(schema: JsonSchema): JsonSchema {
    if (this.target === 'openapi-3.0') return toOpenApi30(schema, this.refPrefix);
    if (this.refPrefix === LOCAL) return schema;
    return JSON.parse(JSON.stringify(schema).replaceAll(`"${LOCAL}`, `"${this.refPrefix}`)) as JsonSchema;
  }

  #named(name: string, owner: unknown, build: () => JsonSchema): JsonSchema {
    const existing = this.#defs.get(name);
    if (existing !== undefined && existing.owner !== owner) {
      throw new TypeError(`two different types are both named "${name}"; give one of them another name`);
    }
    if (this.#inline) return build();
    if (existing === undefined) {
      const entry = { owner, schema: {} as JsonSchema };
      this.#defs.set(name, entry);
      entry.schema = build();
    }
    return { $ref: `${LOCAL}${name}` };
  }
}

const NULL_SCHEMA: JsonSchema = Object.freeze({ type: 'null' });

/** True when the type's own rule accepts `null` (JSON values), unlike the field-level null rule. */
function admitsNull(type: FieldType): boolean {
  return type.kind === 'scalar' && type.def.check(null) === undefined;
}

/** Replaces local `$ref`s with their definitions; a recursive reference becomes `{}` (any). */
function inlineRefs(
  value: unknown,
  defs: Readonly<Record<string, JsonSchema>>,
  stack: readonly string[],
): JsonSchema {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const ref = (v as JsonSchema).$ref;
    if (typeof ref === 'string' && ref.startsWith(LOCAL)) {
      const name = ref.slice(LOCAL.length);
      const { $ref: _ref, ...rest } = v as JsonSchema;
      const target = defs[name];
      if (target === undefined || stack.includes(name)) return rest;
      return { ...inlineRefs(target, defs, [...stack, name]), ...rest };
    }
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) out[key] = walk(inner);
    return out;
  };
  return walk(value) as JsonSchema;
}

function enumSchema(type: AnyEnumType): JsonSchema {
  const schema: Record<string, unknown> = { type: 'string', title: type.name, enum: [...type.values] };
  if (type.description !== undefined) schema.description = type.description;
  return schema;
}

/**
 * A self-contained schema for a model: JSON Schema 2020-12 with `$defs`, or (for `openapi-3.0`)
 * one OpenAPI 3.0 schema object with every named type inlined.
 */
export function modelToJsonSchema(model: AnySchemaModel, target: JsonSchemaTarget): JsonSchema {
  const builder = new JsonSchemaBuilder({ target, inline: target === 'openapi-3.0' });
  const root = builder.modelSchema(model);
  if (target === 'openapi-3.0') return root;
  const defs = builder.definitions();
  return Object.keys(defs).length > 0
    ? { $schema: DIALECT, ...root, $defs: defs }
    : { $schema: DIALECT, ...root };
}
