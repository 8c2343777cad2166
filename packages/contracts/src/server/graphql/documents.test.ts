import { buildSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache, type DocumentRules, prepareDocument } from './documents.js';
import { DEFAULT_GRAPHQL_LIMITS, type GraphQLLimits } from './limits.js';

const SDL = `
  type Query { invoice(id: ID!): Invoice  ping: Boolean }
  type Invoice { id: ID!  customer: Customer  lines: [Line!]! }
  type Customer { name: String  invoices: [Invoice!]! }
  type Line { text: String }
`;
const schema = buildSchema(SDL);
const rules = (limits: GraphQLLimits = {}, introspection = true): DocumentRules => ({
  limits: { ...DEFAULT_GRAPHQL_LIMITS, ...limits },
  introspection,
});
const messages = (prepared: ReturnType<typeof prepareDocument>) =>
  prepared.errors?.map((e) => e.message) ?? [];

describe('prepareDocument', () => {
  it('parses and validates a document', () => {
    const prepared = prepareDocument(schema, '{ invoice(id: "1") { id } }', rules());
    expect(prepared.errors).toBeUndefined();
    expect(prepared.document?.definitions).toHaveLength(1);
  });

  it('reports syntax and validation errors without throwing', () => {
    expect(messages(prepareDocument(schema, '{ invoice(', rules()))[0]).toContain('Syntax Error');
    expect(messages(prepareDocument(schema, '{ nope }', rules()))[0]).toContain('Cannot query field "nope"');
  });

  it('counts depth through fragments and inline fragments, without counting introspection', () => {
    const deep = `{ invoice(id: "1") { ...A } } fragment A on Invoice { customer { ... on Customer { invoices { id } } } }`;
    expect(messages(prepareDocument(schema, deep, rules({ maxDepth: 3 })))).toEqual([
      'The query is nested 4 levels deep; at most 3 are allowed',
    ]);
    expect(prepareDocument(schema, deep, rules({ maxDepth: 4 })).errors).toBeUndefined();
    const introspection = '{ __schema { types { fields { type { ofType { name } } } } } }';
    expect(prepareDocument(schema, introspection, rules({ maxDepth: 1 })).errors).toBeUndefined();
  });

  it('works out fragments spread many times once, and survives fragment cycles', () => {
    const fan = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Invoice { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ invoice(id: "1") { ...F0 } } ${fan.join(' ')} fragment F20 on Invoice { id }`;
    const started = performance.now();
    expect(prepareDocument(schema, query, rules({ maxDepth: 1 })).errors?.[0]?.message).toContain('nested 2');
    expect(performance.now() - started).toBeLessThan(1000);
    const cycle =
      '{ invoice(id: "1") { ...A } } fragment A on Invoice { ...B } fragment B on Invoice { ...A }';
    expect(messages(prepareDocument(schema, cycle, rules())).join()).toContain(
      'Cannot spread fragment "A" within itself',
    );
  });

  it('counts root fields through fragments, aliases across the document', () => {
    const roots = '{ a: ping ...R ... on Query { c: ping } } fragment R on Query { b: ping }';
    expect(messages(prepareDocument(schema, roots, rules({ maxRootFields: 2 })))).toEqual([
      'The operation asks for 3 root fields; at most 2 are allowed',
    ]);
    expect(messages(prepareDocument(schema, roots, rules({ maxAliases: 2 })))).toEqual([
      'The document uses more than 2 aliases',
    ]);
  });

  it('checks the limits first: a document over them never reaches the graphql-js rules', () => {
    const prepared = prepareDocument(schema, '{ a: nope b: nope c: nope }', rules({ maxAliases: 1 }));
    expect(messages(prepared)).toEqual(['The document uses more than 1 aliases']);
  });

  it('refuses nesting deep enough to exhaust the parser stack as an error, not a crash', () => {
    const deep = `${'{ invoice(id: "1") { customer { invoices '.repeat(4000)}`;
    const prepared = prepareDocument(schema, deep, rules({ maxTokens: 1_000_000 }));
    expect(messages(prepared)).toEqual(['The query is nested too deeply']);
  });

  it('refuses introspection and hides suggestions when introspection is off', () => {
    const off = rules({}, false);
    expect(messages(prepareDocument(schema, '{ __schema { queryType { name } } }', off))[0]).toContain(
      'introspection has been disabled',
    );
    expect(messages(prepareDocument(schema, '{ pin }', off))[0]).not.toContain('Did you mean');
    expect(messages(prepareDocument(schema, '{ pin }', rules()))[0]).toContain('Did you mean "ping"');
  });
});

describe('DocumentCache', () => {
  it('answers a repeated query from the cache', () => {
    const cache = new DocumentCache(1000, rules());
    const first = cache.get(schema, '{ ping }');
    expect(cache.get(schema, '{ ping }')).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('keeps refused documents too, so a repeated bad query is cheap', () => {
    const cache = new DocumentCache(1000, rules());
    const bad = cache.get(schema, '{ nope }');
    expect(bad.errors).toHaveLength(1);
    expect(cache.get(schema, '{ nope }')).toBe(bad);
  });

  it('drops the least recently used texts once their total length passes the budget', () => {
    const cache = new DocumentCache(30, rules());
    const a = cache.get(schema, '{ ping a: ping }'); // 16 characters
    cache.get(schema, '{ ping b: ping }'); // 32 in total: the oldest goes
    expect(cache.size).toBe(1);
    expect(cache.get(schema, '{ ping a: ping }')).not.toBe(a);
  });

  it('refreshes a text on each use: the least recently used goes first, not the oldest', () => {
    const cache = new DocumentCache(30, rules());
    const x = cache.get(schema, '{ x: ping }'); // 11 characters
    const y = cache.get(schema, '{ y: ping }');
    expect(cache.get(schema, '{ x: ping }')).toBe(x); // x is now the most recently used
    cache.get(schema, '{ z: ping }'); // 33 in total: y goes
    expect(cache.get(schema, '{ x: ping }')).toBe(x);
    expect(cache.get(schema, '{ y: ping }')).not.toBe(y);
  });

  it('never keeps a text longer than the budget, and keeps nothing with a budget of 0', () => {
    const cache = new DocumentCache(5, rules());
    cache.get(schema, '{ ping }');
    expect(cache.size).toBe(0);
  });

  it('starts afresh for a new schema (a registry change)', () => {
    const cache = new DocumentCache(1000, rules());
    const first = cache.get(schema, '{ ping }');
    const other: GraphQLSchema = buildSchema(SDL);
    expect(cache.get(other, '{ ping }')).not.toBe(first);
    expect(cache.size).toBe(1);
  });
});
