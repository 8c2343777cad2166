import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { CallInfo, HandlerContext } from '../runtime/context.js';
import type { ContractError } from '../runtime/errors.js';
import { defineEvent } from '../spec/event.js';
import { defineCommand, defineQuery } from '../spec/operation.js';
import { installOp, SpecRegistry } from './registry.js';

// The tutorial's spec, exactly as written.
const CapturePaymentInput = new SchemaModel({
  name: 'CapturePaymentInput',
  fields: {
    invoiceId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
    amount: { type: ScalarTypeEnum.PositiveNumber(), isOptional: false },
    currency: { type: ScalarTypeEnum.String(), isOptional: false },
    paymentMethodId: { type: ScalarTypeEnum.NonEmptyString(), isOptional: false },
  },
});

const PaymentResult = new SchemaModel({
  name: 'PaymentResult',
  fields: {
    transactionId: { type: ScalarTypeEnum.String(), isOptional: false },
    status: { type: ScalarTypeEnum.String(), isOptional: false },
    receiptUrl: { type: ScalarTypeEnum.String(), isOptional: true },
  },
});

export const CapturePayment = defineCommand({
  meta: {
    name: 'billing.capturePayment',
    version: 1,
    description: 'Process a payment for an invoice',
    goal: 'Capture funds from customer payment method',
    context: 'Called when customer confirms purchase',
    owners: ['team-billing'],
    tags: ['payments', 'stripe', 'critical'],
    stability: 'stable',
  },
  io: {
    input: CapturePaymentInput,
    output: PaymentResult,
  },
  policy: {
    auth: 'user',
    rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }],
  },
});

// The tutorial's handler signature: its parameters are untyped, i.e. `any`.
declare function handleCapturePayment(
  // biome-ignore lint/suspicious/noExplicitAny: models the tutorial's untyped handler parameters.
  input: any,
  // biome-ignore lint/suspicious/noExplicitAny: models the tutorial's untyped handler parameters.
  ctx: any,
): Promise<{ transactionId: string; status: string }>;

describe('installOp typing', () => {
  it('compiles the tutorial registry as written', () => {
    const registry = new SpecRegistry();
    installOp(registry, CapturePayment, handleCapturePayment);
    expectTypeOf(registry).toEqualTypeOf<SpecRegistry>();
  });

  it('infers the handler input and a context narrowed by the policy', () => {
    installOp(new SpecRegistry(), CapturePayment, async (input, ctx) => {
      expectTypeOf(input).toEqualTypeOf<{
        invoiceId: string;
        amount: number;
        currency: string;
        paymentMethodId: string;
      }>();
      expectTypeOf(ctx.userId).toEqualTypeOf<string>();
      expectTypeOf(ctx.tenantId).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(ctx.call).toEqualTypeOf<CallInfo>();
      return { transactionId: 'pi_1', status: 'succeeded' };
    });
  });

  it('rejects handlers whose output breaks the contract', () => {
    // @ts-expect-error status is missing
    installOp(new SpecRegistry(), CapturePayment, async () => ({ transactionId: 'pi_1' }));
    // @ts-expect-error amount is a number
    installOp(new SpecRegistry(), CapturePayment, async (input: { amount: string }) => ({
      transactionId: input.amount,
      status: 'x',
    }));
  });

  it('infers nested models, decoded DateTime, events and declared errors', () => {
    const Line = new SchemaModel({
      name: 'Line',
      fields: { sku: { type: ScalarTypeEnum.ID(), isOptional: false } },
    });
    const Input = new SchemaModel({
      name: 'OrderInput',
      fields: {
        lines: { type: Line, isOptional: false, isArray: true },
        dueAt: { type: ScalarTypeEnum.DateTime(), isOptional: true },
      },
    });
    const Paid = defineEvent({
      meta: { name: 'shop.orderPlaced', version: 1, description: 'An order was placed', owners: ['shop'] },
      payload: Line,
    });
    const PlaceOrder = defineCommand({
      meta: {
        name: 'shop.placeOrder',
        version: 1,
        description: 'Place an order',
        owners: ['shop'],
        stability: 'stable',
      },
      io: {
        input: Input,
        output: Line,
        errors: { OUT_OF_STOCK: { status: 409, description: 'Not enough stock', data: Line } },
      },
      policy: { auth: 'anonymous' },
      events: [Paid],
    });
    installOp(new SpecRegistry(), PlaceOrder, async (input, ctx) => {
      expectTypeOf(input.lines).toEqualTypeOf<{ sku: string }[]>();
      expectTypeOf(input.dueAt).toEqualTypeOf<Date | undefined>();
      ctx.emit('shop.orderPlaced', { sku: 'a' });
      // @ts-expect-error undeclared event
      ctx.emit('shop.somethingElse', { sku: 'a' });
      // @ts-expect-error wrong payload
      ctx.emit('shop.orderPlaced', { sku: 1 });
      const error = ctx.fail('OUT_OF_STOCK', 'sold out', { sku: 'a' });
      expectTypeOf(error).toEqualTypeOf<ContractError<'OUT_OF_STOCK', { sku: string }>>();
      // @ts-expect-error undeclared error code
      ctx.fail('NOPE');
      expectTypeOf<HandlerContext<typeof PlaceOrder>['userId']>().toEqualTypeOf<string | null | undefined>();
      return { sku: 'a' };
    });
  });

  it('infers handler types from any Standard Schema (zod 4)', () => {
    const Lookup = defineQuery({
      meta: { name: 'shop.lookup', version: 1, description: 'Look up', owners: ['shop'], stability: 'beta' },
      io: { input: z.object({ q: z.string() }), output: z.object({ hits: z.number() }) },
      policy: { auth: 'anonymous' },
    });
    installOp(new SpecRegistry(), Lookup, (input) => {
      expectTypeOf(input).toEqualTypeOf<{ q: string }>();
      return { hits: 1 };
    });
  });
});
