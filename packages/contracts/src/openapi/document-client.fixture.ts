import type { OpenApiDocument, OperationObject, ParameterObject } from './types.js';

/** The part of `fetch` the client uses (a real `fetch`, a server's `app.fetch`, or a recorder). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link callFromDocument}. */
export interface DocumentCallOptions {
  /** Where the API is; default the document's first server, else `http://localhost`. */
  readonly baseUrl?: string;
  /** Sent as `Idempotency-Key` when the operation documents that header. */
  readonly idempotencyKey?: string;
  /** Sent as `X-Request-Id` when the operation documents that header. */
  readonly requestId?: string;
  /** A token for the operation's `http`/`bearer` security scheme, when it has one. */
  readonly bearerToken?: string;
  /** GET only: the flat query form, the `input` JSON form, or flat when the input allows (default). */
  readonly queryForm?: 'auto' | 'flat' | 'json';
  /** More headers, sent as given (they win over the ones the document leads to). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What {@link callFromDocument} sent and got back. */
export interface DocumentCallResult {
  readonly request: {
    readonly url: string;
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | undefined;
  };
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type Primitive = string | number | boolean;

/**
 * A tiny client that knows nothing but the OpenAPI document: it finds `operationId`, builds the
 * URL, method, query string or JSON body and headers the document describes, and calls `fetchImpl`.
 * Pointed at a fake `fetch` it checks the document's shape; pointed at the real REST handler it
 * checks that the document tells the truth.
 * @example await callFromDocument(doc, 'billing_capturePayment_v1', input, fetch, { idempotencyKey: 'k1' })
 */
export async function callFromDocument(
  doc: OpenApiDocument,
  operationId: string,
  input: unknown,
  fetchImpl: FetchLike,
  options: DocumentCallOptions = {},
): Promise<DocumentCallResult> {
  const found = findOperation(doc, operationId);
  if (found === undefined) throw new Error(`operation ${operationId} is not in the document`);
  const { path, method, operation } = found;
  const base = (options.baseUrl ?? doc.servers?.[0]?.url ?? 'http://localhost').replace(/\/+$/, '');
  const url = new URL(`${base}${path}`);
  const parameters = operation.parameters.map((p) => resolve<ParameterObject>(doc, p));

  const headers: Record<string, string> = { accept: 'application/json' };
  for (const parameter of parameters.filter((p) => p.in === 'header')) {
    const value = headerValue(parameter.name, options);
    if (value !== undefined) headers[parameter.name.toLowerCase()] = value;
    else if (parameter.required === true)
      throw new Error(`${operationId}: the document requires the ${parameter.name} header`);
  }
  const bearer = bearerScheme(doc, operation);
  if (bearer && options.bearerToken !== undefined) headers.authorization = `Bearer ${options.bearerToken}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;

  let body: string | undefined;
  if (method === 'get') {
    writeQuery(url.searchParams, parameters, input, options.queryForm ?? 'auto', operationId);
  } else {
    const media = operation.requestBody?.content['application/json'];
    if (media === undefined) throw new Error(`${operationId}: the document gives no JSON request body`);
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input);
  }

  const request = { url: url.toString(), method: method.toUpperCase(), headers, body };
  const init: RequestInit = { method: request.method, headers };
  if (body !== undefined) init.body = body;
  const response = await fetchImpl(request.url, init);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  return {
    request,
    status: response.status,
    headers: responseHeaders,
    body: isJson && text !== '' ? JSON.parse(text) : text,
  };
}

/** Finds an operation by id: its path, method and object. */
export function findOperation(
  doc: OpenApiDocument,
  operationId: string,
): { path: string; method: 'get' | 'post'; operation: OperationObject } | undefined {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post'] as const) {
      const operation = item[method];
      if (operation?.operationId === operationId) return { path, method, operation };
    }
  }
  return undefined;
}

function headerValue(name: string, options: DocumentCallOptions): string | undefined {
  const lower = name.toLowerCase();
  if (lower === 'idempotency-key') return options.idempotencyKey;
  if (lower === 'x-request-id') return options.requestId;
  return undefined;
}

function bearerScheme(doc: OpenApiDocument, operation: OperationObject): boolean {
  return (operation.security ?? []).some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = doc.components.securitySchemes[name];
      return scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer';
    }),
  );
}

function writeQuery(
  search: URLSearchParams,
  parameters: readonly ParameterObject[],
  input: unknown,
  form: 'auto' | 'flat' | 'json',
  operationId: string,
): void {
  const query = parameters.filter((p) => p.in === 'query');
  const jsonParameter = query.find((p) => p.content?.['application/json'] !== undefined);
  const flat = new Map(query.filter((p) => p.style === 'form').map((p) => [p.name, p]));
  const flatValues = form === 'json' ? undefined : asFlat(input, flat);
  if (flatValues !== undefined) {
    for (const [name, value] of flatValues) {
      const explode = flat.get(name)?.explode !== false;
      if (Array.isArray(value)) {
        if (explode) for (const item of value) search.append(name, String(item));
        else search.append(name, value.map(String).join(','));
      } else search.append(name, String(value));
    }
    return;
  }
  if (form === 'flat') throw new Error(`${operationId}: this input has no flat query form in the document`);
  if (jsonParameter === undefined)
    throw new Error(`${operationId}: the document gives no JSON query parameter`);
  search.set(jsonParameter.name, JSON.stringify(input));
}

/** The input as flat query values, when every key has a flat parameter and every value is plain. */
function asFlat(
  input: unknown,
  flat: ReadonlyMap<string, ParameterObject>,
): [string, Primitive | Primitive[]][] | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const out: [string, Primitive | Primitive[]][] = [];
  const isPrimitive = (v: unknown): v is Primitive =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!flat.has(name)) return undefined;
    if (isPrimitive(value)) out.push([name, value]);
    else if (Array.isArray(value) && value.every(isPrimitive)) out.push([name, value]);
    else return undefined;
  }
  return out;
}

/** Follows a local `$ref` (`#/components/...`) when the document uses one. */
function resolve<T>(doc: OpenApiDocument, value: T | { $ref: string }): T {
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref !== 'string') return value as T;
  if (!ref.startsWith('#/')) throw new Error(`only local refs are supported, got ${ref}`);
  let node: unknown = doc;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === undefined) throw new Error(`unresolved ref ${ref}`);
  return node as T;
}
