import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SpecRegistry } from '../registry/registry.js';
import { generateOpenApi, type OpenApiDocument, type OpenApiOptions } from './index.js';
import { fixtureRegistry, SearchProducts } from './registry.fixture.js';

/** Validates with @readme/openapi-parser (spec schema + its extra rules: duplicate ids, params...). */
async function check(doc: OpenApiDocument): Promise<string> {
  // The parser may dereference in place: give it a copy.
  const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
  if (!result.valid) return compileErrors(result);
  if (result.warnings.length > 0) return compileErrors(result);
  return 'valid';
}

const FLAVOURS = ['3.1', '3.0'] as const;

describe.each(FLAVOURS)('OpenAPI %s documents pass @readme/openapi-parser', (version3) => {
  const cases: [string, () => SpecRegistry, OpenApiOptions][] = [
    ['the fixture registry', () => fixtureRegistry(), {}],
    [
      'the fixture registry with servers, info and other security schemes',
      () => fixtureRegistry(),
      {
        title: 'Billing',
        version: '2026.11',
        description: 'Payments',
        basePath: '/',
        servers: [{ url: 'https://api.example.com', description: 'production' }],
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          oauth: {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} } },
          },
        },
      },
    ],
    [
      'a registry with a zod operation only',
      () => {
        const registry = new SpecRegistry();
        registry.register(SearchProducts);
        return registry;
      },
      {},
    ],
    ['an empty registry', () => new SpecRegistry(), {}],
  ];

  it.each(cases)('%s', async (_, registry, options) => {
    const doc = generateOpenApi(registry(), { ...options, version3 });
    expect(await check(doc)).toBe('valid');
  });

  it('the validator does catch a broken document (control)', async () => {
    const doc = generateOpenApi(fixtureRegistry(), { version3 });
    const broken = structuredClone(doc);
    const get = broken.paths['/api/ops/billing.getInvoice/v1']?.get;
    if (get === undefined) throw new Error('fixture changed');
    get.operationId = 'billing_capturePayment_v1';
    expect(await check(broken)).toMatch(/operationId/i);
  });
});

describe('OpenAPI 3.0 schema objects are checked too', () => {
  it.each([
    ['a JSON Schema 2020-12 type list', { type: ['string', 'null'] }],
    ['2020-12 `examples`', { type: 'string', examples: ['a'] }],
  ])('rejects %s in a 3.0 component (control)', async (_, schema) => {
    const doc = generateOpenApi(fixtureRegistry(), { version3: '3.0' });
    const broken = structuredClone(doc);
    broken.components.schemas.Broken = schema;
    expect(await check(broken)).not.toBe('valid');
  });
});

/**
 * The parser does not look inside OpenAPI 3.1 schema objects (they are JSON Schema 2020-12), so
 * Ajv checks them: every schema of the document against the 2020-12 meta-schema and compiled
 * strictly, and every media-type example against its schema.
 */
describe('OpenAPI 3.1 schemas are strict JSON Schema 2020-12, and examples match them', () => {
  const doc = generateOpenApi(fixtureRegistry());
  // Refs point at `#/components/schemas/X`; host the components as `$defs` of one schema.
  const DOC_ID = 'https://openapi.test/doc';
  const rewrite = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${DOC_ID}#/$defs/`));
  const newAjv = () => {
    const ajv = new Ajv2020({
      strict: true,
      allowUnionTypes: true,
      ownProperties: true,
      validateFormats: false,
      unicodeRegExp: true,
    });
    for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) ajv.addFormat(format, true);
    ajv.addSchema({ $id: DOC_ID, $defs: rewrite(doc.components.schemas) });
    return ajv;
  };

  /** Every `schema` (with its `example`, if any) under paths, by where it is. */
  const media: [string, unknown, unknown][] = [];
  const collect = (node: unknown, at: string) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if ('schema' in record && typeof record.schema === 'object')
      media.push([at, record.schema, record.example]);
    for (const [key, value] of Object.entries(record)) if (key !== 'schema') collect(value, `${at}/${key}`);
  };
  collect(doc.paths, '#/paths');

  it('finds the schemas to check', () => {
    expect(media.length).toBeGreaterThan(200);
    expect(media.filter(([, , example]) => example !== undefined).length).toBeGreaterThanOrEqual(8);
  });

  it('every component schema is valid 2020-12 and compiles strictly', () => {
    const ajv = newAjv();
    for (const name of Object.keys(doc.components.schemas)) {
      const schema = rewrite(doc.components.schemas[name]);
      expect(ajv.validateSchema(schema), `${name}: ${ajv.errorsText()}`).toBe(true);
      expect(() => ajv.compile({ $ref: `${DOC_ID}#/$defs/${name}` }), name).not.toThrow();
    }
  });

  it('every schema under paths compiles strictly, and its example (if any) is valid', () => {
    const ajv = newAjv();
    for (const [at, schema, example] of media) {
      const validateFn = ajv.compile(rewrite(schema));
      if (example !== undefined)
        expect(validateFn(example), `${at}: ${ajv.errorsText(validateFn.errors)}`).toBe(true);
    }
  });

  it('a wrong example is caught (control)', () => {
    const ajv = newAjv();
    const validateFn = ajv.compile(rewrite({ $ref: '#/components/schemas/CapturePaymentInput' }));
    expect(validateFn({ invoiceId: 'inv_1', amount: { amount: 1.5, currency: 'EUR' }, method: 'card' })).toBe(
      false,
    );
  });
});
