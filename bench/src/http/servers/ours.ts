import { createServer } from 'node:http';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { contextFromBearer, oursRegistry } from './ours-op.js';
import { listening, type StartServer } from './types.js';

/** Ours: `http.createServer(createNodeHandler(registry, ctx))` with the default runtime. */
export const start: StartServer = (port, host) =>
  listening(createServer(createNodeHandler(oursRegistry(), contextFromBearer)), port, host);
