import type { JsonSchema } from './types.js';

const DROPPED_IN_30 = new Set([
  '$schema',
  '$defs',
  'propertyNames',
  'examples',
  'const',
  '$id',
  'unevaluatedProperties',
]);

function convertValue(value: unknown, refPrefix: string): unknown {
  if (Array.isArray(value)) return value.map((v) => convertValue(v, refPrefix));
  if (typeof value === 'object' && value !== null) return toOpenApi30(value as JsonSchema, refPrefix);
  return value;
}

/**
 * Converts a JSON Schema 2020-12 fragment (refs `#/$defs/X`) into an OpenAPI 3.0 schema object:
 * `nullable`, boolean exclusive bounds, `example`, refs under `refPrefix`, `$ref` siblings wrapped.
 */
export function toOpenApi30(schema: JsonSchema, refPrefix: string): JsonSchema {
  if (Array.isArray(schema.type)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_IN_30.has(key)) continue;
    // OpenAPI 3.0 has no null type: null is already excluded unless `nullable: true`.
    if (key === 'not' && isNullSchema(value)) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/$defs/', refPrefix);
    else if (key === 'exclusiveMinimum') Object.assign(out, { minimum: value, exclusiveMinimum: true });
    else if (key === 'exclusiveMaximum') Object.assign(out, { maximum: value, exclusiveMaximum: true });
    else if (key === 'properties' && typeof value === 'object' && value !== null) {
      const props: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(value)) props[name] = convertValue(prop, refPrefix);
      out.properties = props;
    } else out[key] = convertValue(value, refPrefix);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) out.example = schema.examples[0];
  if (schema.const !== undefined) out.enum = [schema.const];
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && anyOf.some((s) => isNullSchema(s))) {
    const other = anyOf.find((s) => !isNullSchema(s)) as JsonSchema;
    delete out.anyOf;
    Object.assign(out, { allOf: [toOpenApi30(other, refPrefix)], nullable: true });
  }
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

function isNullSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as JsonSchema).type === 'null';
}
