export { type AnyEnumType, defineEnum, EnumType } from './enum-type.js';
export { DEFAULT_MAX_ITEMS, type FieldConfig, type FieldMap, type FieldType } from './field.js';
export type { FieldInput, FieldOutput, InferInput, InferOutput, ModelInput, ModelOutput } from './infer.js';
export {
  type Failure,
  fail,
  formatPath,
  ISSUE_CODES,
  type Issue,
  type IssueCode,
  type PathSegment,
  type ValidationResult,
} from './issues.js';
export { JsonSchemaBuilder, type JsonSchemaBuilderOptions } from './json-schema/to-json-schema.js';
export type { JsonSchema, JsonSchemaTarget } from './json-schema/types.js';
export { type AnySchemaModel, type ModelConfig, SchemaModel, type UnknownKeys } from './model.js';
export { type AnyScalarType, type Encoded, type ScalarDefinition, ScalarType } from './scalar-type.js';
export { ScalarTypeEnum, type ScalarTypeName } from './scalar-type-enum.js';
export type { JsonObject, JsonOptions, JsonValue } from './scalars/json.js';
export { formatMinorUnits, type Money, type MoneyOptions, toMinorUnits } from './scalars/money.js';
export type { NumberBounds } from './scalars/number-rules.js';
export type { FormatOptions, StringOptions } from './scalars/strings.js';
export type { StandardSchemaV1 } from './standard-schema.js';
export { COUNTRY_CODES, isCountryCode } from './tables/countries.js';
export { CURRENCY_CODES, currencyExponent, isCurrencyCode } from './tables/currencies.js';
export { setValidatorMode, type ValidatorMode } from './validate/validator.js';
