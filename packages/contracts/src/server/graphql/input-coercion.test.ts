import fc from 'fast-check';
import {
  coerceInputValue,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLString,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { InputCoercion } from './input-coercion.js';

const Currency = new GraphQLEnumType({ name: 'Currency', values: { EUR: {}, USD: {} } });
const Cents = new GraphQLScalarType({
  name: 'Cents',
  parseValue(value) {
    if (typeof value !== 'number') throw new TypeError('cents are numbers');
    return value < 0 ? undefined : value;
  },
});
const Address = new GraphQLInputObjectType({
  name: 'Address',
  fields: { street: { type: new GraphQLNonNull(GraphQLString) }, zip: { type: GraphQLInt } },
});
const Pick = new GraphQLInputObjectType({
  name: 'Pick',
  isOneOf: true,
  fields: { byId: { type: GraphQLID }, byName: { type: GraphQLString } },
});
const Order = new GraphQLInputObjectType({
  name: 'Order',
  fields: {
    invoiceId: { type: new GraphQLNonNull(GraphQLString) },
    amount: { type: new GraphQLNonNull(GraphQLFloat) },
    count: { type: GraphQLInt, defaultValue: 1 },
    paid: { type: GraphQLBoolean },
    ref: { type: GraphQLID },
    currency: { type: Currency },
    cents: { type: Cents },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    address: { type: Address },
    pick: { type: Pick },
  },
});
const TYPES: readonly GraphQLInputType[] = [
  new GraphQLNonNull(Order),
  new GraphQLList(Order),
  Pick,
  GraphQLInt,
];
const KEYS = ['invoiceId', 'amount', 'count', 'paid', 'ref', 'currency', 'cents', 'tags', 'address', 'pick'];
const EXTRA = ['invoiceI', 'amont', 'extra', 'street', 'byId', 'byName', 'zip', 'constructor'];

const leaf = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('EUR', 'usd', 2 ** 31, -(2 ** 31), 1.5, Number.NaN),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...KEYS, ...EXTRA), tie('value'), { maxKeys: 6 }),
}));

type Refusal = { path: readonly (string | number)[]; invalid: unknown; message: string };

function ours(input: unknown, type: GraphQLInputType, hide: boolean) {
  const refusals: Refusal[] = [];
  const coerced = new InputCoercion(
    (path, invalid, message) => refusals.push({ path, invalid, message }),
    hide,
  ).value(input, type);
  return { coerced, refusals };
}

function graphqlJs(input: unknown, type: GraphQLInputType, hide: boolean) {
  const refusals: Refusal[] = [];
  const coerced = coerceInputValue(
    input,
    type,
    (path, invalid, error) => refusals.push({ path, invalid, message: error.message }),
    hide,
  );
  return { coerced, refusals };
}

describe("input coercion, held to graphql-js's coerceInputValue", () => {
  it('refuses and coerces exactly as graphql-js does, for generated values of every kind of input type', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(...TYPES), fc.boolean(), (input, type, hide) => {
        expect(ours(input, type, hide)).toEqual(graphqlJs(input, type, hide));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the refusals of the benchmark body, with the hint graphql-js gives', () => {
    const input = { invoiceId: '', amount: -5, currency: 3, invoiceI: true };
    const got = ours(input, new GraphQLNonNull(Order), false);
    expect(got.refusals.map((r) => r.message)).toEqual([
      'Enum "Currency" cannot represent non-string value: 3.',
      'Field "invoiceI" is not defined by type "Order". Did you mean "invoiceId"?',
    ]);
    expect(got).toEqual(graphqlJs(input, new GraphQLNonNull(Order), false));
    expect(ours(input, new GraphQLNonNull(Order), true).refusals[1]?.message).toBe(
      'Field "invoiceI" is not defined by type "Order".',
    );
  });
});
