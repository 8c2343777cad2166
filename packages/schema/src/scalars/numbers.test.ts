import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import {
  accepted,
  expectFastPathAccepts,
  expectFastPathAgrees,
  expectFastPathAgreesOnGenerated,
  expectRejected,
  expectStandardRejects,
  fastPathOf,
  rows,
  type ScalarCase,
  show,
  valueRows,
} from './scalar-assertions.fixture.js';

const SAFE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------------------------------------
// Tables.

/** Values that are not numbers at all: every number scalar answers invalid_type. */
const NOT_NUMBERS: readonly unknown[] = [
  '12',
  '0',
  '-1',
  '1e3',
  'NaN',
  'Infinity',
  '',
  ' ',
  'true',
  'false',
  true,
  false,
  null,
  undefined,
  [],
  [1],
  {},
  { valueOf: () => 1 },
  new Number(1),
  1n,
  Symbol('1'),
  () => 1,
  new Date(0),
];

/** Numbers that are not finite: every number scalar answers not_finite. */
const NOT_FINITE: readonly unknown[] = [
  Number.NaN,
  Infinity,
  -Infinity,
  JSON.parse('1e400'),
  JSON.parse('-1e400'),
];

const ANY_FINITE = [
  0,
  -0,
  1,
  -1,
  1.5,
  -1.5,
  0.1 + 0.2,
  SAFE,
  -SAFE,
  SAFE + 1,
  -SAFE - 1,
  1e21,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  JSON.parse('1e-400') as number,
];

const CASES: readonly ScalarCase<number>[] = [
  { name: 'Number', make: () => ScalarTypeEnum.Number(), accept: ANY_FINITE, reject: [] },
  { name: 'Float', make: () => ScalarTypeEnum.Float(), accept: ANY_FINITE, reject: [] },
  {
    name: 'Int',
    make: () => ScalarTypeEnum.Int(),
    accept: [0, -0, 1, -1, 42, 1.0, 1e15, SAFE, -SAFE, JSON.parse('2.0') as number],
    reject: [
      [1.5, 'not_integer'],
      [-0.5, 'not_integer'],
      [0.1 + 0.2, 'not_integer'],
      [Number.MIN_VALUE, 'not_integer'],
      [2 ** 51 + 0.5, 'not_integer'],
      [SAFE + 1, 'too_big'],
      [SAFE + 3, 'too_big'],
      [1e21, 'too_big'],
      [Number.MAX_VALUE, 'too_big'],
      [-SAFE - 1, 'too_small'],
      [-Number.MAX_VALUE, 'too_small'],
    ],
  },
  {
    name: 'PositiveInt',
    make: () => ScalarTypeEnum.PositiveInt(),
    accept: [1, 2, 1000, SAFE],
    reject: [
      [0, 'too_small'],
      [-0, 'too_small'],
      [-1, 'too_small'],
      [-SAFE, 'too_small'],
      [0.5, 'not_integer'],
      [1.5, 'not_integer'],
      [SAFE + 1, 'too_big'],
    ],
  },
  {
    name: 'NonNegativeInt',
    make: () => ScalarTypeEnum.NonNegativeInt(),
    accept: [0, -0, 1, SAFE],
    reject: [
      [-1, 'too_small'],
      [-SAFE, 'too_small'],
      [0.5, 'not_integer'],
      [-0.5, 'not_integer'],
      [SAFE + 1, 'too_big'],
    ],
  },
  {
    name: 'PositiveNumber',
    make: () => ScalarTypeEnum.PositiveNumber(),
    accept: [Number.MIN_VALUE, 0.001, 1, 1.5, SAFE + 1, Number.MAX_VALUE],
    reject: [
      [0, 'too_small'],
      [-0, 'too_small'],
      [JSON.parse('1e-400') as number, 'too_small'],
      [-Number.MIN_VALUE, 'too_small'],
      [-1, 'too_small'],
      [-Number.MAX_VALUE, 'too_small'],
    ],
  },
  {
    name: 'NonNegativeNumber',
    make: () => ScalarTypeEnum.NonNegativeNumber(),
    accept: [0, -0, Number.MIN_VALUE, 0.5, SAFE + 1, Number.MAX_VALUE],
    reject: [
      [-Number.MIN_VALUE, 'too_small'],
      [-0.5, 'too_small'],
      [-1, 'too_small'],
      [-Number.MAX_VALUE, 'too_small'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------

describe.each(CASES)('$name', ({ name, make, accept, reject }) => {
  const scalar = make();

  it('has its name', () => {
    expect(scalar.name).toBe(name);
    expect(scalar.kind).toBe('scalar');
  });

  it.each(valueRows(accept))('accepts %s', (_, value) => {
    const decoded = accepted(scalar, value);
    expect(decoded).toBe(value + 0);
    // -0 is accepted and decoded to +0.
    expect(Object.is(decoded, -0)).toBe(false);
  });

  it.each(rows(reject))('rejects %s', (_, value, code) => {
    expectRejected(scalar, value, code);
  });

  it.each(valueRows(NOT_FINITE))('rejects %s as not_finite', (_, value) => {
    expectRejected(scalar, value, 'not_finite');
  });

  it.each(valueRows(NOT_NUMBERS))('rejects %s as invalid_type', (_, value) => {
    expectRejected(scalar, value, 'invalid_type');
  });

  it('fast path never accepts what check rejects (tables)', () => {
    expectFastPathAgrees(scalar, [...accept, ...reject.map(([v]) => v), ...NOT_FINITE, ...NOT_NUMBERS]);
  });

  it('fast path never accepts what check rejects (generated)', () => {
    expectFastPathAgreesOnGenerated(
      scalar,
      fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), fc.anything()),
    );
  });

  it('fast path accepts ordinary valid values (so it is worth having)', () => {
    expectFastPathAccepts(scalar, accept);
  });

  it('inline decode (emitDecode) agrees with decode, including -0', () => {
    const emit = scalar.def.emitDecode;
    const decode = scalar.def.decode;
    expect(emit).toBeDefined();
    expect(decode).toBeDefined();
    if (emit === undefined || decode === undefined) return;
    const inline = new Function('v', `return ${emit('v')};`) as (v: number) => number;
    for (const value of accept) expect(Object.is(inline(value), decode(value)), show(value)).toBe(true);
  });

  it('reports through Standard Schema too', () => {
    const std = scalar['~standard'];
    expect(std.version).toBe(1);
    expect(std.validate(accept[0])).toEqual({ value: (accept[0] ?? 0) + 0 });
    expectStandardRejects(scalar, '1', 'invalid_type');
  });
});

describe('number bounds', () => {
  it.each([
    [
      'Number({ min: 0, max: 10 })',
      ScalarTypeEnum.Number({ min: 0, max: 10 }),
      [0, -0, 5.5, 10],
      [
        [-0.0001, 'too_small'],
        [-1, 'too_small'],
        [10.0001, 'too_big'],
        [11, 'too_big'],
      ],
    ],
    [
      'Int({ min: -5, max: 5 })',
      ScalarTypeEnum.Int({ min: -5, max: 5 }),
      [-5, 0, 5],
      [
        [-6, 'too_small'],
        [6, 'too_big'],
        [4.5, 'not_integer'],
      ],
    ],
    [
      'Int({ min: 2.5 })',
      ScalarTypeEnum.Int({ min: 2.5 }),
      [3, SAFE],
      [
        [2, 'too_small'],
        [SAFE + 1, 'too_big'],
      ],
    ],
    [
      'Int({ max: 1e30 }) keeps the safe-integer cap',
      ScalarTypeEnum.Int({ max: 1e30 }),
      [SAFE],
      [[SAFE + 1, 'too_big']],
    ],
    [
      'Int({ min: -1e30 }) keeps the safe-integer floor',
      ScalarTypeEnum.Int({ min: -1e30 }),
      [-SAFE],
      [[-SAFE - 1, 'too_small']],
    ],
    [
      'PositiveNumber({ min: 5 })',
      ScalarTypeEnum.PositiveNumber({ min: 5 }),
      [5, 6, 1e9],
      [
        [4.99, 'too_small'],
        [3, 'too_small'],
        [0, 'too_small'],
      ],
    ],
    [
      'PositiveNumber({ min: -5 }) stays positive',
      ScalarTypeEnum.PositiveNumber({ min: -5 }),
      [0.1],
      [
        [0, 'too_small'],
        [-1, 'too_small'],
      ],
    ],
    [
      'PositiveNumber({ max: 1 })',
      ScalarTypeEnum.PositiveNumber({ max: 1 }),
      [0.5, 1],
      [
        [0, 'too_small'],
        [1.01, 'too_big'],
      ],
    ],
    [
      'NonNegativeNumber({ min: -5 }) stays non-negative',
      ScalarTypeEnum.NonNegativeNumber({ min: -5 }),
      [0],
      [[-1, 'too_small']],
    ],
    [
      'PositiveInt({ min: -10 }) stays positive',
      ScalarTypeEnum.PositiveInt({ min: -10 }),
      [1],
      [[0, 'too_small']],
    ],
    [
      'NonNegativeInt({ max: 0 })',
      ScalarTypeEnum.NonNegativeInt({ max: 0 }),
      [0, -0],
      [
        [1, 'too_big'],
        [-1, 'too_small'],
      ],
    ],
    [
      'Number({ min: 5, max: 5 })',
      ScalarTypeEnum.Number({ min: 5, max: 5 }),
      [5],
      [
        [4.999999, 'too_small'],
        [5.000001, 'too_big'],
      ],
    ],
  ] as const)('%s', (_, scalar, accept, reject) => {
    for (const value of accept) expect(accepted(scalar, value)).toBe(value + 0);
    for (const [value, code] of reject) expectRejected(scalar, value, code);
    expectFastPathAgrees(scalar, [...accept, ...reject.map(([v]) => v), -1e9, 1e9, 4, 4.5, 5, 5.5]);
  });

  it('fast path respects both an exclusive and an inclusive bound (PositiveNumber({ min: 5 }))', () => {
    const scalar = ScalarTypeEnum.PositiveNumber({ min: 5 });
    const fast = fastPathOf(scalar);
    expect(fast?.(3)).toBe(false);
    expect(fast?.(5)).toBe(true);
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10 }), (value) => {
        expect(fast?.(value)).toBe(scalar.def.check(value) === undefined);
      }),
    );
  });

  it.each([
    ['Number({ min: 5, max: 1 })', () => ScalarTypeEnum.Number({ min: 5, max: 1 })],
    ['Int({ min: NaN })', () => ScalarTypeEnum.Int({ min: Number.NaN })],
    ['Number({ max: Infinity })', () => ScalarTypeEnum.Number({ max: Infinity })],
    ['Number({ min: -Infinity })', () => ScalarTypeEnum.Number({ min: -Infinity })],
    ['Number({ min: "1" })', () => ScalarTypeEnum.Number({ min: '1' as unknown as number })],
    ['NonNegativeInt({ max: -1 })', () => ScalarTypeEnum.NonNegativeInt({ max: -1 })],
    ['PositiveInt({ max: 0 })', () => ScalarTypeEnum.PositiveInt({ max: 0 })],
    ['PositiveNumber({ max: 0 }) accepts nothing', () => ScalarTypeEnum.PositiveNumber({ max: 0 })],
    ['PositiveNumber({ max: -1 }) accepts nothing', () => ScalarTypeEnum.PositiveNumber({ max: -1 })],
    ['NonNegativeNumber({ max: -0.5 })', () => ScalarTypeEnum.NonNegativeNumber({ max: -0.5 })],
  ])('%s throws a TypeError at definition', (_, make) => {
    expect(make).toThrow(TypeError);
  });

  it('keeps the description and exports bounds to JSON Schema', () => {
    const scalar = ScalarTypeEnum.Int({ min: 1, max: 9, description: 'digit' });
    expect(scalar.def.description).toBe('digit');
    expect(scalar.def.jsonSchema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 9,
      description: 'digit',
    });
    expect(ScalarTypeEnum.PositiveNumber().def.jsonSchema).toMatchObject({
      type: 'number',
      exclusiveMinimum: 0,
    });
  });
});
