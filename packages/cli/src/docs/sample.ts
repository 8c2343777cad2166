import { normalize, type Schema, schemaAt } from '../diff/normalize.js';

const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2026-01-31T09:30:00Z',
  date: '2026-01-31',
  email: 'ada@example.com',
  uuid: '3f1c6a52-5e2b-4c1e-9d0a-7b6f0c2d9e11',
  uri: 'https://example.com/',
};

function number(rest: Schema, integer: boolean): number {
  const min = typeof rest.minimum === 'number' ? rest.minimum : undefined;
  const exclusive = typeof rest.exclusiveMinimum === 'number' ? rest.exclusiveMinimum : undefined;
  const base = min ?? (exclusive === undefined ? 1 : exclusive + 1);
  return integer ? Math.ceil(base) : base;
}

/**
 * A plausible value for a schema, for the examples of operations without one of their own: the
 * schema's own example, default, const or first enum value, else one made from its type and
 * format. Only required fields are filled in.
 */
export function sampleOf(schema: Schema, root: Schema = schema, depth = 0): unknown {
  const { types, rest } = normalize(schema, root);
  if (Array.isArray(rest.examples) && rest.examples.length > 0) return rest.examples[0];
  if (rest.default !== undefined) return rest.default;
  if ('const' in rest) return rest.const;
  if (Array.isArray(rest.enum) && rest.enum.length > 0) return rest.enum[0];
  if (depth > 6) return null;
  const type =
    types === undefined
      ? 'object'
      : ['object', 'array', 'string', 'integer', 'number', 'boolean'].find((t) => types.has(t));
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    const properties = schemaAt(rest, 'properties') ?? {};
    const required = Array.isArray(rest.required) ? rest.required : [];
    for (const name of required) {
      const field = schemaAt(properties, String(name));
      if (field !== undefined) out[String(name)] = sampleOf(field, root, depth + 1);
    }
    return out;
  }
  if (type === 'array') {
    const items = schemaAt(rest, 'items');
    return items === undefined ? [] : [sampleOf(items, root, depth + 1)];
  }
  if (type === 'integer' || type === 'number') return number(rest, type === 'integer');
  if (type === 'boolean') return true;
  if (type === 'string') {
    const format = typeof rest.format === 'string' ? FORMAT_SAMPLES[rest.format] : undefined;
    return format ?? (typeof rest.title === 'string' ? rest.title : 'text');
  }
  return null;
}
