import { defineEnum, ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { ToolSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineQuery } from '../../index.js';
import { toolDefinition, toolTitle } from './tool-definition.js';

const Status = defineEnum('LineStatus', ['open', 'shipped'] as const);
const Line = new SchemaModel({
  name: 'Line',
  fields: {
    price: { type: ScalarTypeEnum.Money(), isOptional: false },
    status: { type: Status, isOptional: false },
  },
});
const Order = new SchemaModel({
  name: 'Order',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    placedAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    lines: { type: Line, isOptional: false, isArray: true },
  },
});
const OrderRef = new SchemaModel({
  name: 'OrderRef',
  fields: { id: { type: ScalarTypeEnum.ID(), isOptional: false } },
});
const meta = (name: string, stability: 'stable' | 'deprecated' = 'stable') => ({
  name,
  version: 3,
  description: `The ${name} operation`,
  owners: ['t'],
  stability,
});

const GetOrder = defineQuery({
  meta: meta('shop.getOrder'),
  io: { input: OrderRef, output: Order },
  policy: { auth: 'user' },
});

describe('tool definitions', () => {
  it('are valid MCP tools by the SDK schema', () => {
    expect(() => ToolSchema.parse(toolDefinition(GetOrder, 'shop_getOrder', false))).not.toThrow();
  });

  it("have output schemas (with $defs for nested models, enums and Money's currency) that the SDK client's Ajv compiles and applies", () => {
    const tool = toolDefinition(GetOrder, 'shop_getOrder', false);
    expect(tool.outputSchema).toHaveProperty('$defs.Line');
    const validate = new AjvJsonSchemaValidator().getValidator(tool.outputSchema as Record<string, unknown>);
    const order = {
      id: 'ord_1',
      placedAt: '2026-01-02T03:04:05Z',
      lines: [{ price: { amount: 1250, currency: 'EUR' }, status: 'open' }],
    };
    expect(validate(order).valid).toBe(true);
    expect(
      validate({ ...order, lines: [{ price: { amount: 1, currency: 'eur' }, status: 'open' }] }).valid,
    ).toBe(false);
    expect(
      validate({ ...order, lines: [{ price: { amount: 1, currency: 'EUR' }, status: 'lost' }] }).valid,
    ).toBe(false);
  });

  it('take JSON Schema from a Standard Schema that offers it (zod), input and output sides apart', () => {
    const Zoded = defineCommand({
      meta: meta('shop.tag'),
      io: { input: z.object({ label: z.string().min(1) }), output: z.array(z.string()) },
      policy: { auth: 'user' },
    });
    const tool = toolDefinition(Zoded, 'shop_tag', false);
    expect(tool.inputSchema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { label: { type: 'string', minLength: 1 } },
      required: ['label'],
    });
    // MCP output schemas describe objects: an array output has none (its JSON travels as text).
    expect(tool.outputSchema).toBeUndefined();
  });

  it('give an open object input schema when none can be exported', () => {
    const opaque = {
      '~standard': { version: 1, vendor: 'acme', validate: (value: unknown) => ({ value }) },
    } as const;
    const Opaque = defineQuery({
      meta: meta('shop.opaque'),
      io: { input: opaque, output: opaque },
      policy: { auth: 'user' },
    });
    const tool = toolDefinition(Opaque, 'shop_opaque', false);
    expect(tool.inputSchema).toMatchObject({ type: 'object' });
    expect(tool.outputSchema).toBeUndefined();
  });

  it('title versions and deprecations, and tell agents what replaces a deprecated operation', () => {
    const Old = defineCommand({
      meta: { ...meta('shop.placeOrder', 'deprecated'), deprecation: { replacement: 'shop.checkout/v1' } },
      io: { input: OrderRef, output: OrderRef },
      policy: { auth: 'user' },
    });
    expect(toolTitle(Old, true)).toBe('Place order (shop) v3 [deprecated]');
    expect(toolDefinition(Old, 'shop_placeOrder-v3', true).description).toContain(
      'Deprecated: use shop.checkout/v1 instead.',
    );
  });

  it('mark commands non-destructive unless the spec says so (MCP assumes destructive)', () => {
    const Place = defineCommand({
      meta: meta('shop.place'),
      io: { input: OrderRef, output: OrderRef },
      policy: { auth: 'user' },
    });
    expect(toolDefinition(Place, 'shop_place', false).annotations).toEqual({
      title: 'Place (shop)',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
  });
});
