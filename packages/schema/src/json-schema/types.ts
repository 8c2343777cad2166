/** A JSON Schema document or fragment, as plain JSON data. */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** Which dialect an export targets: JSON Schema 2020-12, or the OpenAPI 3.0 schema object. */
export type JsonSchemaTarget = 'draft-2020-12' | 'openapi-3.0';
