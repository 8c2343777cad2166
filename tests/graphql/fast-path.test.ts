// The fast path (POSTed JSON, one plain root field, no graphql-js `execute`) must answer exactly as
// graphql-js and graphql-http do: the same status, headers and body text, for valid variables,
// variables graphql-js refuses or converts, pipeline errors, aliases, `__typename`, nulls and
// faults while completing the output. Each case runs on two servers, fast path on and off.
import { defineCommand, defineQuery, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { defineEnum, ScalarType, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, fetchTransport, gql, makeFixture, nodeTransport, type Transport } from './fixture.js';

/** An Int on the wire that checks nothing: lets a handler return what GraphQL's Int refuses. */
const Loose = new ScalarType<unknown>({
  name: 'Loose',
  jsonSchema: { type: 'integer', minimum: 0, maximum: 100 },
  check: () => undefined,
});
const Colour = defineEnum('Colour', ['red', 'blue'] as const);
const Address = new SchemaModel({
  name: 'Address',
  fields: {
    city: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    zip: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});
const ProbeInput = new SchemaModel({
  name: 'ProbeInput',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    count: { type: ScalarTypeEnum.Int({ min: 0, max: 1000 }), isOptional: true },
    ratio: { type: ScalarTypeEnum.Float(), isOptional: true },
    flag: { type: ScalarTypeEnum.Boolean(), isOptional: true },
    colour: { type: Colour, isOptional: true },
    tags: { type: ScalarTypeEnum.NonEmptyString(), isOptional: true, isArray: true },
    price: { type: ScalarTypeEnum.Money(), isOptional: true },
    address: { type: Address, isOptional: true },
    when: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    extra: { type: ScalarTypeEnum.JSON(), isOptional: true },
    mode: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});
const ProbeItem = new SchemaModel({
  name: 'ProbeItem',
  fields: {
    n: { type: Loose, isOptional: false },
    m: { type: Loose, isOptional: true },
  },
});
const Probe = new SchemaModel({
  name: 'Probe',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    colour: { type: Colour, isOptional: true },
    tags: { type: ScalarTypeEnum.String(), isOptional: true, isArray: true },
    address: { type: Address, isOptional: true },
    when: { type: ScalarTypeEnum.DateTime(), isOptional: true },
    extra: { type: ScalarTypeEnum.JSON(), isOptional: true },
    loose: { type: Loose, isOptional: true },
    strict: { type: Loose, isOptional: false },
    items: { type: ProbeItem, isOptional: true, isArray: true },
    item: { type: ProbeItem, isOptional: true },
  },
});
const meta = (name: string) => ({
  name,
  version: 1,
  description: name,
  owners: ['team-test'],
  stability: 'stable' as const,
});
const ProbeQuery = defineQuery({
  meta: meta('test.probe'),
  io: { input: ProbeInput, output: Probe, errors: { NOPE: { status: 409, description: 'No' } } },
  policy: { auth: 'anonymous' },
});
const ProbeCommand = defineCommand({
  meta: meta('test.probeWrite'),
  io: { input: ProbeInput, output: Probe },
  policy: { auth: 'anonymous' },
});

/** The handler's answers, by `mode`: outputs GraphQL completes cleanly, and ones it cannot. */
function probe(input: { id: string; mode?: string; [k: string]: unknown }) {
  const base = { strict: 1, ...input, mode: undefined };
  switch (input.mode) {
    case 'nope':
      throw new Error('not a declared error, so INTERNAL');
    case 'bad-loose':
      return { ...base, loose: 'x' };
    case 'bad-strict':
      return { ...base, strict: 1.5 };
    case 'null-strict':
      return { ...base, strict: null };
    case 'bad-item':
      return { ...base, items: [{ n: 1 }, { n: 'two', m: 'x' }, { n: 3 }], item: { n: 'x', m: 2 } };
    case 'bad-m':
      return {
        ...base,
        items: [
          { n: 1, m: 'x' },
          { n: 2, m: 'y' },
        ],
        item: { n: 1, m: 'z' },
      };
    default:
      return { ...base, items: [{ n: 1 }, { n: 2, m: 3 }], item: { n: 4 } };
  }
}

function registry(): SpecRegistry {
  const r = new SpecRegistry({ tracer: false });
  installOp(r, ProbeQuery, (input) => probe(input as Parameters<typeof probe>[0]));
  installOp(r, ProbeCommand, (input) => probe(input as Parameters<typeof probe>[0]));
  return r;
}

const ALL = '{ id colour tags address { city zip } when extra loose strict items { n m } item { n m } }';
const Q = (selection = ALL, v = '$input: ProbeInput!') =>
  `query Q(${v}) { test_probe(input: $input) ${selection} }`;
const good = { id: 'p1', count: 3, ratio: 0.5, flag: true, colour: 'red', tags: ['a', 'b'] };

/** [label, query, variables] sent to both servers; every one must answer the same. */
const CASES: readonly (readonly [string, string, Record<string, unknown> | undefined])[] = [
  ['valid, every field', Q(), { input: good }],
  [
    'aliases and __typename',
    Q('{ a: id __typename t: __typename b: item { __typename n } }'),
    { input: good },
  ],
  [
    'nested input object, Money, DateTime, JSON',
    Q(),
    {
      input: {
        id: 'p2',
        address: { city: 'Lyon' },
        price: { amount: 100, currency: 'EUR' },
        when: '2026-01-01T00:00:00Z',
        extra: { a: [1] },
      },
    },
  ],
  ['nullable fields given null', Q(), { input: { id: 'p3', count: null, address: null, tags: null } }],
  ['an ID given as a number (graphql-js converts it)', Q(), { input: { ...good, id: 7 } }],
  ['a list given as one value (graphql-js wraps it)', Q(), { input: { ...good, tags: 'solo' } }],
  ['a wrong JSON type (graphql-js refuses it)', Q(), { input: { ...good, count: 'lots' } }],
  ['an Int out of 32 bits', Q(), { input: { ...good, count: 2 ** 40 } }],
  ['an unknown enum value', Q(), { input: { ...good, colour: 'green' } }],
  ['an undeclared key', Q(), { input: { ...good, isAdmin: true } }],
  [
    'more errors than graphql-js reports',
    Q(),
    {
      input: { ...good, ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i])) },
    },
  ],
  ['a wrong type deep in a list', Q(), { input: { ...good, tags: ['a', 2, null] } }],
  ['many problems at once', Q(), { input: { id: [], count: 1.5, colour: 3, address: { zip: 1 }, x: 1 } }],
  ['a required variable missing', Q(), {}],
  ['no variables at all', Q(), undefined],
  ['a required variable null', Q(), { input: null }],
  ['a nullable variable left out', Q(ALL, '$input: ProbeInput'), {}],
  ['a nullable variable null', Q(ALL, '$input: ProbeInput'), { input: null }],
  ['the model refuses what GraphQL accepts', Q(), { input: { ...good, tags: [''], count: 5000 } }],
  ['an unknown throw', Q(), { input: { ...good, mode: 'nope' } }],
  ['a nullable leaf graphql-js cannot serialise', Q(), { input: { ...good, mode: 'bad-loose' } }],
  ['a non-null leaf it cannot serialise', Q(), { input: { ...good, mode: 'bad-strict' } }],
  ['a non-null leaf that is null', Q(), { input: { ...good, mode: 'null-strict' } }],
  ['faults inside list items and objects', Q(), { input: { ...good, mode: 'bad-item' } }],
  ['several nullable faults', Q(), { input: { ...good, mode: 'bad-m' } }],
  ['faults under an alias', Q('{ x: items { y: n } z: strict }'), { input: { ...good, mode: 'bad-item' } }],
  ['a mutation', `mutation($input: ProbeInput!) { test_probeWrite(input: $input) { id } }`, { input: good }],
  [
    'a named operation picked by name',
    `query A($input: ProbeInput!) { test_probe(input: $input) { id } } query B { __typename }`,
    { input: good },
  ],
  [
    'a fragment (graphql-js runs it)',
    `query($input: ProbeInput!) { test_probe(input: $input) { ...F } } fragment F on Probe { id }`,
    { input: good },
  ],
  ['an unknown field (refused by validation)', Q('{ nope }'), { input: good }],
];

describe.each([
  ['node:http', (r: SpecRegistry, fastPath: boolean) => nodeTransport(r, { fastPath })],
  ['Fetch', async (r: SpecRegistry, fastPath: boolean) => fetchTransport(r, { fastPath })],
])('over %s, the fast path answers as graphql-js does', (_, start) => {
  let fast: Transport;
  let slow: Transport;
  beforeAll(async () => {
    fast = await start(registry(), true);
    slow = await start(registry(), false);
  });
  afterAll(async () => {
    await fast.close();
    await slow.close();
  });
  const both = async (init: RequestInit, path = '/graphql'): Promise<[Answer, Answer]> => [
    await fast.send(path, init),
    await slow.send(path, init),
  ];
  const same = ([a, b]: [Answer, Answer]) => {
    expect(a.status).toBe(b.status);
    expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
    expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
  };

  it.each(CASES)('%s', async (_label, query, variables) => {
    for (const accept of [undefined, 'application/graphql-response+json', 'application/json']) {
      const headers: Record<string, string> = { 'x-request-id': 'req-same' };
      if (accept !== undefined) headers.accept = accept;
      same(await both(gql(query, variables, undefined, headers)));
    }
  });

  it('covers what it claims: conversions, refusals and faults show in the answers', async () => {
    const answer = async (label: string) => {
      const found = CASES.find((c) => c[0] === label);
      if (found === undefined) throw new Error(`no case ${label}`);
      return (await fast.send('/graphql', gql(found[1], found[2]))).body;
    };
    expect((await answer('more errors than graphql-js reports')).errors).toHaveLength(51);
    expect((await answer('faults inside list items and objects')).errors?.length).toBeGreaterThan(1);
    expect((await answer('a non-null leaf it cannot serialise')).data).toEqual({ test_probe: null });
    expect((await answer('an ID given as a number (graphql-js converts it)')).data?.test_probe).toMatchObject(
      {
        id: '7',
      },
    );
    expect((await answer('a list given as one value (graphql-js wraps it)')).data?.test_probe).toMatchObject({
      tags: ['solo'],
    });
    expect((await answer('aliases and __typename')).data).toEqual({
      test_probe: { a: 'p1', __typename: 'Probe', t: 'Probe', b: { __typename: 'ProbeItem', n: 4 } },
    });
    expect((await answer('the model refuses what GraphQL accepts')).errors?.[0]?.extensions?.code).toBe(
      'INVALID_INPUT',
    );
  });

  it('answers requests it does not take (406, 415, bad JSON, no query) as graphql-http does', async () => {
    const headers = { 'x-request-id': 'req-same' };
    const body = JSON.stringify({ query: Q(), variables: { input: good } });
    const post = (h: Record<string, string>, b = body): RequestInit => ({
      method: 'POST',
      headers: { ...headers, ...h },
      body: b,
    });
    same(await both(post({ 'content-type': 'application/json', accept: 'text/html' })));
    same(await both(post({ 'content-type': 'text/plain' })));
    same(await both(post({ 'content-type': 'application/json; charset=latin1' })));
    same(await both(post({ 'content-type': 'application/json' }, '{"query":')));
    same(await both(post({ 'content-type': 'application/json' }, '[1]')));
    same(await both(post({ 'content-type': 'application/json' }, '{"variables":{}}')));
    same(
      await both(post({ 'content-type': 'application/json' }, '{"query":"{ __typename }","variables":[1]}')),
    );
    same(
      await both(
        post(
          { 'content-type': 'application/json' },
          `{"query":${JSON.stringify(`${Q()}${' '.repeat(20_000)}`)}}`,
        ),
      ),
    );
    same(await both(post({ 'content-type': 'application/json' }), '/elsewhere'));
  });
});

describe('the fast path with the pipeline features of REST', () => {
  const fixture = makeFixture();
  let t: Transport;
  beforeAll(async () => {
    t = await nodeTransport(fixture.registry);
  });
  afterAll(() => t.close());

  it('forwards Idempotency-Key and marks a replay with Idempotent-Replayed', async () => {
    const refund = 'mutation R($input: RefundInput!) { billing_refund(input: $input) { refundId } }';
    const init = gql(refund, { input: { paymentId: 'pay_fast' } }, 'alice', {
      'idempotency-key': 'key-fast-1',
    });
    const first = await t.send('/graphql', init);
    const again = await t.send('/graphql', init);
    expect(again.body).toEqual(first.body);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(fixture.calls.refund).toBe(1);
  });
});
