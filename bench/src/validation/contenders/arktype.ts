import { type } from 'arktype';
import type { Contender } from '../contender.js';

/**
 * Lone surrogates are refused with a pattern, as Ajv does: with the `u` flag a well-formed pair is
 * one code point, so the class only matches an unpaired half. (A `.narrow(isWellFormed)` predicate
 * would do the same but makes every call about 5x slower: it leaves arktype's compiled fast path.)
 */
const text = type('string <= 10000').and(/^[^\uD800-\uDFFF]*$/u);
const nonEmpty = text.and(/\S/u);

/**
 * The tutorial's input in arktype 2: `'+': 'reject'` refuses undeclared keys. `<=` counts UTF-16
 * code units, not code points; `number > 0` lets `Infinity` through, which JSON cannot carry.
 */
export const ArktypeInput = type({
  '+': 'reject',
  invoiceId: nonEmpty,
  amount: 'number > 0',
  currency: text,
  paymentMethodId: nonEmpty,
});

/**
 * arktype 2: `schema(body)`, giving the data or an `ArkErrors` list (every issue). Without morphs
 * it hands back the input object itself, like Ajv and TypeBox.
 */
export const arktype: Contender = {
  name: 'arktype 2',
  freshObject: false,
  allIssues: true,
  validate: (input) => ArktypeInput(input),
  read: (result) =>
    result instanceof type.errors ? { ok: false, issues: result.length } : { ok: true, value: result },
};
