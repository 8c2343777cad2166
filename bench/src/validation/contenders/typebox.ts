import { FormatRegistry, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Contender } from '../contender.js';

const NON_SPACE = /\S/u;
// TypeBox compiles `pattern` without the `u` flag, so lone surrogates need a format.
FormatRegistry.Set('lssm-string', (s) => s.isWellFormed());
FormatRegistry.Set('lssm-non-empty', (s) => s.isWellFormed() && NON_SPACE.test(s));

/** The tutorial's input in TypeBox 0.34 (`maxLength` counts UTF-16 code units, not code points). */
export const TypeBoxInput = Type.Object(
  {
    invoiceId: Type.String({ maxLength: 10_000, format: 'lssm-non-empty' }),
    amount: Type.Number({ exclusiveMinimum: 0 }),
    currency: Type.String({ maxLength: 10_000, format: 'lssm-string' }),
    paymentMethodId: Type.String({ maxLength: 10_000, format: 'lssm-non-empty' }),
  },
  { additionalProperties: false },
);

const compiled = TypeCompiler.Compile(TypeBoxInput);

/** TypeBox: `Check(body)`, and on failure every error from `Errors(body)`; no copy is made. */
export const typebox: Contender = {
  name: 'typebox',
  freshObject: false,
  allIssues: true,
  validate: (input) => (compiled.Check(input) ? input : [...compiled.Errors(input)]),
  read: (result) =>
    Array.isArray(result) ? { ok: false, issues: result.length } : { ok: true, value: result },
};
