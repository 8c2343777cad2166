/**
 * Differential test of the JSON Schema export: for every fixture model, our validator and Ajv
 * (JSON Schema 2020-12) running `model.toJsonSchema()` must accept and reject the same JSON.
 *
 * Inputs are JSON (round-tripped through JSON.stringify/parse): JSON Schema only speaks JSON.
 * Generated JSON stays shallow because the JSON scalars' depth and node limits (32 levels,
 * 10,000 values) cannot be expressed in JSON Schema.
 *
 * Replaying a failure: fast-check prints the `seed` (and `path`) of a failing run. Re-run with
 * `FC_SEED=<seed> [FC_PATH=<path>] npx vitest run packages/schema/src/json-schema/differential.test.ts -t '<name>'`.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnySchemaModel } from '../model.js';
import { fcParams, viaJson } from '../validate/arbitraries.fixture.js';
import { validAndMutated } from '../validate/hostile-inputs.fixture.js';
import { TEST_MODELS } from '../validate/models.fixture.js';

const RUNS = 10_000;
const TIMEOUT_MS = 60_000;

/** Formats we emit. They are annotations here: the `pattern` next to each one is authoritative. */
const KNOWN_FORMATS = ['date-time', 'date', 'uuid', 'email', 'uri'] as const;

function newAjv(): Ajv2020 {
  // strict: unknown keywords, unknown formats, ignored keywords and `required` names missing from
  // `properties` all throw. Union types (`type: [...]`) are standard 2020-12 and used by JSON values.
  // ownProperties: JSON objects have no prototype; without it Ajv would see `{}.toString`.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    ownProperties: true,
    validateFormats: false,
    unicodeRegExp: true,
  });
  for (const format of KNOWN_FORMATS) ajv.addFormat(format, true);
  return ajv;
}

function formatsIn(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) formatsIn(s, into);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'format' && typeof value === 'string') into.add(value);
      else formatsIn(value, into);
    }
  }
  return into;
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}

describe.each(Object.entries(TEST_MODELS))('model %s', (_name, model: AnySchemaModel) => {
  const schema = model.toJsonSchema();

  it('exports a schema that is valid against the 2020-12 meta-schema and compiles strictly', () => {
    const ajv = newAjv();
    expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    for (const format of formatsIn(schema, new Set())) expect(KNOWN_FORMATS).toContain(format);
    // The schema is plain JSON.
    expect(viaJson(schema)).toEqual(schema);
  });

  it(
    'our validator and Ajv agree on valid values and on mutations of them',
    () => {
      const ajvValidate = newAjv().compile(schema);
      const agree = (input: unknown, what: string): void => {
        const ours = model.validate(input);
        const theirs = ajvValidate(input);
        if (ours.ok !== theirs) {
          throw new Error(
            `${what}: our validator ${ours.ok ? 'accepts' : 'rejects'} but Ajv ${theirs ? 'accepts' : 'rejects'}\n` +
              `ours: ${ours.ok ? 'ok' : fc.stringify(ours.issues)}\nAjv: ${theirs ? 'ok' : describeErrors(ajvValidate)}`,
          );
        }
      };
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(validAndMutated(model), ({ valid, mutated }) => {
          const validJson = viaJson(valid);
          const mutatedJson = viaJson(mutated);
          agree(validJson, 'valid value');
          agree(mutatedJson, 'mutated value');
          // Valid values must be accepted by both, not merely agreed on.
          if (!ajvValidate(validJson))
            throw new Error(`Ajv rejects a valid value: ${describeErrors(ajvValidate)}`);
          if (model.validate(mutatedJson).ok) accepted++;
          else rejected++;
        }),
        fcParams(RUNS, process.env),
      );
      // The mutations must exercise both outcomes (shrinking is off when this runs: all passed).
      if (process.env.FC_PATH === undefined) {
        expect(accepted).toBeGreaterThan(RUNS / 50);
        expect(rejected).toBeGreaterThan(RUNS / 4);
      }
    },
    TIMEOUT_MS,
  );
});
