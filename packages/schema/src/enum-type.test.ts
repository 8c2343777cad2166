import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineEnum, EnumType } from './enum-type.js';
import { expectAccepted, expectStandardRejects } from './scalars/scalar-assertions.fixture.js';

const Status = defineEnum('InvoiceStatus', ['open', 'paying', 'paid'] as const, 'Where an invoice is');

describe('defineEnum', () => {
  it('builds a frozen EnumType with its name, values and description', () => {
    expect(Status).toBeInstanceOf(EnumType);
    expect(Status.kind).toBe('enum');
    expect(Status.name).toBe('InvoiceStatus');
    expect(Status.values).toEqual(['open', 'paying', 'paid']);
    expect(Status.description).toBe('Where an invoice is');
    expect(Object.isFrozen(Status)).toBe(true);
    expect(Object.isFrozen(Status.values)).toBe(true);
    expect(defineEnum('Plain', ['a']).description).toBeUndefined();
  });

  it('keeps literal value types', () => {
    expectTypeOf(Status.values).toEqualTypeOf<readonly ('open' | 'paying' | 'paid')[]>();
    const result = Status.validate('open');
    if (result.ok) expectTypeOf(result.value).toEqualTypeOf<'open' | 'paying' | 'paid'>();
  });

  it('copies the values: changing the input array later changes nothing', () => {
    const values = ['a', 'b'];
    const e = defineEnum('Copied', values);
    values.push('c');
    values[0] = 'z';
    expect(e.values).toEqual(['a', 'b']);
    expect(e.has('c')).toBe(false);
    expect(e.has('a')).toBe(true);
  });

  it.each([['open'], ['paying'], ['paid']])('accepts %j unchanged', (value) => {
    expectAccepted(Status, value);
    expect(Status.has(value)).toBe(true);
    expect(Status['~standard'].validate(value)).toEqual({ value });
  });

  it.each([
    ['OPEN', 'OPEN'],
    ['Open', 'Open'],
    [' open', ' open'],
    ['open ', 'open '],
    ['open with a combining mark', 'ope\u0301n'],
    ['empty string', ''],
    ['whitespace', ' '],
    ['lone surrogate', '\uD800'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['a value index', '0'],
    ['the number 0', 0],
    ['NaN', Number.NaN],
    ['true', true],
    ['null', null],
    ['undefined', undefined],
    ['an array holding a value', ['open']],
    ['an object', { open: true }],
    ['a boxed string', new String('open')],
    ['an object whose toString is a value', { toString: () => 'open' }],
    ['a symbol', Symbol('open')],
  ])('rejects %s with invalid_enum', (_, value) => {
    expect(Status.has(value)).toBe(false);
    const result = Status.validate(value);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: [], code: 'invalid_enum', message: 'must be one of: open, paying, paid' }],
    });
    expectStandardRejects(Status, value, 'invalid_enum');
  });

  it('has() agrees with the value list for any input (generated)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.constantFrom('open', 'paying', 'paid', 'OPEN', '')), (value) => {
        const expected = typeof value === 'string' && (Status.values as readonly string[]).includes(value);
        expect(Status.has(value)).toBe(expected);
        expect(Status.validate(value).ok).toBe(expected);
      }),
    );
  });

  it('accepts unicode values and keeps them exact', () => {
    const e = defineEnum('Mood', ['😀', '漢字', 'e\u0301'] as const);
    expect(e.validate('😀').ok).toBe(true);
    expect(e.validate('e\u0301').ok).toBe(true);
    expect(e.validate('\u00e9').ok).toBe(false);
  });

  it.each([
    ['a camelCase name', () => defineEnum('invoiceStatus', ['a'])],
    ['a snake_case name', () => defineEnum('Invoice_Status', ['a'])],
    ['an empty name', () => defineEnum('', ['a'])],
    ['a name starting with a digit', () => defineEnum('1Status', ['a'])],
    ['a name with a space', () => defineEnum('Invoice Status', ['a'])],
    ['a name with a trailing newline', () => defineEnum('Status\n', ['a'])],
    ['a non-string name', () => defineEnum(42 as unknown as string, ['a'])],
    ['no values', () => defineEnum('Empty', [])],
    ['a duplicate value', () => defineEnum('Twice', ['a', 'b', 'a'])],
    ['an empty value', () => defineEnum('Blank', ['a', ''])],
    ['a non-string value', () => defineEnum('Mixed', ['a', 1 as unknown as string])],
    ['a null value', () => defineEnum('Nullish', [null as unknown as string])],
  ])('rejects %s with a TypeError at definition', (_, make) => {
    expect(make).toThrow(TypeError);
  });

  it('accepts single-letter and digit-bearing PascalCase names', () => {
    expect(defineEnum('X', ['a']).name).toBe('X');
    expect(defineEnum('Http2Mode', ['on', 'off']).name).toBe('Http2Mode');
  });

  it('the frozen enum cannot be changed', () => {
    expect(() => {
      (Status as unknown as { name: string }).name = 'Other';
    }).toThrow(TypeError);
    expect(() => {
      (Status.values as string[]).push('void');
    }).toThrow(TypeError);
    expect(Status.has('void')).toBe(false);
  });
});
