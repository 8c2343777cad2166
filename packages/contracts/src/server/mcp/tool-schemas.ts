import type { IoSchema } from '../../index.js';

/** A JSON Schema whose instances are objects: what MCP requires of a tool's input and output schema. */
export interface ObjectJsonSchema {
  readonly type: 'object';
  readonly [keyword: string]: unknown;
}

type Converter = (options: { readonly target: string }) => Record<string, unknown>;

/** JSON Schema for the wire side of a schema: ours from the model, others through Standard JSON Schema. */
function jsonSchemaOf(schema: IoSchema, side: 'input' | 'output'): Record<string, unknown> | undefined {
  const candidate = schema as {
    readonly kind?: unknown;
    readonly toJsonSchema?: () => Record<string, unknown>;
    readonly '~standard'?: {
      readonly jsonSchema?: { readonly input?: Converter; readonly output?: Converter };
    };
  };
  try {
    // Our models describe their wire form (e.g. DateTime as an RFC 3339 string) on both sides.
    if (candidate.kind === 'model' && typeof candidate.toJsonSchema === 'function')
      return candidate.toJsonSchema();
    const convert = candidate['~standard']?.jsonSchema?.[side];
    return typeof convert === 'function' ? convert({ target: 'draft-2020-12' }) : undefined;
  } catch {
    return undefined;
  }
}

/** The schema when it describes objects (MCP's rule for tool schemas); it keeps its `$schema` (2020-12). */
function asObjectSchema(schema: Record<string, unknown> | undefined): ObjectJsonSchema | undefined {
  // The cast states what was just checked: `type` is 'object'.
  return schema !== undefined && schema.type === 'object' ? (schema as ObjectJsonSchema) : undefined;
}

/**
 * A tool's `inputSchema`. Inputs that are not objects, or whose schema cannot be exported (a
 * Standard Schema without JSON Schema support), get an open object schema: the server still
 * validates every call.
 */
export function toolInputSchema(schema: IoSchema): ObjectJsonSchema {
  return (
    asObjectSchema(jsonSchemaOf(schema, 'input')) ?? {
      type: 'object',
      description: 'Validated by the server; no JSON Schema is available for this input.',
    }
  );
}

/** A tool's `outputSchema`, or undefined when the output is not an object or has no JSON Schema. */
export function toolOutputSchema(schema: IoSchema): ObjectJsonSchema | undefined {
  return asObjectSchema(jsonSchemaOf(schema, 'output'));
}
