import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defineCommand, defineQuery, installOp, SpecRegistry } from '../../index.js';
import { fastPlanOf } from './fast-plan.js';
import { buildGraphQLSchema } from './schema.js';

const Input = new SchemaModel({
  name: 'PingInput',
  fields: { text: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const Output = new SchemaModel({
  name: 'Pong',
  fields: { text: { type: ScalarTypeEnum.String(), isOptional: false } },
});
const Empty = new SchemaModel({ name: 'Empty', fields: {} });
const meta = (name: string) => ({
  name,
  version: 1,
  description: name,
  owners: ['t'],
  stability: 'stable' as const,
});

function schema() {
  const registry = new SpecRegistry({ tracer: false });
  const policy = { auth: 'anonymous' as const };
  installOp(
    registry,
    defineQuery({ meta: meta('t.ping'), io: { input: Input, output: Output }, policy }),
    (i) => i,
  );
  installOp(
    registry,
    defineCommand({ meta: meta('t.write'), io: { input: Input, output: Output }, policy }),
    (i) => i,
  );
  installOp(
    registry,
    defineQuery({ meta: meta('t.bare'), io: { input: Empty, output: Output }, policy }),
    () => ({
      text: 'x',
    }),
  );
  return buildGraphQLSchema(registry);
}

const planned = (query: string, operationName?: string) => {
  const s = schema();
  const operation = getOperationAST(parse(query), operationName);
  if (operation === null || operation === undefined) throw new Error('no operation');
  return fastPlanOf(s, operation);
};

describe('fastPlanOf', () => {
  it.each([
    ['one field, $input, leaves', 'query($input: PingInput!) { t_ping(input: $input) { text } }'],
    [
      'a mutation, aliases, __typename',
      'mutation M($i: PingInput!) { w: t_write(input: $i) { t: text __typename } }',
    ],
    ['no input at all', '{ t_bare { text } }'],
  ])('plans %s', (_label, query) => {
    expect(planned(query)).toBeDefined();
  });

  it.each([
    ['two root fields', '{ a: t_bare { text } b: t_bare { text } }'],
    [
      'a fragment',
      'query($input: PingInput!) { t_ping(input: $input) { ...F } } fragment F on Pong { text }',
    ],
    ['an inline fragment', '{ t_bare { ... on Pong { text } } }'],
    ['a directive', 'query($s: Boolean!) { t_bare { text @skip(if: $s) } }'],
    ['a literal argument', '{ t_ping(input: { text: "x" }) { text } }'],
    ['a default value', 'query($input: PingInput! = { text: "x" }) { t_ping(input: $input) { text } }'],
    ['a repeated response key', '{ t_bare { text text } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
    ['a root __typename', '{ __typename }'],
  ])('leaves %s to graphql-js', (_label, query) => {
    expect(planned(query)).toBeUndefined();
  });

  it('keys the root field by its alias and records where the variable is defined', () => {
    const plan = planned('query Q($input: PingInput!) {\n  p: t_ping(input: $input) { text }\n}');
    expect(plan?.key).toBe('p');
    expect(plan?.locations).toEqual([{ line: 2, column: 3 }]);
    expect(plan?.variable?.locations).toEqual([{ line: 1, column: 9 }]);
  });
});
