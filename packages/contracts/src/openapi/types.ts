/** Any JSON value: what an OpenAPI document is made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A JSON Schema (2020-12 for OpenAPI 3.1, the OpenAPI schema object for 3.0), as plain JSON. */
export type SchemaObject = JsonObject;

/** Vendor extensions (`x-...`) allowed on most OpenAPI objects. */
export interface Extensions {
  [extension: `x-${string}`]: JsonValue;
}

/** Options of {@link generateOpenApi}. */
export interface OpenApiOptions {
  /** Prefix of every operation path (default `/api/ops`). */
  readonly basePath?: string;
  /** `info.title` (default `Operations`). */
  readonly title?: string;
  /** `info.version`: the version of the document, not of an operation (default `1.0.0`). */
  readonly version?: string;
  /** `info.description`. */
  readonly description?: string;
  /** Where the API is served. */
  readonly servers?: readonly { readonly url: string; readonly description?: string }[];
  /** OpenAPI 3.1 (JSON Schema 2020-12, default) or 3.0 (the OpenAPI schema object). */
  readonly version3?: '3.1' | '3.0';
  /**
   * Security schemes (`components.securitySchemes`); operations that need a caller accept any of
   * them. Default `{ bearerAuth: { type: 'http', scheme: 'bearer' } }`.
   */
  readonly securitySchemes?: Readonly<Record<string, object>>;
}

/** `info`. */
export interface InfoObject extends Extensions {
  title: string;
  version: string;
  description?: string;
}

/** One entry of `servers`. */
export interface ServerObject extends Extensions {
  url: string;
  description?: string;
}

/** One entry of the top-level `tags`. */
export interface TagObject extends Extensions {
  name: string;
  description?: string;
}

/** A media type of a body or parameter (`application/json` here). */
export interface MediaTypeObject extends Extensions {
  schema: SchemaObject;
  example?: JsonValue;
}

/** A parameter: either `schema` (with `style`/`explode`) or `content` (exactly one media type). */
export interface ParameterObject extends Extensions {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  style?: 'form' | 'simple';
  explode?: boolean;
  schema?: SchemaObject;
  content?: Record<string, MediaTypeObject>;
  example?: JsonValue;
}

/** A request body. */
export interface RequestBodyObject extends Extensions {
  description?: string;
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

/** A response header. */
export interface HeaderObject extends Extensions {
  description?: string;
  required?: boolean;
  schema: SchemaObject;
}

/** A reference to a component (`#/components/...`). */
export interface ReferenceObject {
  $ref: string;
}

/** One response of an operation. */
export interface ResponseObject extends Extensions {
  description: string;
  headers?: Record<string, HeaderObject | ReferenceObject>;
  content?: Record<string, MediaTypeObject>;
}

/** A security requirement: scheme name to scopes. */
export type SecurityRequirementObject = Record<string, string[]>;

/** One HTTP operation. */
export interface OperationObject extends Extensions {
  operationId: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  parameters: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject>;
  security?: SecurityRequirementObject[];
}

/** The operations of one path. */
export interface PathItemObject extends Extensions {
  get?: OperationObject;
  post?: OperationObject;
}

/** `components`. */
export interface ComponentsObject extends Extensions {
  schemas: Record<string, SchemaObject>;
  headers: Record<string, HeaderObject>;
  securitySchemes: Record<string, JsonObject>;
}

/** The generated OpenAPI document: plain JSON data (it survives `JSON.stringify` / `JSON.parse`). */
export interface OpenApiDocument extends Extensions {
  openapi: '3.1.0' | '3.0.3';
  info: InfoObject;
  jsonSchemaDialect?: string;
  servers?: ServerObject[];
  tags: TagObject[];
  paths: Record<string, PathItemObject>;
  components: ComponentsObject;
}
