import { createServer } from 'node:http';
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { ZodError } from 'zod';
import { ZodInput } from '../../validation/contenders/zod.js';
import { bearerUser, capture, OP_PATH } from '../wire.js';
import { listening, type StartServer } from './types.js';

/** Where the router is served: `/api/ops/` + the procedure path `billing.capturePayment` = {@link OP_PATH}. */
const BASE_PATH = OP_PATH.slice(0, OP_PATH.lastIndexOf('/') + 1);

// tRPC's error shape is JSON-RPC-like (`{ error: { message, code: -32600, data: { code, httpStatus,
// path } } }`) and its type keeps those keys; its documented way to return validation issues is to
// add the zod error to `data`, as here (the message stays tRPC's default: zod's text of the issues).
const t = initTRPC.context<{ authorization: string | undefined }>().create({
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: {
      ...shape.data,
      issues: error.cause instanceof ZodError ? error.cause.issues : undefined,
    },
  }),
});

const authed = t.procedure.use(({ ctx, next }) => {
  const userId = bearerUser(ctx.authorization);
  if (userId === undefined) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { userId } });
});

const router = t.router({
  billing: t.router({ capturePayment: authed.input(ZodInput).mutation(({ input }) => capture(input)) }),
});

/**
 * tRPC 11 with its standalone `node:http` adapter (`createHTTPHandler`, no batching, no
 * transformer): the mutation `billing.capturePayment` under `/api/ops/` (so at the same URL as the
 * other REST peers), an auth middleware throwing `UNAUTHORIZED`, the zod model as `.input()`.
 * Answers are tRPC's envelopes: `{"result":{"data": <output>}}`, errors under `error.data`.
 */
export const start: StartServer = (port, host) => {
  const handler = createHTTPHandler({
    router,
    basePath: BASE_PATH,
    createContext: ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return listening(createServer(handler), port, host);
};
