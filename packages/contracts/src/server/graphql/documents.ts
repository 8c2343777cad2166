import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { aliasLimit, depthLimit, type GraphQLLimits, rootFieldLimit } from './limits.js';

/** A query parsed and validated against one schema: its document, or the errors that refuse it. */
export type PreparedDocument =
  | { readonly document: DocumentNode; readonly errors: undefined }
  | { readonly document: undefined; readonly errors: readonly GraphQLError[] };

/** How documents are checked: the limits, and whether introspection is allowed. */
export interface DocumentRules {
  readonly limits: Required<GraphQLLimits>;
  readonly introspection: boolean;
}

const MAX_ERRORS = 25;

/**
 * Parses and validates a query in two passes: the cheap limits first (depth, aliases, root
 * fields), then graphql-js's own rules only for documents within them, so a hostile document
 * never reaches the costlier rules. Never throws.
 */
export function prepareDocument(
  schema: GraphQLSchema,
  query: string,
  rules: DocumentRules,
): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: rules.limits.maxTokens });
  } catch (error) {
    // The parser recurses: nesting deep enough to exhaust the stack is a RangeError, not a GraphQLError.
    const refused =
      error instanceof GraphQLError ? error : new GraphQLError('The query is nested too deeply');
    return { document: undefined, errors: [refused] };
  }
  const { maxDepth, maxAliases, maxRootFields } = rules.limits;
  let errors = validate(
    schema,
    document,
    [depthLimit(maxDepth), aliasLimit(maxAliases), rootFieldLimit(maxRootFields)],
    {
      maxErrors: MAX_ERRORS,
    },
  );
  if (errors.length === 0) {
    const graphqlRules: readonly ValidationRule[] = rules.introspection
      ? specifiedRules
      : [...specifiedRules, NoSchemaIntrospectionCustomRule];
    // Without introspection, "did you mean" hints would reveal the schema piece by piece.
    errors = validate(schema, document, graphqlRules, {
      maxErrors: MAX_ERRORS,
      hideSuggestions: !rules.introspection,
    });
  }
  return errors.length === 0 ? { document, errors: undefined } : { document: undefined, errors };
}

/**
 * Prepared documents by query text, for the current schema only (a new schema empties it),
 * least recently used first out once their texts exceed `maxChars` in total. A repeated query
 * then skips parsing and validation, which cost more than the rest of a small request.
 */
export class DocumentCache {
  readonly #entries = new Map<string, PreparedDocument>();
  readonly #maxChars: number;
  readonly #rules: DocumentRules;
  #chars = 0;
  #schema: GraphQLSchema | undefined;
  /** The newest entry's query: a hit on it is already where a move would put it. */
  #newest: string | undefined;

  constructor(maxChars: number, rules: DocumentRules) {
    this.#maxChars = maxChars;
    this.#rules = rules;
  }

  /** The prepared document of `query` for `schema`, from the cache when it is there. */
  get(schema: GraphQLSchema, query: string): PreparedDocument {
    if (schema !== this.#schema) {
      this.#entries.clear();
      this.#newest = undefined;
      this.#chars = 0;
      this.#schema = schema;
    }
    const hit = this.#entries.get(query);
    if (hit !== undefined) {
      if (query !== this.#newest) {
        this.#entries.delete(query);
        this.#entries.set(query, hit);
        this.#newest = query;
      }
      return hit;
    }
    const prepared = prepareDocument(schema, query, this.#rules);
    if (query.length <= this.#maxChars) {
      this.#entries.set(query, prepared);
      this.#newest = query;
      this.#chars += query.length;
      for (const oldest of this.#entries.keys()) {
        if (this.#chars <= this.#maxChars) break;
        this.#entries.delete(oldest);
        this.#chars -= oldest.length;
      }
    }
    return prepared;
  }

  /** How many documents are kept. */
  get size(): number {
    return this.#entries.size;
  }
}
