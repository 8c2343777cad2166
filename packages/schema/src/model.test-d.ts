import type { StandardSchemaV1 as SpecStandardSchema } from '@standard-schema/spec';
import { describe, expectTypeOf, it } from 'vitest';
import { defineEnum } from './enum-type.js';
import type { InferInput, InferOutput } from './infer.js';
import { SchemaModel } from './model.js';
import { ScalarTypeEnum } from './scalar-type-enum.js';
import type { JsonValue } from './scalars/json.js';
import type { Money } from './scalars/money.js';

const Customer = new SchemaModel({
  name: 'Customer',
  fields: {
    email: { type: ScalarTypeEnum.Email(), isOptional: false },
    age: { type: ScalarTypeEnum.Int(), isOptional: true },
  },
});
const Status = defineEnum('Status', ['open', 'paid'] as const);
const Invoice = new SchemaModel({
  name: 'Invoice',
  fields: {
    id: { type: ScalarTypeEnum.ID(), isOptional: false },
    customer: { type: Customer, isOptional: false },
    tags: { type: ScalarTypeEnum.String(), isOptional: true, isArray: true },
    dueAt: { type: ScalarTypeEnum.DateTime(), isOptional: false },
    status: { type: Status, isOptional: false, default: 'open' },
    note: { type: ScalarTypeEnum.String(), isOptional: false, isNullable: true },
    total: { type: ScalarTypeEnum.Money(), isOptional: false },
    meta: { type: ScalarTypeEnum.JSON(), isOptional: true },
  },
});

describe('InferInput / InferOutput', () => {
  it('infers the tutorial model exactly', () => {
    const Input = new SchemaModel({
      name: 'CapturePaymentInput',
      fields: {
        invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
        amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
        currency: { type: ScalarTypeEnum.String(), isOptional: false },
        paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
      },
    });
    expectTypeOf<InferInput<typeof Input>>().toEqualTypeOf<{
      invoiceId: string;
      amount: number;
      currency: string;
      paymentMethodId: string;
    }>();
  });

  it('infers nested, optional, array, nullable, enum, default and decoded fields', () => {
    expectTypeOf<InferOutput<typeof Invoice>>().toEqualTypeOf<{
      id: string;
      customer: { email: string; age?: number | undefined };
      tags?: string[] | undefined;
      dueAt: Date;
      status: 'open' | 'paid';
      note: string | null;
      total: Money;
      meta?: JsonValue | undefined;
    }>();
    expectTypeOf<InferInput<typeof Invoice>>().toEqualTypeOf<{
      id: string;
      customer: { email: string; age?: number | undefined };
      tags?: string[] | undefined;
      dueAt: string;
      status?: 'open' | 'paid' | undefined;
      note: string | null;
      total: Money;
      meta?: JsonValue | undefined;
    }>();
  });

  it('makes a wrong nested field type a compile error', () => {
    const ok: InferInput<typeof Invoice>['customer'] = { email: 'a@b.co', age: 3 };
    // @ts-expect-error age must be a number
    const wrongNested: InferInput<typeof Invoice>['customer'] = { email: 'a@b.co', age: '3' };
    // @ts-expect-error email is required
    const missing: InferInput<typeof Invoice>['customer'] = { age: 3 };
    // @ts-expect-error status is an enum
    const wrongEnum: Partial<InferOutput<typeof Invoice>> = { status: 'closed' };
    expectTypeOf(ok).not.toBeAny();
    expectTypeOf(wrongNested).not.toBeAny();
    expectTypeOf(missing).not.toBeAny();
    expectTypeOf(wrongEnum).not.toBeAny();
  });

  it('types validate() results from the model', () => {
    const result = Invoice.validate({});
    if (result.ok) expectTypeOf(result.value.dueAt).toEqualTypeOf<Date>();
  });

  it('types composed models', () => {
    const Picked = Customer.pick(['email'], { name: 'CustomerEmail' });
    expectTypeOf<InferOutput<typeof Picked>>().toEqualTypeOf<{ email: string }>();
    const Omitted = Customer.omit(['email'], { name: 'CustomerAge' });
    expectTypeOf<InferOutput<typeof Omitted>>().toEqualTypeOf<{ age?: number | undefined }>();
    const Patch = Customer.partial({ name: 'CustomerPatch' });
    expectTypeOf<InferOutput<typeof Patch>>().toEqualTypeOf<{
      email?: string | undefined;
      age?: number | undefined;
    }>();
    const Extended = Customer.extend({
      name: 'VipCustomer',
      fields: { level: { type: ScalarTypeEnum.PositiveInt(), isOptional: false } },
    });
    expectTypeOf<InferOutput<typeof Extended>>().toEqualTypeOf<{
      email: string;
      age?: number | undefined;
      level: number;
    }>();
  });

  it('is a Standard Schema v1 for models, scalars and enums', () => {
    expectTypeOf(Invoice).toExtend<SpecStandardSchema>();
    expectTypeOf(ScalarTypeEnum.DateTime()).toExtend<SpecStandardSchema<string, Date>>();
    expectTypeOf(Status).toExtend<SpecStandardSchema<'open' | 'paid'>>();
    expectTypeOf<SpecStandardSchema.InferOutput<typeof Invoice>>().toEqualTypeOf<
      InferOutput<typeof Invoice>
    >();
  });
});
