import type { FieldConfig } from '@lssm/lib.schema';
import type { AnyOperationSpec } from '../spec/operation.js';
import { fieldSchema, firstExample, ioSchema, isFlatField, isModel, type SchemaContext } from './schemas.js';
import type { MediaTypeObject, ParameterObject } from './types.js';

/** The query parameter that carries a query's whole input as JSON on GET. */
export const INPUT_PARAMETER = 'input';

/**
 * The query parameters of a query's GET: `input` (the whole input as JSON), or one `style: form`
 * parameter per top-level scalar or enum field of the input model (arrays as repeated parameters;
 * numbers and booleans are read from their text). Nested models, JSON and Money fields have no
 * flat form, and neither has a field named `input`: such inputs go in `input`.
 */
export function queryParameters(
  context: SchemaContext,
  spec: AnyOperationSpec,
  at: string,
): ParameterObject[] {
  const input = spec.io.input;
  const flat: ParameterObject[] = [];
  const notFlat: string[] = [];
  if (isModel(input)) {
    for (const [name, field] of Object.entries(input.fields as Readonly<Record<string, FieldConfig>>)) {
      if (name === INPUT_PARAMETER || !isFlatField(field)) notFlat.push(name);
      else flat.push(flatParameter(context, name, field, `${at}/${name}`));
    }
  }
  const media: MediaTypeObject = { schema: ioSchema(context, input, `${at}/input`) };
  const example = firstExample(input, `${at}/input/example`);
  if (example !== undefined) media.example = example;
  let description =
    'The whole input as JSON (URL-encoded). Send either this or the flat parameters, not both.';
  if (!isModel(input)) description = 'The whole input as JSON (URL-encoded).';
  else if (notFlat.length > 0)
    description += ` Fields without a flat form (send them here): ${notFlat.join(', ')}.`;
  return [
    {
      name: INPUT_PARAMETER,
      in: 'query',
      required: false,
      description,
      content: { 'application/json': media },
    },
    ...flat,
  ];
}

function flatParameter(
  context: SchemaContext,
  name: string,
  field: FieldConfig,
  at: string,
): ParameterObject {
  const required = !field.isOptional && field.default === undefined;
  const notes = [
    field.description,
    required ? 'Required in the flat form (unless the input is sent as `input`).' : undefined,
    field.isArray === true ? 'Repeat the parameter for each item.' : undefined,
  ].filter((s): s is string => s !== undefined && s !== '');
  const parameter: ParameterObject = {
    name,
    in: 'query',
    ...(notes.length > 0 ? { description: notes.join(' ') } : {}),
    required: false,
    ...(field.deprecated !== undefined && field.deprecated !== false ? { deprecated: true } : {}),
    style: 'form',
    explode: true,
    schema: fieldSchema(context, field, at),
  };
  return parameter;
}
