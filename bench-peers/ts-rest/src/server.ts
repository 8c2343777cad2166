import type { Server } from 'node:http';
import { initContract } from '@ts-rest/core';
import { initServer } from '@ts-rest/fastify';
import Fastify from 'fastify';
import type { StartServer } from '../../../bench/src/http/servers/types.js';
import { bearerUser, capture, OP_PATH } from '../../../bench/src/http/wire.js';
import { PaymentResult, Zod3Input } from './model.js';

const c = initContract();

/** The op as a ts-rest contract: `POST /api/ops/billing.capturePayment`, the zod 3 model as body. */
export const contract = c.router({
  capturePayment: {
    method: 'POST',
    path: OP_PATH,
    body: Zod3Input,
    responses: { 200: PaymentResult },
  },
});

const s = initServer();
const router = s.router(contract, {
  capturePayment: async ({ body }) => ({ status: 200, body: capture(body) }),
});

/**
 * ts-rest 3.52 on Fastify 4 (`@ts-rest/fastify`): the contract's route, the bearer check in an
 * onRequest hook (as the Fastify peer does), ts-rest validating the body with zod 3 and a
 * `requestValidationErrorHandler` answering 400 in our error shape (`{ error: { code, issues } }`).
 */
export const start: StartServer = async (port, host) => {
  const app = Fastify({ logger: false });
  app.addHook('onRequest', async (req, reply) => {
    if (bearerUser(req.headers.authorization) === undefined) {
      await reply.code(401).send({ error: { code: 'UNAUTHENTICATED' } });
    }
  });
  s.registerRouter(contract, router, app, {
    logInitialization: false,
    requestValidationErrorHandler: (err, _request, reply) => {
      void reply.status(400).send({ error: { code: 'INVALID_INPUT', issues: err.body?.issues ?? [] } });
    },
  });
  await app.listen({ port, host });
  return app.server as Server;
};
