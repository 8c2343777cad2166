import { type AnySchemaModel, defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { GraphQLSchema, printSchema, printType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineQuery, SpecRegistry } from '../../index.js';
import { buildGraphQLSchema, currentSchema } from './schema.js';

const meta = (name: string, version = 1, stability: 'stable' | 'beta' | 'deprecated' = 'stable') => ({
  name,
  version,
  description: `The ${name} operation`,
  owners: ['team-test'],
  stability,
});
const Pong = new SchemaModel({
  name: 'Pong',
  fields: { pong: { type: ScalarTypeEnum.Boolean(), isOptional: false } },
});

function registryWith(...specs: Parameters<SpecRegistry['install']>[0][]): SpecRegistry {
  const registry = new SpecRegistry({ tracer: false });
  for (const spec of specs) registry.install(spec, () => ({ pong: true }));
  return registry;
}

function query(
  name: string,
  input: ConstructorParameters<typeof SchemaModel>[0]['fields'],
  output: AnySchemaModel = Pong,
) {
  return defineQuery({
    meta: meta(name),
    io: { input: new SchemaModel({ name: 'QueryInput', fields: input }), output },
    policy: { auth: 'anonymous' },
  });
}

describe('scalars', () => {
  it.each([
    ['String', 'String!', ScalarTypeEnum.String()],
    ['NonEmptyString', 'String!', ScalarTypeEnum.NonEmptyString()],
    ['a 32-bit Int', 'Int!', ScalarTypeEnum.Int({ min: -5, max: 2 ** 31 - 1 })],
    ['an unbounded Int', 'SafeInt!', ScalarTypeEnum.Int()],
    ['PositiveInt', 'SafeInt!', ScalarTypeEnum.PositiveInt()],
    ['NonNegativeInt up to 1000', 'Int!', ScalarTypeEnum.NonNegativeInt({ max: 1000 })],
    ['PositiveNumber', 'Float!', ScalarTypeEnum.PositiveNumber()],
    ['Float', 'Float!', ScalarTypeEnum.Float()],
    ['Boolean', 'Boolean!', ScalarTypeEnum.Boolean()],
    ['ID', 'ID!', ScalarTypeEnum.ID()],
    ['DateTime', 'DateTime!', ScalarTypeEnum.DateTime()],
    ['Date', 'Date!', ScalarTypeEnum.Date()],
    ['JSON', 'JSON!', ScalarTypeEnum.JSON()],
    ['JSONObject', 'JSONObject!', ScalarTypeEnum.JSONObject()],
    ['Email', 'Email!', ScalarTypeEnum.Email()],
    ['Currency', 'Currency!', ScalarTypeEnum.Currency()],
    ['Money', 'MoneyInput!', ScalarTypeEnum.Money()],
  ])('maps %s to %s', (_, expected, type) => {
    const schema = buildGraphQLSchema(registryWith(query('a.b', { f: { type, isOptional: false } })));
    expect(printType(schema.getType('QueryInput') as never)).toContain(`f: ${expected}`);
  });

  it('maps Money to an object of a SafeInt amount and a Currency, both ways', () => {
    const Out = new SchemaModel({
      name: 'Out',
      fields: { total: { type: ScalarTypeEnum.Money(), isOptional: false } },
    });
    const sdl = printSchema(
      buildGraphQLSchema(
        registryWith(query('a.b', { t: { type: ScalarTypeEnum.Money(), isOptional: true } }, Out)),
      ),
    );
    expect(sdl).toContain('type Money {');
    expect(sdl).toContain('input MoneyInput {');
    expect(sdl).toMatch(/amount: SafeInt!\s+currency: Currency!/);
  });
});

describe('fields', () => {
  it('makes absent-allowed input fields nullable: optional, nullable or defaulted', () => {
    const schema = buildGraphQLSchema(
      registryWith(
        query('a.b', {
          required: { type: ScalarTypeEnum.String(), isOptional: false },
          optional: { type: ScalarTypeEnum.String(), isOptional: true },
          nullable: { type: ScalarTypeEnum.String(), isOptional: false, isNullable: true },
          defaulted: { type: ScalarTypeEnum.String(), isOptional: false, default: 'x' },
          list: { type: ScalarTypeEnum.String(), isOptional: false, isArray: true },
        }),
      ),
    );
    const sdl = printType(schema.getType('QueryInput') as never);
    expect(sdl).toContain('required: String!');
    expect(sdl).toMatch(/optional: String\n/);
    expect(sdl).toMatch(/nullable: String\n/);
    expect(sdl).toMatch(/defaulted: String\n/);
    expect(sdl).toContain('list: [String!]!');
    expect(printSchema(schema)).toContain('a_b(input: QueryInput!): Pong');
  });

  it('makes the input argument nullable when every field may be absent, and drops it for no fields', () => {
    const Empty = new SchemaModel({ name: 'Empty', fields: {} });
    const schema = buildGraphQLSchema(
      registryWith(
        query('a.optional', { o: { type: ScalarTypeEnum.String(), isOptional: true } }),
        defineQuery({
          meta: meta('a.none'),
          io: { input: Empty, output: Pong },
          policy: { auth: 'anonymous' },
        }),
      ),
    );
    const sdl = printSchema(schema);
    expect(sdl).toContain('a_optional(input: QueryInput): Pong');
    expect(sdl).toContain('a_none: Pong');
  });

  it('keeps enums whose values GraphQL can name, and others as strings listing their values', () => {
    const Good = defineEnum('Good', ['open', 'paid'] as const);
    const Dashed = defineEnum('Dashed', ['in-progress', 'done'] as const);
    const sdl = printSchema(
      buildGraphQLSchema(
        registryWith(
          query('a.b', {
            good: { type: Good, isOptional: false },
            dashed: { type: Dashed, isOptional: false, description: 'State' },
          }),
        ),
      ),
    );
    expect(sdl).toContain('enum Good {\n  open\n  paid\n}');
    expect(sdl).not.toContain('enum Dashed');
    expect(sdl).toContain('"""State One of: in-progress, done."""\n  dashed: String!');
  });

  it('falls back to JSON for Standard Schema io that is not one of our models (zod)', () => {
    const Zod = defineCommand({
      meta: meta('a.zod'),
      io: { input: z.object({ x: z.string() }), output: z.object({ y: z.number() }) },
      policy: { auth: 'anonymous' },
    });
    expect(printSchema(buildGraphQLSchema(registryWith(Zod)))).toContain('a_zod(input: JSON): JSON');
  });

  it('names output types without a final Input, so one model can be both input and output', () => {
    const Echo = new SchemaModel({
      name: 'EchoInput',
      fields: { s: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const spec = defineQuery({
      meta: meta('a.echo'),
      io: { input: Echo, output: Echo },
      policy: { auth: 'anonymous' },
    });
    expect(printSchema(buildGraphQLSchema(registryWith(spec)))).toContain('a_echo(input: EchoInput!): Echo');
  });

  it('refuses two different models with one name', () => {
    const one = new SchemaModel({
      name: 'Twin',
      fields: { a: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const two = new SchemaModel({
      name: 'Twin',
      fields: { b: { type: ScalarTypeEnum.String(), isOptional: false } },
    });
    const registry = registryWith(
      query('a.one', { a: { type: ScalarTypeEnum.String(), isOptional: false } }, one),
    );
    registry.install(
      defineQuery({ meta: meta('a.two'), io: { input: Pong, output: two }, policy: { auth: 'anonymous' } }),
      () => ({ pong: true }),
    );
    expect(() => buildGraphQLSchema(registry)).toThrow('two different types are both named "Twin"');
    const clash = new SchemaModel({
      name: 'Money',
      fields: { a: { type: ScalarTypeEnum.Money(), isOptional: false } },
    });
    expect(() =>
      buildGraphQLSchema(
        registryWith(query('a.m', { m: { type: ScalarTypeEnum.Money(), isOptional: false } }, clash)),
      ),
    ).toThrow('named "Money"');
  });
});

describe('operations', () => {
  it('gives an API of commands only a placeholder query, as GraphQL requires one', () => {
    const cmd = defineCommand({
      meta: meta('a.do'),
      io: { input: Pong, output: Pong },
      policy: { auth: 'anonymous' },
    });
    const sdl = printSchema(buildGraphQLSchema(registryWith(cmd)));
    expect(sdl).toContain('type Query {');
    expect(sdl).toContain('_noQueries: Boolean');
    expect(sdl).toContain('a_do(input: PongInput!): Pong');
  });

  it('suffixes every version when the registry picks one GraphQL does not serve', () => {
    const v = (version: number, graphql: boolean) =>
      defineQuery({
        meta: meta('a.v', version),
        io: { input: Pong, output: Pong },
        policy: { auth: 'anonymous' },
        exposure: { graphql },
      });
    const sdl = printSchema(buildGraphQLSchema(registryWith(v(1, true), v(2, false))));
    expect(sdl).toContain('a_v_v1(');
    expect(sdl).not.toMatch(/\ba_v\(/);
    expect(sdl).not.toContain('a_v_v2');
  });

  it('describes the goal and declared errors of an operation', () => {
    const spec = defineCommand({
      meta: { ...meta('a.pay'), goal: 'Collect the money' },
      io: { input: Pong, output: Pong, errors: { LATE: { status: 409, description: 'Too late' } } },
      policy: { auth: 'anonymous' },
    });
    const field = buildGraphQLSchema(registryWith(spec)).getMutationType()?.getFields().a_pay;
    expect(field?.description).toBe(
      'The a.pay operation\n\nGoal: Collect the money\n\nErrors (extensions.code): LATE - Too late',
    );
  });
});

describe('currentSchema', () => {
  it('builds once per registry revision and again after any change', () => {
    const registry = registryWith(query('a.b', { s: { type: ScalarTypeEnum.String(), isOptional: false } }));
    const first = currentSchema(registry);
    expect(first).toBeInstanceOf(GraphQLSchema);
    expect(currentSchema(registry)).toBe(first);
    registry.install(
      defineQuery({ meta: meta('a.c'), io: { input: Pong, output: Pong }, policy: { auth: 'anonymous' } }),
      () => ({ pong: true }),
    );
    const second = currentSchema(registry);
    expect(second).not.toBe(first);
    expect(Object.keys(second.getQueryType()?.getFields() ?? {})).toEqual(['a_b', 'a_c']);
  });
});
