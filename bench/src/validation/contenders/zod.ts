import * as z from 'zod';
import type { Contender } from '../contender.js';

const isWellFormed = (s: string) => s.isWellFormed();
const text = () => z.string().max(10_000).refine(isWellFormed, 'must not contain unpaired surrogates');
const nonEmpty = () => text().regex(/\S/u, 'must contain a non-whitespace character');

/** The tutorial's input in zod 4 (`max` counts UTF-16 code units, not code points). */
export const ZodInput = z.strictObject({
  invoiceId: nonEmpty(),
  amount: z.number().positive(),
  currency: text(),
  paymentMethodId: nonEmpty(),
});

type Result = ReturnType<typeof ZodInput.safeParse>;

/** zod 4: `schema.safeParse(body)`. */
export const zod: Contender = {
  name: 'zod 4',
  freshObject: true,
  allIssues: true,
  validate: (input) => ZodInput.safeParse(input),
  read: (result) => {
    const r = result as Result;
    return r.success ? { ok: true, value: r.data } : { ok: false, issues: r.error.issues.length };
  },
};
