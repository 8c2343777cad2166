import { ScalarTypeEnum, SchemaModel } from '@lssm/lib.schema';
import { describe, expect, it } from 'vitest';
import { SpecRegistry } from '../registry/registry.js';
import { type AnyOperationSpec, defineCommand, defineQuery } from '../spec/operation.js';
import {
  generateOpenApi,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
} from './index.js';
import {
  ALL_SPECS,
  CapturePaymentInput,
  CapturePaymentV1,
  CapturePaymentV2,
  fixtureRegistry,
  GetInvoice,
  Invoice,
  PaymentResult,
} from './registry.fixture.js';

const doc31 = generateOpenApi(fixtureRegistry());
const doc30 = generateOpenApi(fixtureRegistry(), { version3: '3.0' });
const FLAVOURS: [string, OpenApiDocument][] = [
  ['3.1', doc31],
  ['3.0', doc30],
];

/** Every operation of a document with its path and method. */
function operations(doc: OpenApiDocument): { path: string; method: 'get' | 'post'; op: OperationObject }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post'] as const).flatMap((method) => {
      const op = item[method];
      return op === undefined ? [] : [{ path, method, op }];
    }),
  );
}

function op(doc: OpenApiDocument, operationId: string): OperationObject {
  const found = operations(doc).find((o) => o.op.operationId === operationId);
  if (found === undefined) throw new Error(`no operation ${operationId}`);
  return found.op;
}

/** Every value under `node` with its JSON pointer. */
function* walk(node: unknown, at = '#'): Generator<[string, unknown]> {
  yield [at, node];
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) yield* walk(value, `${at}/${key}`);
}

function registryOf(...specs: AnyOperationSpec[]): SpecRegistry {
  const registry = new SpecRegistry();
  for (const spec of specs) registry.register(spec);
  return registry;
}

const Str = new SchemaModel({
  name: 'Str',
  fields: { s: { type: ScalarTypeEnum.String(), isOptional: true } },
});
const meta = (
  name: string,
  version: number,
  stability: 'stable' | 'beta' | 'deprecated' | 'experimental',
) => ({
  name,
  version,
  description: `${name} v${version}`,
  owners: ['team-x'],
  stability,
});

describe('paths and operation ids', () => {
  it('has one path per exposed version plus the unversioned path, sorted', () => {
    expect(Object.keys(doc31.paths)).toEqual([
      '/api/ops/billing.capturePayment',
      '/api/ops/billing.capturePayment/v1',
      '/api/ops/billing.capturePayment/v2',
      '/api/ops/billing.getInvoice',
      '/api/ops/billing.getInvoice/v1',
      '/api/ops/billing.sendReminder',
      '/api/ops/billing.sendReminder/v1',
      '/api/ops/catalog.searchProducts',
      '/api/ops/catalog.searchProducts/v1',
      '/api/ops/reports.exportLedger',
      '/api/ops/reports.exportLedger/v1',
    ]);
    expect(Object.keys(doc30.paths)).toEqual(Object.keys(doc31.paths));
  });

  it.each([
    ['/api/ops/billing.capturePayment', 'post', 'billing_capturePayment'],
    ['/api/ops/billing.capturePayment/v1', 'post', 'billing_capturePayment_v1'],
    ['/api/ops/billing.capturePayment/v2', 'post', 'billing_capturePayment_v2'],
    ['/api/ops/billing.getInvoice', 'get', 'billing_getInvoice'],
    ['/api/ops/billing.getInvoice', 'post', 'billing_getInvoice_post'],
    ['/api/ops/billing.getInvoice/v1', 'get', 'billing_getInvoice_v1'],
    ['/api/ops/billing.getInvoice/v1', 'post', 'billing_getInvoice_v1_post'],
    ['/api/ops/billing.sendReminder/v1', 'post', 'billing_sendReminder_v1'],
    ['/api/ops/catalog.searchProducts/v1', 'get', 'catalog_searchProducts_v1'],
    ['/api/ops/reports.exportLedger', 'post', 'reports_exportLedger_post'],
  ] as const)('%s %s is %s', (path, method, operationId) => {
    expect(doc31.paths[path]?.[method]?.operationId).toBe(operationId);
  });

  it.each(FLAVOURS)('operation ids are unique (%s)', (_, doc) => {
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(ids).toHaveLength(17);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('commands are POST only; queries are GET and POST', () => {
    for (const { path, op: o } of operations(doc31)) {
      const kind = (o['x-operation'] as { kind: string }).kind;
      const methods = Object.keys(doc31.paths[path] ?? {});
      expect(methods).toEqual(kind === 'command' ? ['post'] : ['get', 'post']);
    }
  });

  it('leaves out experimental operations and those with exposure.rest false', () => {
    const text = JSON.stringify(doc31);
    expect(text).not.toContain('refundPayment');
    expect(text).not.toContain('rebuildIndex');
    expect(doc31.tags.map((t) => t.name)).not.toContain('admin');
  });

  it.each([
    {
      what: 'deprecated v1 + stable v2 -> v2',
      specs: [
        defineCommand({
          meta: meta('a.b', 1, 'deprecated'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
        }),
        defineCommand({
          meta: meta('a.b', 2, 'stable'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
        }),
      ],
      unversioned: 2,
    },
    {
      what: 'stable v1 + beta v2 -> v1',
      specs: [
        defineCommand({
          meta: meta('a.b', 1, 'stable'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
        }),
        defineCommand({
          meta: meta('a.b', 2, 'beta'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
        }),
      ],
      unversioned: 1,
    },
    {
      what: 'stable v1 off REST + beta v2 -> none (the version a lookup picks is not on REST)',
      specs: [
        defineCommand({
          meta: meta('a.b', 1, 'stable'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
          exposure: { rest: false },
        }),
        defineCommand({
          meta: meta('a.b', 2, 'beta'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
        }),
      ],
      unversioned: undefined,
    },
    {
      what: 'experimental v1 exposed explicitly -> v1',
      specs: [
        defineCommand({
          meta: meta('a.b', 1, 'experimental'),
          io: { input: Str, output: Str },
          policy: { auth: 'user' },
          exposure: { rest: true },
        }),
      ],
      unversioned: 1,
    },
  ])('the unversioned path runs what registry.resolve picks: $what', ({ specs, unversioned }) => {
    const doc = generateOpenApi(registryOf(...specs));
    const post = doc.paths['/api/ops/a.b']?.post;
    if (unversioned === undefined) expect(post).toBeUndefined();
    else {
      expect(post?.operationId).toBe('a_b');
      expect(post?.['x-operation']).toEqual({ name: 'a.b', version: unversioned, kind: 'command' });
      expect(post?.description).toContain(`/api/ops/a.b/v${unversioned}`);
    }
  });

  it.each([
    ['/v2/', '/v2/billing.getInvoice/v1'],
    ['api', '/api/billing.getInvoice/v1'],
    ['/', '/billing.getInvoice/v1'],
    ['/api/ops', '/api/ops/billing.getInvoice/v1'],
  ])('basePath %j gives %s', (basePath, path) => {
    const doc = generateOpenApi(fixtureRegistry(), { basePath });
    expect(Object.keys(doc.paths)).toContain(path);
  });

  it.each(['/api/{tenant}', '/api?x=1', '/a b'])('rejects basePath %j', (basePath) => {
    expect(() => generateOpenApi(fixtureRegistry(), { basePath })).toThrow(/basePath/);
  });
});

describe('request bodies and parameters', () => {
  it('POST takes the input model as a required JSON body with its first example', () => {
    const body = op(doc31, 'billing_capturePayment_v1').requestBody;
    expect(body?.required).toBe(true);
    expect(body?.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/CapturePaymentInput' },
      example: CapturePaymentInput.examples[0],
    });
    expect(op(doc31, 'billing_getInvoice_post').requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/GetInvoiceInput',
    });
    expect(op(doc31, 'billing_getInvoice').requestBody).toBeUndefined();
  });

  const summary = (p: ParameterObject) => `${p.in}:${p.name}${p.required === true ? '!' : ''}`;
  it.each([
    ['billing_capturePayment_v1', ['header:X-Request-Id', 'header:Idempotency-Key!']],
    ['billing_sendReminder_v1', ['header:X-Request-Id', 'header:Idempotency-Key']],
    [
      'billing_getInvoice_v1',
      [
        'query:input',
        'query:invoiceId',
        'query:include',
        'query:limit',
        'query:expand',
        'query:asOf',
        'header:X-Request-Id',
      ],
    ],
    ['billing_getInvoice_v1_post', ['header:X-Request-Id']],
    ['catalog_searchProducts_v1', ['query:input', 'header:X-Request-Id']],
    ['reports_exportLedger_v1', ['query:input', 'query:from', 'query:to', 'header:X-Request-Id']],
  ])('%s has parameters %j', (operationId, expected) => {
    expect(op(doc31, operationId).parameters.map(summary)).toEqual(expected);
  });

  it('documents the flat GET form with style form parameters from the model fields', () => {
    const params = op(doc31, 'billing_getInvoice_v1').parameters;
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    for (const name of ['invoiceId', 'include', 'limit', 'expand', 'asOf']) {
      expect(byName[name]).toMatchObject({ in: 'query', required: false, style: 'form', explode: true });
    }
    expect(byName.invoiceId?.description).toMatch(/Required in the flat form/);
    expect(byName.include?.schema).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/InvoiceInclude' },
    });
    expect(byName.limit?.schema).toMatchObject({ type: 'integer', maximum: 100, default: 20 });
    expect(byName.expand?.schema).toEqual({ type: 'boolean' });
    expect(byName.asOf?.schema).toMatchObject({ type: 'string', format: 'date-time' });
    // Nested models and Money have no flat form: they are named in the `input` parameter.
    expect(byName.shippedTo).toBeUndefined();
    expect(byName.total).toBeUndefined();
    expect(byName.input).toMatchObject({
      in: 'query',
      required: false,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/GetInvoiceInput' } } },
    });
    expect(byName.input?.description).toContain('shippedTo, total');
    expect(byName.input?.style).toBeUndefined();
  });

  it('a field named `input` has no flat form (the name carries the JSON form)', () => {
    const q = defineQuery({
      meta: meta('a.q', 1, 'stable'),
      io: {
        input: new SchemaModel({
          name: 'Q',
          fields: {
            input: { type: ScalarTypeEnum.String(), isOptional: true },
            n: { type: ScalarTypeEnum.Int(), isOptional: true },
          },
        }),
        output: Str,
      },
      policy: { auth: 'anonymous' },
    });
    const get = generateOpenApi(registryOf(q)).paths['/api/ops/a.q/v1']?.get;
    expect(get?.parameters.map((p) => p.name)).toEqual(['input', 'n', 'X-Request-Id']);
  });

  it('describes Idempotency-Key and X-Request-Id', () => {
    const [requestId, key] = op(doc31, 'billing_capturePayment_v2').parameters;
    expect(requestId).toMatchObject({ name: 'X-Request-Id', in: 'header', required: false });
    expect(key).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: true });
    expect(key?.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 255 });
  });
});

describe('responses', () => {
  it.each([
    ['billing_capturePayment_v2', [200, 400, 401, 402, 403, 404, 405, 409, 413, 415, 429, 500, 503]],
    // hideExistence: a denied rule answers 404, so no 403. GET has no body: no 413 or 415.
    ['billing_getInvoice_v1', [200, 400, 401, 404, 405, 500, 503]],
    ['billing_getInvoice_v1_post', [200, 400, 401, 404, 405, 413, 415, 500, 503]],
    // user auth, no rules, no idempotency declared: no 403, 409 (a key may still be sent), no 429.
    ['billing_sendReminder_v1', [200, 400, 401, 404, 405, 409, 413, 415, 500, 503]],
    // anonymous: no 401 or 403; rate limited: 429.
    ['catalog_searchProducts_v1', [200, 400, 404, 405, 429, 500, 503]],
    // a role: 403 without rules.
    ['reports_exportLedger_v1', [200, 400, 401, 403, 404, 405, 500, 503]],
    ['reports_exportLedger_v1_post', [200, 400, 401, 403, 404, 405, 413, 415, 500, 503]],
  ])('%s answers %j', (operationId, statuses) => {
    expect(Object.keys(op(doc31, operationId).responses)).toEqual(statuses.map(String));
    expect(Object.keys(op(doc30, operationId).responses)).toEqual(statuses.map(String));
  });

  const codesOf = (o: OperationObject, status: string) => {
    const schema = o.responses[status]?.content?.['application/json']?.schema as {
      allOf: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }];
    };
    return schema.allOf[1].properties.error.properties.code.enum;
  };

  it.each([
    ['billing_capturePayment_v2', '400', ['INVALID_INPUT']],
    ['billing_capturePayment_v2', '402', ['CARD_DECLINED']],
    ['billing_capturePayment_v2', '404', ['NOT_FOUND', 'INVOICE_NOT_FOUND']],
    ['billing_capturePayment_v2', '409', ['CONFLICT', 'ALREADY_PAID', 'INVOICE_VOID']],
    ['billing_capturePayment_v2', '429', ['RATE_LIMITED']],
    ['billing_getInvoice_v1', '404', ['NOT_FOUND']],
    ['reports_exportLedger_v1', '403', ['FORBIDDEN']],
    ['catalog_searchProducts_v1', '503', ['UNAVAILABLE']],
  ])('%s %s carries codes %j', (operationId, status, codes) => {
    expect(codesOf(op(doc31, operationId), status)).toEqual(codes);
    expect(codesOf(op(doc30, operationId), status)).toEqual(codes);
  });

  it('several codes on one status share one response that lists them', () => {
    const conflict = op(doc31, 'billing_capturePayment_v2').responses['409'];
    expect(conflict?.description.split('\n')).toEqual([
      expect.stringMatching(/^- `CONFLICT`: Conflict\. /),
      '- `ALREADY_PAID`: The invoice is already paid',
      '- `INVOICE_VOID`: The invoice was voided',
    ]);
    expect(op(doc31, 'billing_getInvoice_v1').responses['404']?.description).toMatch(
      /^NOT_FOUND: .*existence is hidden/,
    );
  });

  it.each([
    ['billing_capturePayment_v2', 'FORBIDDEN: You are not allowed to do this. A policy rule denies.'],
    [
      'reports_exportLedger_v1',
      'FORBIDDEN: You are not allowed to do this. The caller lacks the accountant role.',
    ],
  ])('%s explains its 403', (operationId, description) => {
    expect(op(doc31, operationId).responses['403']?.description).toBe(description);
  });

  it('types the data of a declared error and refers to ErrorResponse', () => {
    const schema = op(doc31, 'billing_capturePayment_v2').responses['402']?.content?.['application/json']
      ?.schema;
    expect(schema).toEqual({
      allOf: [
        { $ref: '#/components/schemas/ErrorResponse' },
        {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string', enum: ['CARD_DECLINED'] },
                data: { $ref: '#/components/schemas/DeclineData' },
              },
            },
          },
        },
      ],
    });
  });

  it('200 is the output model with its first example', () => {
    expect(op(doc31, 'billing_getInvoice_v1').responses['200']?.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/Invoice' }, example: Invoice.examples[0] },
    });
    expect(
      op(doc30, 'billing_capturePayment_v1').responses['200']?.content?.['application/json']?.example,
    ).toEqual(PaymentResult.examples[0]);
  });

  it.each(FLAVOURS)('the ErrorResponse component has the wire shape (%s)', (flavour, doc) => {
    const schema = doc.components.schemas.ErrorResponse as {
      required: string[];
      properties: { error: { required: string[]; properties: Record<string, Record<string, unknown>> } };
    };
    expect(schema.required).toEqual(['error']);
    expect(schema.properties.error.required).toEqual(['code', 'message', 'requestId']);
    expect(Object.keys(schema.properties.error.properties)).toEqual([
      'code',
      'message',
      'issues',
      'data',
      'requestId',
    ]);
    const path = (schema.properties.error.properties.issues as { items: { properties: { path: unknown } } })
      .items.properties.path;
    expect(path).toMatchObject({
      type: 'array',
      items:
        flavour === '3.1'
          ? { type: ['string', 'integer'] }
          : { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    });
  });
});

describe('response headers', () => {
  const names = (o: OperationObject, status: string) => Object.keys(o.responses[status]?.headers ?? {});

  it('every response carries X-Request-Id', () => {
    for (const { op: o } of operations(doc31)) {
      for (const status of Object.keys(o.responses)) expect(names(o, status)).toContain('X-Request-Id');
    }
  });

  it('Retry-After is on 429, 503 and (commands: a key still in flight) 409 only', () => {
    for (const { op: o } of operations(doc31)) {
      for (const status of Object.keys(o.responses)) {
        expect(names(o, status).includes('Retry-After'), `${o.operationId} ${status}`).toBe(
          ['409', '429', '503'].includes(status),
        );
      }
    }
  });

  it('Allow is on 405, naming the methods', () => {
    expect(op(doc31, 'billing_sendReminder_v1').responses['405']?.headers?.Allow).toMatchObject({
      schema: { enum: ['POST'] },
    });
    expect(op(doc31, 'billing_getInvoice_v1').responses['405']?.headers?.Allow).toMatchObject({
      schema: { enum: ['GET, POST'] },
    });
    for (const { op: o } of operations(doc31)) {
      for (const status of Object.keys(o.responses))
        expect(names(o, status).includes('Allow')).toBe(status === '405');
    }
  });

  it.each([
    ['billing_capturePayment_v2', ['200', '402', '404', '409']],
    ['billing_sendReminder_v1', ['200']],
    ['billing_getInvoice_v1', []],
    ['billing_getInvoice_v1_post', []],
  ])('Idempotent-Replayed on commands, where a response can be replayed: %s %j', (operationId, statuses) => {
    const o = op(doc31, operationId);
    const withHeader = Object.keys(o.responses).filter((s) => names(o, s).includes('Idempotent-Replayed'));
    expect(withHeader).toEqual(statuses);
  });

  it('deprecated operations say so, on every response, with Deprecation, Sunset and Link', () => {
    for (const { op: o } of operations(doc31)) {
      const deprecated = o.operationId === 'billing_capturePayment_v1';
      expect(o.deprecated === true, o.operationId).toBe(deprecated);
      for (const status of Object.keys(o.responses)) {
        expect(names(o, status).includes('Deprecation')).toBe(deprecated);
        expect(names(o, status).includes('Sunset')).toBe(deprecated);
        expect(names(o, status).includes('Link')).toBe(deprecated);
      }
    }
    const v1 = op(doc31, 'billing_capturePayment_v1');
    expect(v1.description).toContain('use /api/ops/billing.capturePayment/v2 instead');
    expect(v1.description).toContain('2027-01-01');
    expect(v1['x-deprecation']).toEqual({ sunset: '2027-01-01', replacement: 'billing.capturePayment/v2' });
  });

  it('header refs point at components.headers', () => {
    expect(Object.keys(doc31.components.headers)).toEqual([
      'Deprecation',
      'Idempotent-Replayed',
      'Link',
      'Retry-After',
      'Sunset',
      'X-Request-Id',
    ]);
  });
});

describe('security, tags and extensions', () => {
  it.each([
    ['catalog_searchProducts_v1', []],
    ['billing_capturePayment_v2', [{ bearerAuth: [] }]],
    ['reports_exportLedger_v1', [{ bearerAuth: [] }]],
  ])('%s security is %j', (operationId, security) => {
    expect(op(doc31, operationId).security).toEqual(security);
  });

  it('uses every given security scheme as alternatives', () => {
    const securitySchemes = {
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    };
    const doc = generateOpenApi(fixtureRegistry(), { securitySchemes });
    expect(doc.components.securitySchemes).toEqual(securitySchemes);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['apiKey', 'sessionCookie']);
    expect(op(doc, 'billing_getInvoice_v1').security).toEqual([{ apiKey: [] }, { sessionCookie: [] }]);
    expect(op(doc, 'catalog_searchProducts_v1').security).toEqual([]);
    // No schemes at all: nothing to require (anonymous operations still say `security: []`).
    const bare = generateOpenApi(fixtureRegistry(), { securitySchemes: {} });
    expect(bare.components.securitySchemes).toEqual({});
    expect(op(bare, 'billing_getInvoice_v1')).not.toHaveProperty('security');
    expect(op(bare, 'catalog_searchProducts_v1').security).toEqual([]);
  });

  it.each([
    [
      'billing_capturePayment_v2',
      {
        'x-auth': 'user',
        'x-policy': {
          auth: 'user',
          rules: [{ resource: 'invoice', action: 'pay', condition: 'owner' }],
          hideExistence: false,
        },
        'x-owners': ['team-billing'],
        'x-stability': 'stable',
        'x-goal': 'Collect money owed on an invoice exactly once',
        'x-context': 'Called by the checkout page; retried by clients on network errors',
        'x-idempotency': { required: true },
        'x-rate-limit': { limit: 10, windowSeconds: 60 },
      },
    ],
    [
      'billing_getInvoice_v1',
      {
        'x-auth': 'user',
        'x-policy': {
          auth: 'user',
          rules: [{ resource: 'invoice', action: 'read', condition: { anyOf: ['owner', 'sameTenant'] } }],
          hideExistence: true,
        },
        'x-stability': 'stable',
      },
    ],
    [
      'catalog_searchProducts_v1',
      { 'x-auth': 'anonymous', 'x-stability': 'beta', 'x-owners': ['team-catalog'] },
    ],
    ['reports_exportLedger_v1', { 'x-auth': 'accountant' }],
  ])('%s has extensions %j', (operationId, expected) => {
    expect(op(doc31, operationId)).toMatchObject(expected);
  });

  it('x-goal and x-context appear only when the meta has them', () => {
    expect(op(doc31, 'billing_getInvoice_v1')).not.toHaveProperty('x-goal');
    expect(op(doc31, 'billing_getInvoice_v1')).not.toHaveProperty('x-context');
  });

  it('tags each operation with its domain and meta.tags; lists the domains at the top', () => {
    expect(op(doc31, 'billing_capturePayment_v2').tags).toEqual(['billing', 'payments']);
    expect(op(doc31, 'billing_capturePayment_v1').tags).toEqual(['billing']);
    expect(op(doc31, 'catalog_searchProducts_v1').tags).toEqual(['catalog']);
    expect(doc31.tags.map((t) => t.name)).toEqual(['billing', 'catalog', 'reports']);
  });

  it('takes info and servers from the options', () => {
    const doc = generateOpenApi(fixtureRegistry(), {
      title: 'Billing API',
      version: '2026.11',
      description: 'Payments and invoices',
      servers: [
        { url: 'https://api.example.com', description: 'production' },
        { url: 'http://localhost:3000' },
      ],
    });
    expect(doc.info).toEqual({
      title: 'Billing API',
      version: '2026.11',
      description: 'Payments and invoices',
    });
    expect(doc.servers).toEqual([
      { url: 'https://api.example.com', description: 'production' },
      { url: 'http://localhost:3000' },
    ]);
    expect(doc31.servers).toBeUndefined();
  });
});

describe('schemas', () => {
  it('puts every named type of the one builder under components.schemas, with ErrorResponse', () => {
    expect(Object.keys(doc31.components.schemas)).toEqual([
      'Address',
      'CapturePaymentInput',
      'CountryCode',
      'CurrencyCode',
      'DeclineData',
      'Empty',
      'ErrorResponse',
      'ExportLedgerInput',
      'GetInvoiceInput',
      'Invoice',
      'InvoiceInclude',
      'LedgerExport',
      'LineItem',
      'PaymentMethodKind',
      'PaymentResult',
      'PaymentStatus',
      'SendReminderInput',
    ]);
    expect(Object.keys(doc30.components.schemas)).toEqual(Object.keys(doc31.components.schemas));
  });

  it.each(FLAVOURS)('every $ref resolves inside the document (%s)', (_, doc) => {
    const refs = [...walk(doc)].filter(([at]) => at.endsWith('/$ref')).map(([, ref]) => ref as string);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const [, section, name] = /^#\/components\/(schemas|headers)\/(.+)$/.exec(ref) ?? [];
      expect(section, ref).toBeDefined();
      const table = section === 'schemas' ? doc.components.schemas : doc.components.headers;
      expect(table[name ?? ''], ref).toBeDefined();
    }
  });

  it('3.1: JSON Schema 2020-12 with examples from models and fields', () => {
    expect(doc31.openapi).toBe('3.1.0');
    // The default 3.1 dialect (OAS base over 2020-12): renderers such as Swagger UI refuse others.
    expect(doc31).not.toHaveProperty('jsonSchemaDialect');
    const input = doc31.components.schemas.CapturePaymentInput as {
      examples: unknown[];
      properties: Record<string, Record<string, unknown>>;
    };
    expect(input.examples).toEqual([...CapturePaymentInput.examples]);
    expect(input.properties.invoiceId?.examples).toEqual(['inv_1']);
    expect(input.properties.method).toEqual({ $ref: '#/components/schemas/PaymentMethodKind' });
    expect(input.properties.capturedAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(input.properties.lines).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/LineItem' },
    });
    const note = (doc31.components.schemas.Invoice as { properties: { note: unknown } }).properties.note;
    expect(note).toEqual({ anyOf: [expect.objectContaining({ type: 'string' }), { type: 'null' }] });
  });

  it('3.0: the OpenAPI schema object (example, nullable; no examples, const, $defs or type lists)', () => {
    expect(doc30.openapi).toBe('3.0.3');
    expect(doc30).not.toHaveProperty('jsonSchemaDialect');
    const input = doc30.components.schemas.CapturePaymentInput as {
      example: unknown;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(input.example).toEqual(CapturePaymentInput.examples[0]);
    expect(input.properties.invoiceId?.example).toBe('inv_1');
    const note = (doc30.components.schemas.Invoice as { properties: { note: unknown } }).properties.note;
    expect(note).toMatchObject({ nullable: true });
    for (const [at, value] of walk({ paths: doc30.paths, components: doc30.components })) {
      const key = at.split('/').at(-1);
      const inSchema = !at.includes('/properties/') || !at.endsWith(`/properties/${key}`);
      if (!inSchema) continue;
      expect(['examples', 'const', '$defs', '$schema', 'jsonSchemaDialect']).not.toContain(key);
      if (key === 'type') expect(typeof value, at).toBe('string');
    }
  });

  it.each(FLAVOURS)(
    'a zod (foreign Standard Schema) input or output is {} with a description (%s)',
    (_, doc) => {
      const get = op(doc, 'catalog_searchProducts_v1');
      const input = get.parameters[0]?.content?.['application/json']?.schema;
      const output = get.responses['200']?.content?.['application/json']?.schema;
      const body = op(doc, 'catalog_searchProducts_v1_post').requestBody?.content['application/json']?.schema;
      for (const schema of [input, output, body]) {
        expect(Object.keys(schema ?? {})).toEqual(['description']);
        expect(schema?.description).toMatch(/zod Standard Schema.*no JSON Schema/);
      }
    },
  );

  it('refuses a model named ErrorResponse (it would shadow the error body)', () => {
    const ErrorResponse = new SchemaModel({ name: 'ErrorResponse', fields: {} });
    const q = defineQuery({
      meta: meta('a.q', 1, 'stable'),
      io: { input: ErrorResponse, output: Str },
      policy: { auth: 'anonymous' },
    });
    expect(() => generateOpenApi(registryOf(q))).toThrow(/ErrorResponse/);
  });

  it('an empty registry still makes a document', () => {
    const doc = generateOpenApi(new SpecRegistry());
    expect(doc.paths).toEqual({});
    expect(doc.tags).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(['ErrorResponse']);
  });
});

describe('stable output', () => {
  it.each(FLAVOURS)('survives a JSON round trip unchanged (%s)', (_, doc) => {
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
  });

  it('is deterministic and independent of registration order', () => {
    const reversed = generateOpenApi(fixtureRegistry([...ALL_SPECS].reverse()));
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(doc31));
    expect(JSON.stringify(generateOpenApi(fixtureRegistry()))).toBe(JSON.stringify(doc31));
  });

  it('uses a fresh builder per document', () => {
    const doc = generateOpenApi(registryOf(GetInvoice));
    expect(Object.keys(doc.components.schemas)).not.toContain('CapturePaymentInput');
  });

  it('shares no objects with the specs (the document can be edited)', () => {
    const doc = generateOpenApi(registryOf(CapturePaymentV1, CapturePaymentV2));
    const policy = doc.paths['/api/ops/billing.capturePayment/v2']?.post?.['x-policy'] as {
      rules: { action: string }[];
    };
    expect(() => {
      (policy.rules[0] as { action: string }).action = 'edited';
    }).not.toThrow();
    expect(CapturePaymentV2.policy.rules?.[0]?.action).toBe('pay');
  });
});
