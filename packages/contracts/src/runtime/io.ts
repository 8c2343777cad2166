import type { Issue, PathSegment, StandardSchemaV1 } from '@lssm/lib.schema';
import type { IoSchema } from '../spec/types.js';

/** A validation outcome in the pipeline's terms. */
export type IoResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly Issue[] };

function pathOf(issue: StandardSchemaV1.Issue): PathSegment[] {
  return (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    return typeof key === 'number' ? key : String(key);
  });
}

async function viaStandard(schema: StandardSchemaV1, value: unknown): Promise<IoResult> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      path: pathOf(issue),
      code: 'invalid_format',
      message: issue.message,
    })),
  };
}

function isModel(schema: IoSchema): schema is Extract<IoSchema, { kind: 'model' }> {
  return (schema as { kind?: unknown }).kind === 'model';
}

/**
 * Validates wire input against the spec's input schema: our models synchronously (compiled), any
 * other Standard Schema through `~standard.validate`. Foreign issues get the code `invalid_format`.
 */
export function validateInput(schema: IoSchema, value: unknown): IoResult | Promise<IoResult> {
  return isModel(schema) ? schema.validate(value) : viaStandard(schema, value);
}

/** Checks and encodes a handler's value for the wire (e.g. `Date` to ISO strings, undeclared keys dropped). */
export function encodeOutput(schema: IoSchema, value: unknown): IoResult | Promise<IoResult> {
  return isModel(schema) ? schema.encode(value) : viaStandard(schema, value);
}
