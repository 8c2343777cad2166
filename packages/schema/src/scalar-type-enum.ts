import { booleanType } from './scalars/boolean.js';
import { jsonObjectType, jsonType } from './scalars/json.js';
import { moneyType } from './scalars/money.js';
import {
  floatType,
  intType,
  nonNegativeIntType,
  nonNegativeNumberType,
  numberType,
  positiveIntType,
  positiveNumberType,
} from './scalars/numbers.js';
import {
  countryCodeType,
  currencyType,
  emailType,
  idType,
  localeType,
  nonEmptyStringType,
  phoneNumberType,
  stringType,
  urlType,
  uuidType,
} from './scalars/strings.js';
import { dateScalar, dateTimeScalar, timeScalar } from './scalars/temporal.js';

/**
 * The built-in scalars. Each entry is a factory: call it (optionally with constraints) to get a
 * field type.
 * @example { type: ScalarTypeEnum.PositiveNumber({ max: 1_000_000 }), isOptional: false }
 */
export const ScalarTypeEnum = Object.freeze({
  String: stringType,
  NonEmptyString: nonEmptyStringType,
  Int: intType,
  PositiveInt: positiveIntType,
  NonNegativeInt: nonNegativeIntType,
  Number: numberType,
  Float: floatType,
  PositiveNumber: positiveNumberType,
  NonNegativeNumber: nonNegativeNumberType,
  Boolean: booleanType,
  ID: idType,
  UUID: uuidType,
  Email: emailType,
  URL: urlType,
  Date: (options?: { readonly description?: string }) => dateScalar(options?.description),
  DateTime: (options?: { readonly description?: string }) => dateTimeScalar(options?.description),
  Time: (options?: { readonly description?: string }) => timeScalar(options?.description),
  JSON: jsonType,
  JSONObject: jsonObjectType,
  Currency: currencyType,
  CountryCode: countryCodeType,
  Locale: localeType,
  PhoneNumber: phoneNumberType,
  Money: moneyType,
});

/** The names of the built-in scalars. */
export type ScalarTypeName = keyof typeof ScalarTypeEnum;
