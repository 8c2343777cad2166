// The served OpenAPI document is the generator's, passes a real validator, and tells the truth:
// a client that knows nothing but the document calls every operation on the live server.
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Not exported from the package root (yet): imported from the source, as the package's own tests do.
import {
  callFromDocument,
  type FetchLike,
} from '../../packages/contracts/src/openapi/document-client.fixture.js';
import {
  generateOpenApi,
  type OpenApiDocument,
  type OperationObject,
  type ResponseObject,
} from '../../packages/contracts/src/openapi/index.js';
import { BASE, makeFixture, type Running, startServer } from './helpers.js';

const fixture = makeFixture();
let server: Running;
let doc: OpenApiDocument;
beforeAll(async () => {
  server = await startServer(fixture.registry);
  doc = (await (await fetch(`${server.url}${BASE}/openapi.json`)).json()) as OpenApiDocument;
});
afterAll(() => server.close());

/** A valid input per operation name, for operations whose document gives no example. */
const INPUTS: Record<string, unknown> = {
  'billing.capturePayment': {
    invoiceId: 'inv_1',
    amount: 10,
    currency: 'usd',
    paymentMethodId: 'pm_card_visa',
  },
  'billing.listInvoices': { status: 'open', minAmount: 3, overdue: false, tags: ['a', 'b'] },
  'billing.legacyCharge': {},
  'billing.refund': { paymentId: 'pay_1' },
  'catalog.getProduct': { sku: 'sku_1' },
  'ops.limitedPing': {},
};

interface Found {
  readonly id: string;
  readonly path: string;
  readonly method: 'get' | 'post';
  readonly name: string;
  readonly operation: OperationObject;
}

function operations(document: OpenApiDocument): Found[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post'] as const).flatMap((method) => {
      const operation = item[method];
      const name = path.slice(BASE.length + 1).split('/')[0] as string;
      return operation === undefined
        ? []
        : [{ id: operation.operationId as string, path, method, name, operation }];
    }),
  );
}

/** Ajv over the document's schemas (hosted as `$defs`, as the package's own validator test does). */
function schemaChecker(document: OpenApiDocument) {
  const DOC_ID = 'https://openapi.test/served';
  const rewrite = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${DOC_ID}#/$defs/`));
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    validateFormats: false,
    unicodeRegExp: true,
  });
  ajv.addSchema({ $id: DOC_ID, $defs: rewrite(document.components.schemas) });
  /** The documented response for a status, and whether the body matches its schema (errors if not). */
  return (operation: OperationObject, status: number, body: unknown): string => {
    const response = operation.responses[String(status)] as ResponseObject | undefined;
    if (response === undefined) return `status ${status} is not documented`;
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) return 'no JSON schema documented';
    const check = ajv.compile(rewrite(schema));
    return check(body) ? 'matches' : ajv.errorsText(check.errors);
  };
}

describe('{basePath}/openapi.json', () => {
  it('is the document generateOpenApi makes from the registry', () => {
    expect(doc).toEqual(generateOpenApi(fixture.registry, { basePath: BASE }));
  });

  it('passes @readme/openapi-parser, without warnings', async () => {
    const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid && result.warnings.length === 0 ? 'valid' : compileErrors(result)).toBe('valid');
  });

  it('has an input for every operation of this test (the table is complete)', () => {
    const names = new Set(operations(doc).map((op) => op.name));
    expect([...names].sort()).toEqual(Object.keys(INPUTS).sort());
  });
});

describe('a client driven by the document alone calls every operation on the live server', () => {
  const fetchImpl: FetchLike = (url, init) => fetch(url, init);
  let keys = 0;
  const options = (extra: object = {}) => ({
    baseUrl: server.url,
    bearerToken: 'alice',
    idempotencyKey: `doc-key-${++keys}`,
    requestId: `doc-${keys}`,
    ...extra,
  });

  it('every operation answers 200 with a body and headers as documented', async () => {
    const check = schemaChecker(doc);
    const outcomes: string[] = [];
    for (const { id, method, name, operation } of operations(doc)) {
      const example = operation.requestBody?.content['application/json']?.example;
      const input = example ?? INPUTS[name];
      const forms = method === 'get' ? (['auto', 'json'] as const) : (['auto'] as const);
      for (const queryForm of forms) {
        const result = await callFromDocument(doc, id, input, fetchImpl, options({ queryForm }));
        const documented = Object.keys((operation.responses['200'] as ResponseObject).headers ?? {});
        const missing = documented.filter(
          (h) => h !== 'Idempotent-Replayed' && !(h.toLowerCase() in result.headers),
        );
        outcomes.push(
          `${id} ${queryForm}: ${result.status} ${check(operation, result.status, result.body)}` +
            (missing.length > 0 ? ` missing ${missing.join(', ')}` : ''),
        );
        expect(result.headers['x-request-id']).toBe(result.request.headers['x-request-id']);
      }
    }
    const expected = outcomes.map((line) => line.replace(/: .*/, ': 200 matches'));
    expect(outcomes).toEqual(expected);
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
  });

  it('every error the server gives is a documented status with a body matching its schema', async () => {
    const check = schemaChecker(doc);
    const outcomes: string[] = [];
    const cases: [string, unknown, object][] = [
      ['unknown key', { notAField: 1 }, {}],
      ['no session', { notAField: 1 }, { bearerToken: undefined }],
    ];
    for (const { id, name, operation } of operations(doc)) {
      for (const [label, input, extra] of cases) {
        const result = await callFromDocument(
          doc,
          id,
          input,
          fetchImpl,
          options({ queryForm: 'json', ...extra }),
        );
        const verdict = check(operation, result.status, result.body);
        outcomes.push(`${id} (${label}): ${result.status < 400 ? `unexpected ${result.status}` : verdict}`);
        if (name === 'ops.limitedPing') expect(result.status).toBe(label === 'no session' ? 401 : 429);
      }
    }
    expect(outcomes).toEqual(outcomes.map((line) => line.replace(/: .*/, ': matches')));
  });
});
