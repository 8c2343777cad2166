// The schema as clients see it over HTTP: field names per version, deprecations, opt-outs, a
// registry that grows after start-up, and introspection switched off.
import { defineQuery } from '@lssm/lib.contracts';
import { makeGraphQLHandler } from '@lssm/lib.contracts/server/graphql';
import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstError, gql, LateOp, makeFixture, nodeTransport, type Transport } from './fixture.js';

interface IntrospectedField {
  name: string;
  isDeprecated: boolean;
  deprecationReason: string | null;
  description: string | null;
}

const FIELDS = `query($type: String!) { __type(name: $type) {
  fields(includeDeprecated: true) { name isDeprecated deprecationReason description } } }`;

describe('the schema built from the registry', () => {
  const fixture = makeFixture();
  let t: Transport;
  beforeAll(async () => {
    t = await nodeTransport(fixture.registry);
  });
  afterAll(() => t.close());
  const post = (query: string, variables?: Record<string, unknown>) =>
    t.send('/graphql', gql(query, variables));
  const fieldsOf = async (type: string): Promise<IntrospectedField[]> => {
    const answer = await post(FIELDS, { type });
    return (answer.body.data as { __type: { fields: IntrospectedField[] } }).__type.fields;
  };

  it('puts queries under Query and commands under Mutation, named domain_operation', async () => {
    expect((await fieldsOf('Query')).map((f) => f.name)).toEqual([
      'billing_getInvoice',
      'catalog_getProduct_v1',
      'catalog_getProduct',
      'catalog_getProduct_v3',
      'ops_crash',
    ]);
    expect((await fieldsOf('Mutation')).map((f) => f.name)).toEqual([
      'billing_capturePayment',
      'billing_legacyCharge',
      'billing_refund',
      'tools_zodEcho',
    ]);
  });

  it.each([
    ['catalog_getProduct', 2],
    ['catalog_getProduct_v1', 1],
    ['catalog_getProduct_v3', 3],
  ])('serves %s as version %i (the bare name is the latest stable, as REST)', async (field, version) => {
    const answer = await post(`{ ${field}(input: { sku: "s1" }) { sku version } }`);
    expect(answer.body.data).toEqual({ [field]: { sku: 's1', version } });
  });

  it('marks a deprecated operation deprecated, with since, sunset and the replacing field', async () => {
    const legacy = (await fieldsOf('Mutation')).find((f) => f.name === 'billing_legacyCharge');
    expect(legacy).toMatchObject({
      isDeprecated: true,
      deprecationReason:
        'Deprecated since 2026-01-01; stops working on 2027-01-01; use billing_capturePayment instead.',
    });
    const answer = await t.send('/graphql', gql('mutation { billing_legacyCharge { pong } }'));
    expect(answer.body.data).toEqual({ billing_legacyCharge: { pong: true } });
  });

  it('carries descriptions, declared errors and deprecated model fields', async () => {
    const capture = (await fieldsOf('Mutation')).find((f) => f.name === 'billing_capturePayment');
    expect(capture?.description).toContain('ALREADY_PAID - The invoice is already paid');
    const legacyRef = (await fieldsOf('Invoice')).find((f) => f.name === 'legacyRef');
    expect(legacyRef).toMatchObject({ isDeprecated: true, deprecationReason: 'Use id' });
  });

  it('leaves out operations that opt out of GraphQL and experimental ones', async () => {
    const answer = await post('{ ops_hidden { pong } }');
    expect(firstError(answer)).toMatchObject({ extensions: { code: 'INVALID_INPUT' } });
    expect(firstError(answer).message).toContain('Cannot query field "ops_hidden"');
    const all = JSON.stringify(await fieldsOf('Query'));
    expect(all).not.toContain('ops_hidden');
    expect(all).not.toContain('ops_experiment');
  });

  it('suggests field names while introspection is on (the hint the production default hides)', async () => {
    const answer = await post('{ catalog_getProdct(input: { sku: "s" }) { sku } }');
    expect(firstError(answer).message).toContain('Did you mean "catalog_getProduct');
  });

  it('serves an operation installed after start-up at once (the schema follows the registry)', async () => {
    const late = '{ ops_lateArrival { pong } }';
    expect(firstError(await post(late)).extensions?.code).toBe('INVALID_INPUT');
    fixture.registry.install(LateOp, () => ({ pong: true }));
    expect((await post(late)).body.data).toEqual({ ops_lateArrival: { pong: true } });
  });
});

describe('introspection switched off', () => {
  const fixture = makeFixture();
  let t: Transport;
  beforeAll(async () => {
    t = await nodeTransport(fixture.registry, { introspection: false });
  });
  afterAll(() => t.close());

  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Invoice") { name } }'],
  ])('refuses %s with INVALID_INPUT', async (_, query) => {
    const answer = await t.send('/graphql', gql(query));
    expect(answer.body.data).toBeUndefined();
    expect(firstError(answer).extensions?.code).toBe('INVALID_INPUT');
    expect(firstError(answer).message).toContain('introspection has been disabled');
  });

  it('gives no "did you mean" hints that would reveal the schema', async () => {
    const answer = await t.send('/graphql', gql('{ catalog_getProdct(input: { sku: "s" }) { sku } }'));
    expect(firstError(answer).message).not.toContain('Did you mean');
  });

  it('gives none for unknown fields of a variable either, on the fast path and through graphql-js', async () => {
    const query = 'query($input: ProductInput!) { catalog_getProduct(input: $input) { sku } }';
    const variables = { input: { sku: 's', skus: 1 } };
    const post = await t.send('/graphql', gql(query, variables));
    const search = new URLSearchParams({ query, variables: JSON.stringify(variables) });
    const get = await t.send(`/graphql?${search}`, { headers: { 'graphql-require-preflight': '1' } });
    for (const answer of [post, get]) {
      expect(firstError(answer).message).toBe(
        'Variable "$input" got invalid value { sku: "s", skus: 1 }; Field "skus" is not defined by type "ProductInput".',
      );
    }
  });

  it('still answers __typename and normal queries', async () => {
    const answer = await t.send(
      '/graphql',
      gql('{ __typename catalog_getProduct(input: { sku: "s" }) { sku } }'),
    );
    expect(answer.body.data).toEqual({ __typename: 'Query', catalog_getProduct: { sku: 's' } });
  });
});

describe('a registry that cannot make a schema', () => {
  it('makes the handlers throw at start-up, and answers 500 INTERNAL if it breaks later', async () => {
    const twin = (field: string) =>
      new SchemaModel({
        name: 'Twin',
        fields: { [field]: { type: ScalarTypeEnum.String(), isOptional: false } },
      });
    const op = (name: string, field: string) =>
      defineQuery({
        meta: { name, version: 1, description: name, owners: ['t'], stability: 'stable' },
        io: { input: twin(field), output: twin(field) },
        policy: { auth: 'anonymous' },
      });
    const fixture = makeFixture();
    fixture.registry.install(op('twins.one', 'a'), (input) => input);
    const handler = makeGraphQLHandler(fixture.registry, () => ({ actor: 'anonymous' }));
    fixture.registry.install(op('twins.two', 'b'), (input) => input);
    const response = await handler(
      new Request('http://app.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL' } }] });
    expect(() => makeGraphQLHandler(fixture.registry, () => ({ actor: 'anonymous' }))).toThrow(
      /two different types are both named "Twin/,
    );
  });
});
