import type { SpecRegistry } from '../registry/registry.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import { headerComponents } from './headers.js';
import { toJson, toJsonObject } from './json.js';
import { domainOf, type OperationPlacement, operationIdBase, operationObject } from './operation.js';
import { createSchemaContext, ERROR_RESPONSE, errorResponseSchema, type SchemaContext } from './schemas.js';
import type {
  JsonObject,
  OpenApiDocument,
  OpenApiOptions,
  PathItemObject,
  SchemaObject,
  ServerObject,
} from './types.js';

/** The default base path of operation routes on REST. */
export const DEFAULT_BASE_PATH = '/api/ops';
const DEFAULT_SECURITY_SCHEMES: Readonly<Record<string, object>> = Object.freeze({
  bearerAuth: Object.freeze({ type: 'http', scheme: 'bearer' }),
});

/**
 * Describes every operation the registry serves on REST as an OpenAPI 3.1 (default) or 3.0
 * document, following the REST transport's conventions: `POST {basePath}/{name}/v{version}` (and
 * `GET` for queries, with the input as JSON in `input` or as flat query parameters), plus
 * `{basePath}/{name}` for the version an unversioned call resolves to; declared domain errors and
 * the framework errors each operation can answer; the policy as `security` and `x-policy`. The
 * result is plain JSON data, sorted and deterministic.
 * @example const doc = generateOpenApi(registry, { title: 'Billing', servers: [{ url: 'https://api.example.com' }] });
 */
export function generateOpenApi(registry: SpecRegistry, options: OpenApiOptions = {}): OpenApiDocument {
  const flavour = options.version3 ?? '3.1';
  if (flavour !== '3.1' && flavour !== '3.0') throw new TypeError(`version3 must be '3.1' or '3.0'`);
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const context = createSchemaContext(flavour);
  const securitySchemes = sortedSchemes(options.securitySchemes ?? DEFAULT_SECURITY_SCHEMES);
  const schemes = Object.keys(securitySchemes);

  const paths: Record<string, PathItemObject> = {};
  const domains = new Set<string>();
  for (const { spec } of registry.exposed('rest')) {
    const { name, version } = spec.meta;
    domains.add(domainOf(name));
    const versioned = `${basePath}/${name}/v${version}`;
    const base = { schemes, basePath };
    paths[versioned] = pathItem(context, spec, `${operationIdBase(name)}_v${version}`, base);
    // The unversioned path runs what `registry.resolve(name)` picks, when REST serves that version.
    if (registry.resolve(name)?.spec === spec) {
      paths[`${basePath}/${name}`] = pathItem(context, spec, operationIdBase(name), {
        ...base,
        resolvesVia: versioned,
      });
    }
  }

  const definitions = context.builder.definitions();
  if (Object.hasOwn(definitions, ERROR_RESPONSE)) {
    throw new TypeError(
      `a model or enum is named "${ERROR_RESPONSE}", the name of the error body in OpenAPI; rename it`,
    );
  }
  const schemas: Record<string, SchemaObject> = {};
  for (const name of [...Object.keys(definitions), ERROR_RESPONSE].sort()) {
    schemas[name] =
      name === ERROR_RESPONSE
        ? errorResponseSchema(flavour)
        : toJsonObject(definitions[name], `#/components/schemas/${name}`);
  }

  const doc: OpenApiDocument = {
    openapi: flavour === '3.1' ? '3.1.0' : '3.0.3',
    info: { title: options.title ?? 'Operations', version: options.version ?? '1.0.0' },
    tags: [...domains].sort().map((name) => ({ name, description: `Operations of the ${name} domain.` })),
    paths: sortedKeys(paths),
    components: { schemas, headers: headerComponents(), securitySchemes },
  };
  if (options.description !== undefined) doc.info.description = options.description;
  // 3.1's default dialect (the OAS base vocabulary over JSON Schema 2020-12) fits our schemas; naming
  // plain 2020-12 instead makes common renderers (Swagger UI) refuse the document with a warning.
  if (options.servers !== undefined) doc.servers = options.servers.map(server);
  // One final plain copy: no shared or frozen objects, nothing JSON would change.
  return toJson(doc, '#') as unknown as OpenApiDocument;
}

function pathItem(
  context: SchemaContext,
  spec: AnyOperationSpec,
  operationId: string,
  base: Omit<OperationPlacement, 'method' | 'operationId'>,
): PathItemObject {
  if (spec.kind === 'command') {
    return { post: operationObject(context, spec, { ...base, method: 'post', operationId }) };
  }
  return {
    get: operationObject(context, spec, { ...base, method: 'get', operationId }),
    post: operationObject(context, spec, { ...base, method: 'post', operationId: `${operationId}_post` }),
  };
}

/** `/api/ops/` -> `/api/ops`, `api` -> `/api`, `/` -> `` (operations at the root). */
function normalizeBasePath(basePath: string): string {
  if (typeof basePath !== 'string' || /[{}?#\s]/.test(basePath)) {
    throw new TypeError(`basePath must be a plain URL path like '/api/ops', got ${JSON.stringify(basePath)}`);
  }
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function sortedSchemes(schemes: Readonly<Record<string, object>>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const name of Object.keys(schemes).sort()) {
    out[name] = toJsonObject(schemes[name], `#/components/securitySchemes/${name}`);
  }
  return out;
}

function server(entry: { readonly url: string; readonly description?: string }): ServerObject {
  if (typeof entry?.url !== 'string' || entry.url === '') throw new TypeError('every server needs a url');
  return entry.description === undefined
    ? { url: entry.url }
    : { url: entry.url, description: entry.description };
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}
