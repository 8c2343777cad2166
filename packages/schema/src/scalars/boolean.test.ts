import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import {
  expectAccepted,
  expectFastPathAccepts,
  expectFastPathAgrees,
  expectFastPathAgreesOnGenerated,
  expectRejected,
  expectStandardRejects,
  valueRows,
} from './scalar-assertions.fixture.js';

const ACCEPT: readonly boolean[] = [true, false];

const REJECT: readonly unknown[] = [
  'true',
  'false',
  'TRUE',
  'yes',
  'on',
  '1',
  '0',
  '',
  ' ',
  0,
  1,
  -0,
  Number.NaN,
  Infinity,
  null,
  undefined,
  [],
  [true],
  {},
  { valueOf: () => true },
  new Boolean(true),
  new Boolean(false),
  Symbol('true'),
  1n,
  () => true,
];

describe('Boolean', () => {
  const scalar = ScalarTypeEnum.Boolean();

  it.each(valueRows(ACCEPT))('accepts %s unchanged', (_, value) => {
    expectAccepted(scalar, value);
  });

  it.each(valueRows(REJECT))('rejects %s as invalid_type', (_, value) => {
    expectRejected(scalar, value, 'invalid_type');
  });

  it('fast path never accepts what check rejects', () => {
    expectFastPathAgreesOnGenerated(scalar, fc.anything());
    expectFastPathAgrees(scalar, [...ACCEPT, ...REJECT]);
    expectFastPathAccepts(scalar, ACCEPT);
  });

  it('keeps its description in the JSON Schema', () => {
    expect(scalar.def.jsonSchema).toEqual({ type: 'boolean' });
    const described = ScalarTypeEnum.Boolean({ description: 'Is it on?' });
    expect(described.def.jsonSchema).toEqual({ type: 'boolean', description: 'Is it on?' });
    expect(described.def.description).toBe('Is it on?');
  });

  it('reports through Standard Schema too', () => {
    expect(scalar['~standard'].validate(false)).toEqual({ value: false });
    expectStandardRejects(scalar, 'false', 'invalid_type');
  });
});
