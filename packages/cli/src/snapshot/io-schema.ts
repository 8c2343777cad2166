import type { IoSchema } from '@lssm/lib.contracts';
import { type AnySchemaModel, type FieldType, JsonSchemaBuilder } from '@lssm/lib.schema';
import { type JsonSchemaDoc, OPAQUE } from './types.js';

type Converter = (options: { readonly target: string }) => unknown;

function isFieldType(schema: unknown): schema is FieldType {
  const kind = (schema as { kind?: unknown }).kind;
  return kind === 'model' || kind === 'enum' || kind === 'scalar';
}

/** Plain JSON: drops `undefined`, copies frozen and shared objects. */
function plain(value: unknown): JsonSchemaDoc {
  return JSON.parse(JSON.stringify(value)) as JsonSchemaDoc;
}

/**
 * The wire-side JSON Schema of an input, output or error data schema, inlined so it can be compared
 * without resolving references: ours from the model, enum or scalar; others through Standard JSON
 * Schema (`~standard.jsonSchema`) when they offer it; else an opaque marker naming the vendor.
 */
export function ioJsonSchema(schema: IoSchema, side: 'input' | 'output'): JsonSchemaDoc {
  if (isFieldType(schema)) {
    const builder = new JsonSchemaBuilder({ inline: true });
    return plain(
      schema.kind === 'model' ? builder.modelSchema(schema as AnySchemaModel) : builder.typeSchema(schema),
    );
  }
  const standard = (schema as { '~standard'?: { vendor?: unknown; jsonSchema?: Record<string, unknown> } })[
    '~standard'
  ];
  const convert = standard?.jsonSchema?.[side];
  if (typeof convert === 'function') {
    try {
      return plain((convert as Converter)({ target: 'draft-2020-12' }));
    } catch {
      // Falls through to the opaque marker.
    }
  }
  return { [OPAQUE]: typeof standard?.vendor === 'string' ? standard.vendor : 'unknown' };
}
