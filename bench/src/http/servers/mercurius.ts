import type { Server } from 'node:http';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { bearerUser } from '../wire.js';
import type { PlainContext } from './plain-graphql-schema.js';
import { plainSchema } from './plain-graphql-schema.js';
import type { StartServer } from './types.js';

/**
 * Mercurius 15 on Fastify 5 over the plain graphql-js schema, at its default `/graphql`, with its
 * defaults as shipped (parsed and validated documents cached, no JIT); the context carries the
 * bearer's user.
 */
export const start: StartServer = async (port, host) => {
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema: plainSchema,
    context: (req): PlainContext => ({ userId: bearerUser(req.headers.authorization) }),
  });
  await app.listen({ port, host });
  return app.server as Server;
};
