import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ioJsonSchema } from '../snapshot/io-schema.js';
import { compareBound } from './bounds.js';
import { normalize } from './normalize.js';
import { conditionEffect } from './policy.js';
import { compareSchemas } from './schema.js';

const kinds = (changes: { severity: string; kind: string; path: string }[]) =>
  changes.map((c) => `${c.severity} ${c.kind} ${c.path}`);

describe('normalize', () => {
  it('reads every way of saying nullable, and resolves local references', () => {
    const root = { $defs: { Name: { type: 'string', maxLength: 5 } } };
    expect(normalize({ anyOf: [{ $ref: '#/$defs/Name' }, { type: 'null' }] }, root)).toEqual({
      types: new Set(['string']),
      nullable: true,
      rest: { maxLength: 5 },
    });
    expect(normalize({ type: ['integer', 'null'] }, {})).toMatchObject({
      types: new Set(['integer']),
      nullable: true,
    });
    expect(normalize({ allOf: [{ type: 'string' }], nullable: true }, {})).toMatchObject({ nullable: true });
    expect(normalize({ type: 'object', not: { type: 'null' } }, {})).toEqual({
      types: new Set(['object']),
      nullable: false,
      rest: {},
    });
  });

  it('stops on a reference cycle', () => {
    const root = { $defs: { A: { $ref: '#/$defs/A' } } };
    expect(normalize({ $ref: '#/$defs/A' }, root).types).toBeUndefined();
  });
});

describe('compareBound', () => {
  it.each([
    [{ value: 0, exclusive: true }, { value: 0, exclusive: false }, true, 'widened', 'lowered'],
    [{ value: 0, exclusive: false }, { value: 0, exclusive: true }, true, 'narrowed', 'raised'],
    [{ value: 10, exclusive: false }, { value: 10, exclusive: true }, false, 'narrowed', 'lowered'],
    [undefined, { value: 3, exclusive: false }, false, 'narrowed', 'added'],
    [{ value: 3, exclusive: false }, undefined, true, 'widened', 'removed'],
  ] as const)('%j -> %j (lower: %s) is %s (%s)', (before, after, lower, effect, what) => {
    expect(compareBound('bound', before, after, lower)).toMatchObject({ effect, what });
  });
});

describe('compareSchemas', () => {
  it('follows $refs and compares what they point at', () => {
    const before = {
      $defs: { S: { enum: ['a', 'b'] } },
      type: 'object',
      properties: { s: { $ref: '#/$defs/S' } },
    };
    const after = { $defs: { S: { enum: ['a'] } }, type: 'object', properties: { s: { $ref: '#/$defs/S' } } };
    expect(kinds(compareSchemas(before, after, 'input', 'input'))).toEqual([
      'breaking input.enum-values-removed input.s',
    ]);
  });

  it('compares array items, nested objects and OpenAPI 3.0 exclusive bounds', () => {
    const item = (max: number) => ({
      type: 'object',
      properties: { qty: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: max } },
      required: ['qty'],
    });
    expect(
      kinds(
        compareSchemas(
          { type: 'array', items: item(10) },
          { type: 'array', items: item(20) },
          'output',
          'output',
        ),
      ),
    ).toEqual(['breaking output.maximum-raised output[].qty']);
  });

  it('reports a type change once, without the constraints that came with it', () => {
    const changes = compareSchemas(
      { type: 'string', maxLength: 5 },
      { type: 'integer', minimum: 0 },
      'input',
      'input',
    );
    expect(kinds(changes)).toEqual(['breaking input.type-changed input']);
    expect(kinds(compareSchemas({ type: 'integer' }, { type: 'number' }, 'input', 'input'))).toEqual([
      'compatible input.type-widened input',
    ]);
  });

  it('treats keywords it does not know as changes, and ignores documentation', () => {
    expect(
      compareSchemas({ description: 'a', title: 'A' }, { description: 'b', examples: [1] }, 'input', 'input'),
    ).toEqual([]);
    expect(kinds(compareSchemas({ not: { const: 1 } }, { not: { const: 2 } }, 'output', 'output'))).toEqual([
      'breaking output.keyword-changed output',
    ]);
  });

  it('compares Standard Schemas through their JSON Schema, and flags those without one for review', () => {
    const before = ioJsonSchema(z.object({ a: z.string().min(2) }), 'input');
    const after = ioJsonSchema(z.object({ a: z.string().min(3), b: z.number() }), 'input');
    expect(kinds(compareSchemas(before, after, 'input', 'input')).sort()).toEqual([
      'breaking input.minLength-raised input.a',
      'breaking input.property-added-required input.b',
    ]);
    const opaque = { '~standard': { version: 1, vendor: 'acme', validate: () => ({ value: 1 }) } } as const;
    const described = ioJsonSchema(opaque, 'input');
    expect(described).toEqual({ 'x-lssm-opaque': 'acme' });
    expect(kinds(compareSchemas(described, { type: 'object' }, 'input', 'input'))).toEqual([
      'review input.not-comparable input',
    ]);
  });
});

describe('conditionEffect', () => {
  it.each([
    ['owner', 'owner', 'same'],
    ['owner', { anyOf: ['owner', 'admin'] }, 'loosened'],
    [{ anyOf: ['owner', 'admin'] }, 'owner', 'narrowed'],
    ['owner', { allOf: ['owner', 'sameTenant'] }, 'narrowed'],
    [{ allOf: ['owner', 'sameTenant'] }, 'owner', 'loosened'],
    [{ anyOf: ['owner', 'admin'] }, { anyOf: ['owner', 'sameTenant'] }, 'changed'],
    ['owner', 'sameTenant', 'changed'],
    [{ anyOf: ['owner', 'admin'] }, { allOf: ['owner', 'admin'] }, 'changed'],
  ] as const)('%j -> %j is %s', (before, after, effect) => {
    expect(conditionEffect(before, after)).toBe(effect);
  });
});
