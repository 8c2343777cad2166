import {
  type AnySchemaModel,
  EnumType,
  type FieldConfig,
  type JsonSchema,
  JsonSchemaBuilder,
  ScalarType,
} from '@lssm/lib.schema';
import type { IoSchema } from '../spec/types.js';
import { toJson, toJsonObject } from './json.js';
import type { JsonValue, SchemaObject } from './types.js';

/** Where component schemas live in the document. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';
/** The component name of the error body every error response shares. */
export const ERROR_RESPONSE = 'ErrorResponse';

/** The one schema builder of a document and the OpenAPI flavour it writes for. */
export interface SchemaContext {
  readonly builder: JsonSchemaBuilder;
  readonly flavour: '3.1' | '3.0';
}

/** A schema context with one {@link JsonSchemaBuilder} whose refs point at `components.schemas`. */
export function createSchemaContext(flavour: '3.1' | '3.0'): SchemaContext {
  const target = flavour === '3.0' ? 'openapi-3.0' : 'draft-2020-12';
  return { builder: new JsonSchemaBuilder({ target, refPrefix: SCHEMA_REF_PREFIX }), flavour };
}

/** True for one of our models (the convention `isIoSchema` uses: `kind === 'model'`). */
export function isModel(schema: unknown): schema is AnySchemaModel {
  return typeof schema === 'object' && schema !== null && (schema as { kind?: unknown }).kind === 'model';
}

/**
 * The schema of an operation's input, output or error data: a `$ref` for our models (their
 * definitions land in `components.schemas`), inline for our scalars and enums, and `{}` with a
 * description for any other Standard Schema (zod, valibot...), which has no JSON Schema we derive.
 */
export function ioSchema(context: SchemaContext, schema: IoSchema, at: string): SchemaObject {
  if (isModel(schema) || schema instanceof EnumType || schema instanceof ScalarType) {
    return toJsonObject(context.builder.typeSchema(schema), at);
  }
  const vendor = (schema as { '~standard'?: { vendor?: unknown } })['~standard']?.vendor;
  const by =
    typeof vendor === 'string' && vendor !== '' ? `a ${vendor} Standard Schema` : 'a Standard Schema';
  return {
    description: `Defined by ${by}, which has no JSON Schema export here; the server validates it.`,
  };
}

/** The first example of a model, as JSON, or undefined. */
export function firstExample(schema: IoSchema, at: string): JsonValue | undefined {
  if (!isModel(schema) || schema.examples.length === 0) return undefined;
  return toJson(schema.examples[0], at);
}

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/** True when a field's values travel as plain query text: enums and string/number/boolean scalars. */
export function isFlatField(field: FieldConfig): boolean {
  const type = field.type;
  if (type.kind === 'enum') return true;
  if (type.kind !== 'scalar') return false;
  let schema: JsonSchema | undefined = type.def.jsonSchema;
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) schema = type.def.defs?.[ref.slice(8)];
  return typeof schema?.type === 'string' && PRIMITIVE_TYPES.has(schema.type);
}

/** The schema of one model field (a query parameter), as JSON. */
export function fieldSchema(context: SchemaContext, field: FieldConfig, at: string): SchemaObject {
  return toJsonObject(context.builder.fieldSchema(field), at);
}

/** A `$ref` to a component schema. */
export function schemaRef(name: string): SchemaObject {
  return { $ref: `${SCHEMA_REF_PREFIX}${name}` };
}

/**
 * The `ErrorResponse` component: `{ error: { code, message, issues?, data?, requestId } }`, the
 * body of every error response on REST.
 */
export function errorResponseSchema(flavour: '3.1' | '3.0'): SchemaObject {
  const segment: SchemaObject =
    flavour === '3.1'
      ? { type: ['string', 'integer'] }
      : { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  return {
    type: 'object',
    title: ERROR_RESPONSE,
    description: 'The body of every error response.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'requestId'],
        properties: {
          code: { type: 'string', description: 'Stable error code, e.g. INVALID_INPUT or ALREADY_PAID.' },
          message: { type: 'string', description: 'A message safe to show; do not parse it.' },
          issues: {
            type: 'array',
            description: 'What is wrong with the input (INVALID_INPUT).',
            items: {
              type: 'object',
              required: ['path', 'code', 'message'],
              properties: {
                path: {
                  type: 'array',
                  items: segment,
                  description: 'Where the issue is: keys and array indexes.',
                },
                code: { type: 'string' },
                message: { type: 'string' },
              },
            },
          },
          data: { description: "Any JSON: the error's typed data, declared per domain error code." },
          requestId: { type: 'string', description: 'Quote it when reporting a problem.' },
        },
      },
    },
  };
}

/**
 * The schema of one error response: the `ErrorResponse` component narrowed to the codes the
 * status carries, and to their declared `data` when they have one.
 */
export function errorSchemaFor(codes: readonly string[], data: readonly SchemaObject[]): SchemaObject {
  const error: SchemaObject = { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } };
  const first = data[0];
  if (first !== undefined) {
    const properties = error.properties as SchemaObject;
    properties.data = data.length === 1 ? first : { anyOf: [...data] };
  }
  return { allOf: [schemaRef(ERROR_RESPONSE), { type: 'object', properties: { error } }] };
}
