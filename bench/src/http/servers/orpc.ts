import { createServer } from 'node:http';
import { ORPCError, os } from '@orpc/server';
import { RPCHandler } from '@orpc/server/node';
import { ZodInput } from '../../validation/contenders/zod.js';
import { bearerUser, capture } from '../wire.js';
import { listening, type StartServer } from './types.js';

const authed = os.$context<{ authorization: string | undefined }>().use(({ context, next }) => {
  const userId = bearerUser(context.authorization);
  if (userId === undefined) throw new ORPCError('UNAUTHORIZED');
  return next({ context: { userId } });
});

const router = {
  billing: { capturePayment: authed.input(ZodInput).handler(({ input }) => capture(input)) },
};

/**
 * oRPC 1 with its node adapter: `RPCHandler` under `/rpc`, an auth middleware, the zod schema as
 * input. Its RPC protocol wraps bodies as `{"json": ...}`; the answers carry the same values.
 */
export const start: StartServer = (port, host) => {
  const handler = new RPCHandler(router);
  const server = createServer(async (req, res) => {
    const { matched } = await handler.handle(req, res, {
      prefix: '/rpc',
      context: { authorization: req.headers.authorization },
    });
    if (!matched) {
      res.statusCode = 404;
      res.end();
    }
  });
  return listening(server, port, host);
};
