import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Contender } from '../contender.js';
import { CapturePaymentInput } from './ours.js';

/** The tutorial's input as JSON Schema 2020-12, exported by our model (`additionalProperties: false`). */
export const inputJsonSchema = CapturePaymentInput.toJsonSchema();
if (inputJsonSchema.additionalProperties !== false) throw new Error('expected additionalProperties: false');

function ajvContender(allErrors: boolean): Contender {
  const check = new Ajv2020({ allErrors }).compile(inputJsonSchema);
  return {
    name: allErrors ? 'ajv (allErrors)' : 'ajv (first error)',
    freshObject: false,
    allIssues: allErrors,
    validate: (input) => (check(input) ? input : check.errors),
    read: (result) =>
      Array.isArray(result) ? { ok: false, issues: result.length } : { ok: true, value: result },
  };
}

/** Ajv 8 (draft 2020-12), stopping at the first error: `validate(body)`; no copy is made. */
export const ajvFirstError: Contender = ajvContender(false);

/** Ajv 8 (draft 2020-12) with `allErrors: true`, every issue collected. */
export const ajvAllErrors: Contender = ajvContender(true);
