import { createServer } from 'node:http';
import { createHandler } from 'graphql-http/lib/use/http';
import { bearerUser, GRAPHQL_PATH } from '../wire.js';
import { type PlainContext, plainSchema } from './plain-graphql-schema.js';
import { listening, type StartServer } from './types.js';

/**
 * graphql-http 1 with its `node:http` handler over the plain graphql-js schema, mounted at
 * `/graphql`; the context carries the bearer's user. It parses and validates every document anew.
 */
export const start: StartServer = (port, host) => {
  const handler = createHandler<PlainContext>({
    schema: plainSchema,
    context: (req) => ({ userId: bearerUser(req.raw.headers.authorization) }),
  });
  const server = createServer((req, res) => {
    if (req.url === GRAPHQL_PATH) return void handler(req, res);
    res.writeHead(404).end();
  });
  return listening(server, port, host);
};
