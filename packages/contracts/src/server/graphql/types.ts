import type { AnyEnumType, AnySchemaModel, FieldConfig, FieldType } from '@lssm/lib.schema';
import {
  GraphQLBoolean,
  GraphQLEnumType,
  type GraphQLEnumValueConfigMap,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLString,
  isNamedType,
  isNonNullType,
} from 'graphql';
import type { IoSchema } from '../../index.js';
import { customScalar, MONEY, MONEY_INPUT, scalarFor } from './scalars.js';

/** Which side of an operation a type is for: GraphQL keeps input and output object types apart. */
export type Direction = 'input' | 'output';

const BUILT_IN: ReadonlySet<unknown> = new Set([
  GraphQLString,
  GraphQLInt,
  GraphQLFloat,
  GraphQLBoolean,
  GraphQLID,
]);
const ENUM_VALUE = /^[_A-Za-z][_0-9A-Za-z]*$/;
const NOT_ENUM_VALUES = new Set(['true', 'false', 'null']);

/** Input object types are named `<Model>Input`, unless the model's name already ends in `Input`. */
export function inputTypeName(modelName: string): string {
  return modelName.endsWith('Input') ? modelName : `${modelName}Input`;
}

/** Output object types take the model's name, less a final `Input` (`ListInvoicesInput` -> `ListInvoices`). */
export function outputTypeName(modelName: string): string {
  return modelName.endsWith('Input') && modelName.length > 5 ? modelName.slice(0, -5) : modelName;
}

function isModel(schema: unknown): schema is AnySchemaModel {
  return typeof schema === 'object' && schema !== null && (schema as { kind?: unknown }).kind === 'model';
}

/** The fields of a model of any fields (`SchemaModel<any>` types them loosely; they are FieldConfigs). */
function fieldsOf(model: AnySchemaModel): [string, FieldConfig][] {
  return Object.entries(model.fields as Record<string, FieldConfig>);
}

function isFieldType(schema: IoSchema): schema is FieldType {
  const kind = (schema as { kind?: unknown }).kind;
  return kind === 'model' || kind === 'enum' || kind === 'scalar';
}

/**
 * Turns our models, enums and scalars into graphql-js types, once each per schema build. Two
 * different types with one name are refused (as the JSON Schema export does), so a schema never
 * silently shows one model in place of another.
 */
export class TypeMapper {
  readonly #owners = new Map<string, unknown>([
    ['Query', 'root'],
    ['Mutation', 'root'],
    ['Subscription', 'root'],
    ...['String', 'Int', 'Float', 'Boolean', 'ID'].map((name): [string, unknown] => [name, 'built-in']),
  ]);
  readonly #outputs = new Map<AnySchemaModel, GraphQLOutputType>();
  readonly #inputs = new Map<AnySchemaModel, GraphQLInputType | undefined>();
  readonly #enums = new Map<AnyEnumType, GraphQLEnumType | typeof GraphQLString>();

  /** The GraphQL type of an operation's output; other Standard Schemas (zod...) become `JSON`. */
  output(schema: IoSchema): GraphQLOutputType {
    return isFieldType(schema) ? this.#leafOrObject(schema, 'output') : customScalar('JSON');
  }

  /**
   * The type of an operation's `input` argument (non-null when some field is required), or
   * `undefined` for a model without fields (the field then takes no argument).
   */
  input(schema: IoSchema): GraphQLInputType | undefined {
    if (!isFieldType(schema)) return customScalar('JSON');
    if (!isModel(schema)) return new GraphQLNonNull(this.#leafOrObject(schema, 'input') as GraphQLInputType);
    const type = this.#inputObject(schema);
    if (type === undefined) return undefined;
    const required = fieldsOf(schema).some(([, field]) => isNonNullType(this.#inputField(field)));
    return required ? new GraphQLNonNull(type) : type;
  }

  #claim(name: string, owner: unknown): void {
    const existing = this.#owners.get(name);
    if (existing !== undefined && existing !== owner) {
      throw new TypeError(
        `GraphQL: two different types are both named "${name}"; give one of them another name`,
      );
    }
    this.#owners.set(name, owner);
  }

  #leafOrObject(type: FieldType, direction: Direction): GraphQLInputType & GraphQLOutputType {
    if (type.kind === 'enum') return this.#enum(type);
    if (type.kind === 'scalar') {
      const leaf = scalarFor(type.name, type.def.jsonSchema);
      const mapped = leaf ?? (direction === 'input' ? MONEY_INPUT : MONEY);
      if (isNamedType(mapped) && !BUILT_IN.has(mapped)) this.#claim(mapped.name, mapped);
      // A scalar maps to a leaf type, or to Money (an object for outputs, an input object for inputs).
      return mapped as GraphQLInputType & GraphQLOutputType;
    }
    const object = direction === 'input' ? this.#inputObject(type) : this.#outputObject(type);
    // Models without fields have no GraphQL object form: they travel as a JSON object.
    return (object ?? customScalar('JSONObject')) as GraphQLInputType & GraphQLOutputType;
  }

  #enum(type: AnyEnumType): GraphQLEnumType | typeof GraphQLString {
    const known = this.#enums.get(type);
    if (known !== undefined) return known;
    const valid = type.values.every((v) => ENUM_VALUE.test(v) && !NOT_ENUM_VALUES.has(v));
    // Values GraphQL cannot name (e.g. `in-progress`) stay strings, identical on every transport.
    let mapped: GraphQLEnumType | typeof GraphQLString = GraphQLString;
    if (valid) {
      this.#claim(type.name, type);
      const values: GraphQLEnumValueConfigMap = {};
      for (const value of type.values) values[value] = { value };
      mapped = new GraphQLEnumType({ name: type.name, description: type.description, values });
    }
    this.#enums.set(type, mapped);
    return mapped;
  }

  #outputObject(model: AnySchemaModel): GraphQLOutputType | undefined {
    if (this.#outputs.has(model)) return this.#outputs.get(model);
    const entries = fieldsOf(model);
    if (entries.length === 0) return undefined;
    const name = outputTypeName(model.name);
    this.#claim(name, model);
    const type = new GraphQLObjectType({
      name,
      description: model.description,
      fields: () => {
        const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
        for (const [fieldName, field] of entries) {
          const base = this.#leafOrObject(field.type, 'output');
          const item = field.isArray === true ? new GraphQLList(new GraphQLNonNull(base)) : base;
          const required = !field.isOptional && field.isNullable !== true;
          fields[fieldName] = {
            type: required ? new GraphQLNonNull(item) : item,
            description: describeField(field, base, false),
            deprecationReason: deprecationOf(field),
          };
        }
        return fields;
      },
    });
    this.#outputs.set(model, type);
    return type;
  }

  #inputObject(model: AnySchemaModel): GraphQLInputObjectType | undefined {
    if (this.#inputs.has(model)) return this.#inputs.get(model) as GraphQLInputObjectType | undefined;
    const entries = fieldsOf(model);
    if (entries.length === 0) {
      this.#inputs.set(model, undefined);
      return undefined;
    }
    const name = inputTypeName(model.name);
    this.#claim(name, model);
    const type = new GraphQLInputObjectType({
      name,
      description: model.description,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const [fieldName, field] of entries) {
          const type = this.#inputField(field);
          // GraphQL refuses deprecating a required input field; the description still says it.
          const reason = isNonNullType(type) ? undefined : deprecationOf(field);
          const base = this.#leafOrObject(field.type, 'input');
          fields[fieldName] = {
            type,
            description: describeField(field, base, reason === undefined),
            deprecationReason: reason,
          };
        }
        return fields;
      },
    });
    this.#inputs.set(model, type);
    return type;
  }

  /** Required (non-null) only when absent is invalid: not optional, not nullable, no default. */
  #inputField(field: FieldConfig): GraphQLInputType {
    const base = this.#leafOrObject(field.type, 'input');
    const item = field.isArray === true ? new GraphQLList(new GraphQLNonNull(base)) : base;
    const required = !field.isOptional && field.isNullable !== true && field.default === undefined;
    return required ? new GraphQLNonNull(item) : item;
  }
}

function deprecationOf(field: FieldConfig): string | undefined {
  if (field.deprecated === undefined || field.deprecated === false) return undefined;
  return field.deprecated === true ? 'No longer supported' : field.deprecated;
}

/**
 * The field's description; for an enum kept as a string, the values it accepts; and the
 * deprecation where GraphQL cannot mark it (`sayDeprecated`: required input fields).
 */
function describeField(field: FieldConfig, mapped: unknown, sayDeprecated: boolean): string | undefined {
  const parts: string[] = [];
  if (field.description !== undefined) parts.push(field.description);
  if (field.type.kind === 'enum' && mapped === GraphQLString)
    parts.push(`One of: ${field.type.values.join(', ')}.`);
  if (sayDeprecated && deprecationOf(field) !== undefined) {
    parts.push(`Deprecated: ${deprecationOf(field)}.`);
  }
  return parts.length === 0 ? undefined : parts.join(' ');
}
