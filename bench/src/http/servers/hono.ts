import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { ZodInput } from '../../validation/contenders/zod.js';
import { bearerUser, capture, OP_PATH } from '../wire.js';
import type { StartServer } from './types.js';

/** Hono 4 on `@hono/node-server`: a bearer middleware, hono's JSON validator running zod, `c.json`. */
export const start: StartServer = (port, host) => {
  const app = new Hono();
  app.post(
    OP_PATH,
    async (c, next) => {
      if (bearerUser(c.req.header('authorization')) === undefined)
        return c.json({ error: { code: 'UNAUTHENTICATED' } }, 401);
      await next();
    },
    validator('json', (value, c) => {
      const parsed = ZodInput.safeParse(value);
      if (parsed.success) return parsed.data;
      return c.json({ error: { code: 'INVALID_INPUT', issues: parsed.error.issues } }, 400);
    }),
    (c) => c.json(capture(c.req.valid('json'))),
  );
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(server as Server));
  });
};
