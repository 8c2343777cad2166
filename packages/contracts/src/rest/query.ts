import type { FieldConfig } from '@lssm/lib.schema';
import { ContractError } from '../runtime/errors.js';
import type { IoSchema } from '../spec/types.js';

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function scalarType(field: FieldConfig): string | undefined {
  const type = field.type;
  if (type.kind !== 'scalar') return undefined;
  const json = type.def.jsonSchema.type;
  return typeof json === 'string' ? json : undefined;
}

function coerce(text: string, type: string | undefined): unknown {
  if ((type === 'number' || type === 'integer') && NUMBER.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * The input of a GET query: either one `input` parameter holding JSON, or flat parameters, one per
 * top-level field, coerced to the field's type (`amount=10` is the number 10; repeated parameters
 * fill array fields). Text that is not a valid number stays text, so the validator reports it.
 */
export function inputFromQuery(query: URLSearchParams, schema: IoSchema): unknown {
  const json = query.get('input');
  if (json !== null) {
    if ([...query.keys()].some((key) => key !== 'input')) {
      throw new ContractError(
        'INVALID_INPUT',
        'Use either the `input` parameter or flat parameters, not both',
        {
          origin: 'transport',
          issues: [
            { path: ['input'], code: 'invalid_format', message: 'cannot be combined with other parameters' },
          ],
        },
      );
    }
    try {
      return JSON.parse(json) as unknown;
    } catch {
      throw new ContractError('INVALID_INPUT', 'The `input` parameter is not valid JSON', {
        origin: 'transport',
        issues: [{ path: ['input'], code: 'invalid_format', message: 'must be JSON' }],
      });
    }
  }
  const fields: Readonly<Record<string, FieldConfig>> =
    (schema as { kind?: unknown }).kind === 'model'
      ? (schema as { fields: Record<string, FieldConfig> }).fields
      : {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    const type = field === undefined ? undefined : scalarType(field);
    const values = query.getAll(key).map((value) => coerce(value, type));
    const value = field?.isArray === true ? values : values.length === 1 ? values[0] : values;
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
