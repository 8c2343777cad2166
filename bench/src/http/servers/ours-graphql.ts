import { createServer } from 'node:http';
import { createGraphQLNodeHandler } from '@lssm/lib.contracts/server/graphql';
import { contextFromBearer, oursRegistry } from './ours-op.js';
import { listening, type StartServer } from './types.js';

/**
 * Ours over GraphQL: `createGraphQLNodeHandler(registry, ctx)` at its default `/graphql`, the same
 * op, policy, handler and context factory as the REST server, default options (document cache on).
 */
export const start: StartServer = (port, host) =>
  listening(createServer(createGraphQLNodeHandler(oursRegistry(), contextFromBearer)), port, host);
