import { TYPE_NAME } from './enum-type.js';
import type { FieldConfig, FieldMap } from './field.js';
import { formatPath } from './issues.js';
import type { ModelConfig } from './model.js';
import { FORBIDDEN_KEYS } from './scalars/json.js';
import { validateFieldValue } from './validate/validator.js';

/** Field names: identifiers usable in JSON, TypeScript and GraphQL alike. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(FORBIDDEN_KEYS);

function isFieldType(type: unknown): boolean {
  if (typeof type !== 'object' || type === null) return false;
  const kind = (type as { kind?: unknown }).kind;
  return kind === 'scalar' || kind === 'enum' || kind === 'model';
}

function checkCount(where: string, key: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${where}: "${key}" must be a non-negative integer`);
  }
}

function checkWireValue(where: string, what: string, field: FieldConfig, value: unknown): void {
  const issues = validateFieldValue(field, value);
  const first = issues[0];
  if (first !== undefined) {
    throw new TypeError(`${where}: ${what} is invalid at ${formatPath(first.path)}: ${first.message}`);
  }
}

function checkField(model: string, name: string, field: FieldConfig): void {
  const where = `model ${model}, field "${name}"`;
  if (!FIELD_NAME.test(name) || name.startsWith('__') || RESERVED.has(name)) {
    throw new TypeError(
      `${where}: field names must be identifiers (letters, digits, _), not starting with "__"`,
    );
  }
  if (typeof field !== 'object' || field === null)
    throw new TypeError(`${where}: expected a field config object`);
  if (!isFieldType(field.type)) {
    throw new TypeError(`${where}: "type" must be a ScalarTypeEnum scalar, an enum or a SchemaModel`);
  }
  if (typeof field.isOptional !== 'boolean')
    throw new TypeError(`${where}: "isOptional" must be true or false`);
  checkCount(where, 'minItems', field.minItems);
  checkCount(where, 'maxItems', field.maxItems);
  if ((field.minItems !== undefined || field.maxItems !== undefined) && field.isArray !== true) {
    throw new TypeError(`${where}: minItems/maxItems need isArray: true`);
  }
  if (field.minItems !== undefined && field.maxItems !== undefined && field.minItems > field.maxItems) {
    throw new TypeError(`${where}: minItems is greater than maxItems`);
  }
  if (field.default !== undefined) checkWireValue(where, 'the default', field, field.default);
  for (const example of field.examples ?? []) checkWireValue(where, 'an example', field, example);
}

/** Rejects malformed model definitions with a message naming the model and field. */
export function checkModelDefinition(config: ModelConfig<FieldMap>): void {
  if (typeof config !== 'object' || config === null) throw new TypeError('SchemaModel needs a config object');
  if (typeof config.name !== 'string' || !TYPE_NAME.test(config.name)) {
    throw new TypeError(`model name "${String(config.name)}" must be PascalCase, e.g. CapturePaymentInput`);
  }
  if (config.unknownKeys !== undefined && config.unknownKeys !== 'reject' && config.unknownKeys !== 'strip') {
    throw new TypeError(`model ${config.name}: unknownKeys must be 'reject' or 'strip'`);
  }
  if (typeof config.fields !== 'object' || config.fields === null) {
    throw new TypeError(`model ${config.name}: "fields" must be an object`);
  }
  for (const name of Object.keys(config.fields)) {
    const field = config.fields[name];
    if (field !== undefined) checkField(config.name, name, field);
  }
}
