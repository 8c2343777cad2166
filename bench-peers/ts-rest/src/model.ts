import { z } from 'zod';

const isWellFormed = (s: string) => s.isWellFormed();
const text = () => z.string().max(10_000);
const nonEmpty = () =>
  text()
    .regex(/\S/u, 'must contain a non-whitespace character')
    .refine(isWellFormed, 'must not contain unpaired surrogates');

/**
 * The tutorial's input in zod 3 (ts-rest 3.52 takes zod 3): the same rules as the zod 4 model of
 * the validation benchmark (`bench/src/validation/contenders/zod.ts`), unknown keys rejected.
 */
export const Zod3Input = z
  .object({
    invoiceId: nonEmpty(),
    amount: z.number().positive(),
    currency: text().refine(isWellFormed, 'must not contain unpaired surrogates'),
    paymentMethodId: nonEmpty(),
  })
  .strict();

/** The op's output, as the contract declares its 200 answer. */
export const PaymentResult = z.object({ transactionId: z.string(), status: z.string() });
