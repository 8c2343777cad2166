import { describe, expect, it } from 'vitest';
import { defineEnum } from '../enum-type.js';
import { SchemaModel } from '../model.js';
import { ScalarTypeEnum } from '../scalar-type-enum.js';
import { JsonSchemaBuilder } from './to-json-schema.js';

const Status = defineEnum('InvoiceStatus', ['open', 'paid'] as const, 'Where the invoice is');
const Line = new SchemaModel({
  name: 'Line',
  fields: { price: { type: ScalarTypeEnum.Money(), isOptional: false } },
});
const Invoice = new SchemaModel({
  name: 'Invoice',
  description: 'A bill',
  fields: {
    status: { type: Status, isOptional: false, default: 'open' },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false, examples: [12.5] },
    lines: { type: Line, isOptional: true, isArray: true },
    note: {
      type: ScalarTypeEnum.String({ maxLength: 50 }),
      isOptional: true,
      isNullable: true,
      deprecated: 'use memo',
    },
    data: { type: ScalarTypeEnum.JSONObject(), isOptional: true },
  },
});

describe('JSON Schema 2020-12 export', () => {
  const schema = Invoice.toJsonSchema();

  it('describes the model with $defs for named types', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      title: 'Invoice',
      description: 'A bill',
      required: ['amount'],
      additionalProperties: false,
    });
    expect(Object.keys(schema.$defs as object)).toEqual([
      'CurrencyCode',
      'InvoiceStatus',
      'JsonValue',
      'Line',
    ]);
    expect(schema.properties).toMatchObject({
      status: { $ref: '#/$defs/InvoiceStatus', default: 'open' },
      amount: { type: 'number', exclusiveMinimum: 0, examples: [12.5] },
      lines: { type: 'array', items: { $ref: '#/$defs/Line' }, maxItems: 1000 },
      note: { anyOf: [{ type: 'string', maxLength: 50 }, { type: 'null' }], deprecated: true },
    });
  });

  it('is plain JSON (survives a round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('refuses two different types with one name', () => {
    const Other = defineEnum('InvoiceStatus', ['x'] as const);
    const Clash = new SchemaModel({
      name: 'Clash',
      fields: {
        a: { type: Status, isOptional: false },
        b: { type: Other, isOptional: false },
      },
    });
    expect(() => Clash.toJsonSchema()).toThrow(/both named "InvoiceStatus"/);
  });
});

describe('OpenAPI 3.0 flavour', () => {
  it('inlines named types and uses 3.0 keywords', () => {
    const schema = Invoice.toJsonSchema({ target: 'openapi-3.0' });
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(JSON.stringify(schema)).not.toContain('$defs');
    expect(schema.properties).toMatchObject({
      amount: { type: 'number', minimum: 0, exclusiveMinimum: true, example: 12.5 },
      note: { allOf: [{ type: 'string', maxLength: 50 }], nullable: true },
      data: { type: 'object', additionalProperties: {} },
    });
  });

  it('refers to components with a builder for whole documents', () => {
    const builder = new JsonSchemaBuilder({ target: 'openapi-3.0', refPrefix: '#/components/schemas/' });
    expect(builder.typeSchema(Invoice)).toEqual({ $ref: '#/components/schemas/Invoice' });
    const defs = builder.definitions();
    expect(Object.keys(defs)).toEqual(['CurrencyCode', 'Invoice', 'InvoiceStatus', 'JsonValue', 'Line']);
    expect(defs.JsonValue).toEqual({});
    expect(defs.Line).toMatchObject({
      properties: { price: { properties: { currency: { $ref: '#/components/schemas/CurrencyCode' } } } },
    });
  });
});
