import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../runtime/errors.js';
import { inputFromQuery } from './query.js';

const Status = defineEnum('QueryStatus', ['open', 'paid'] as const);
const Filter = new SchemaModel({
  name: 'InvoiceFilter',
  fields: {
    status: { type: Status, isOptional: true },
    minAmount: { type: ScalarTypeEnum.NonNegativeInt(), isOptional: true },
    paid: { type: ScalarTypeEnum.Boolean(), isOptional: true },
    tags: { type: ScalarTypeEnum.String(), isOptional: true, isArray: true },
    q: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});

const q = (text: string) => new URLSearchParams(text);

describe('inputFromQuery', () => {
  it('coerces flat parameters by the field types', () => {
    expect(inputFromQuery(q('status=open&minAmount=10&paid=true&tags=a&tags=b&q=42'), Filter)).toEqual({
      status: 'open',
      minAmount: 10,
      paid: true,
      tags: ['a', 'b'],
      q: '42',
    });
  });

  it('leaves text that is not a number as text, for the validator to reject', () => {
    const input = inputFromQuery(q('minAmount=ten&paid=yes'), Filter);
    expect(input).toEqual({ minAmount: 'ten', paid: 'yes' });
    expect(Filter.validate(input).ok).toBe(false);
  });

  it('reads the JSON `input` parameter', () => {
    expect(inputFromQuery(q(`input=${encodeURIComponent('{"tags":["x"],"minAmount":1}')}`), Filter)).toEqual({
      tags: ['x'],
      minAmount: 1,
    });
  });

  it('refuses `input` mixed with flat parameters, and malformed JSON', () => {
    expect(() => inputFromQuery(q('input={}&q=1'), Filter)).toThrow(ContractError);
    expect(() => inputFromQuery(q('input={'), Filter)).toThrow(ContractError);
  });

  it('keeps a __proto__ parameter as data (the validator rejects it)', () => {
    const input = inputFromQuery(q('__proto__=x'), Filter) as object;
    expect(Object.hasOwn(input, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Filter.validate(input).ok).toBe(false);
  });
});
