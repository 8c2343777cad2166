import * as v from 'valibot';
import type { Contender } from '../contender.js';

const isWellFormed = (s: string) => s.isWellFormed();
const text = () =>
  v.pipe(v.string(), v.maxLength(10_000), v.check(isWellFormed, 'must not contain unpaired surrogates'));
const nonEmpty = () => v.pipe(text(), v.regex(/\S/u, 'must contain a non-whitespace character'));

/** The tutorial's input in valibot 1 (`maxLength` counts UTF-16 code units, not code points). */
export const ValibotInput = v.strictObject({
  invoiceId: nonEmpty(),
  amount: v.pipe(v.number(), v.finite(), v.gtValue(0)),
  currency: text(),
  paymentMethodId: nonEmpty(),
});

/** valibot 1: `v.safeParse(schema, body)`. */
export const valibot: Contender = {
  name: 'valibot 1',
  freshObject: true,
  allIssues: true,
  validate: (input) => v.safeParse(ValibotInput, input),
  read: (result) => {
    const r = result as v.SafeParseResult<typeof ValibotInput>;
    return r.success ? { ok: true, value: r.output } : { ok: false, issues: r.issues.length };
  },
};
