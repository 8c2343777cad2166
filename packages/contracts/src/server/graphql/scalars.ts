import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLString,
  type GraphQLType,
} from 'graphql';

/**
 * Our custom scalars: pass-through on purpose (no parsing or checking of their own), because the
 * pipeline validates every input with the operation's model and reports issues with field paths.
 */
const CUSTOM_SCALARS = {
  SafeInt: 'An integer within +/-(2^53 - 1), sent as a JSON number (GraphQL Int stops at 2^31 - 1).',
  DateTime: 'RFC 3339 date-time with seconds and an offset, e.g. 2026-11-27T09:30:00Z.',
  Date: 'A calendar date, YYYY-MM-DD.',
  Time: 'A wall-clock time without offset, HH:MM or HH:MM:SS[.fraction].',
  JSON: 'Any JSON value (depth and size are limited by the server).',
  JSONObject: 'A JSON object (depth and size are limited by the server).',
  UUID: 'A UUID in its hyphenated form (RFC 9562).',
  Email: 'An email address.',
  URL: 'An absolute http(s) URL.',
  Currency: 'An ISO 4217 currency code, upper case, e.g. EUR.',
  CountryCode: 'An ISO 3166-1 alpha-2 country code, upper case, e.g. FR.',
  Locale: 'A BCP 47 language tag, e.g. pt-BR.',
  PhoneNumber: 'A phone number in E.164 form, e.g. +14155550123.',
} as const;

/** The name of one of our custom GraphQL scalars. */
export type CustomScalarName = keyof typeof CUSTOM_SCALARS;

const customScalars = new Map<string, GraphQLScalarType>(
  Object.entries(CUSTOM_SCALARS).map(([name, description]) => [
    name,
    new GraphQLScalarType({ name, description }),
  ]),
);

/** A custom scalar by name (one shared instance per name). */
export function customScalar(name: CustomScalarName): GraphQLScalarType {
  return customScalars.get(name) as GraphQLScalarType; // every key of CUSTOM_SCALARS is in the map
}

/** True for one of our custom scalars (which pass every value through unchanged). */
export function isCustomScalar(type: unknown): boolean {
  return type instanceof GraphQLScalarType && customScalars.get(type.name) === type;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** GraphQL `Int` when every value of the range fits its 32 bits, else our `SafeInt`. */
export function integerType(minimum: unknown, maximum: unknown): GraphQLScalarType {
  const fits =
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    minimum >= INT32_MIN &&
    maximum <= INT32_MAX;
  return fits ? GraphQLInt : customScalar('SafeInt');
}

const SAME_NAMED: Readonly<Record<string, CustomScalarName>> = {
  DateTime: 'DateTime',
  Date: 'Date',
  Time: 'Time',
  JSON: 'JSON',
  JSONObject: 'JSONObject',
  UUID: 'UUID',
  Email: 'Email',
  URL: 'URL',
  Currency: 'Currency',
  CountryCode: 'CountryCode',
  Locale: 'Locale',
  PhoneNumber: 'PhoneNumber',
};

const STRINGS = new Set(['String', 'NonEmptyString']);
const FLOATS = new Set(['Number', 'Float', 'PositiveNumber', 'NonNegativeNumber']);

/** The leaf GraphQL type of one of our scalars by its name and JSON Schema (`undefined` for Money). */
export function scalarFor(
  name: string,
  jsonSchema: Readonly<Record<string, unknown>>,
): GraphQLType | undefined {
  if (name === 'Money') return undefined;
  const custom = SAME_NAMED[name];
  if (custom !== undefined) return customScalar(custom);
  if (STRINGS.has(name)) return GraphQLString;
  if (FLOATS.has(name)) return GraphQLFloat;
  if (name === 'Boolean') return GraphQLBoolean;
  if (name === 'ID') return GraphQLID;
  // Int, PositiveInt, NonNegativeInt, and scalars of the app's own: by their JSON type.
  switch (jsonSchema.type) {
    case 'integer':
      return integerType(jsonSchema.minimum, jsonSchema.maximum);
    case 'number':
      return GraphQLFloat;
    case 'string':
      return GraphQLString;
    case 'boolean':
      return GraphQLBoolean;
    default:
      return customScalar('JSON');
  }
}

const moneyFields = () => ({
  amount: {
    type: new GraphQLNonNull(customScalar('SafeInt')),
    description: 'Integer minor units (cents for USD, yen for JPY).',
  },
  currency: { type: new GraphQLNonNull(customScalar('Currency')) },
});
const MONEY_DESCRIPTION = 'An amount of money in integer minor units, with its ISO 4217 currency.';

/** `Money { amount: SafeInt!, currency: Currency! }`, for outputs. */
export const MONEY = new GraphQLObjectType({
  name: 'Money',
  description: MONEY_DESCRIPTION,
  fields: moneyFields,
});
/** `MoneyInput`, the same shape for inputs. */
export const MONEY_INPUT = new GraphQLInputObjectType({
  name: 'MoneyInput',
  description: MONEY_DESCRIPTION,
  fields: moneyFields,
});
