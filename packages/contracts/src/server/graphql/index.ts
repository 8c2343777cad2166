export { type GraphQLFetchOptions, makeGraphQLHandler } from './fetch-handler.js';
export type { GraphQLOptions } from './handler.js';
export { DEFAULT_GRAPHQL_LIMITS, type GraphQLLimits } from './limits.js';
export { createGraphQLNodeHandler } from './node-handler.js';
export { DEFAULT_CSRF_HEADERS } from './request-params.js';
export { buildGraphQLSchema } from './schema.js';
