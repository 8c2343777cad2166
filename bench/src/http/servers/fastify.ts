import type { Server } from 'node:http';
import Fastify from 'fastify';
import { CapturePaymentInput } from '../../pipeline/tutorial-op.js';
import { bearerUser, capture, OP_PATH } from '../wire.js';
import type { StartServer } from './types.js';

// Our model's JSON Schema export (same rules, `additionalProperties: false`), minus the 2020-12
// `$schema` tag: Fastify's Ajv speaks draft-07, which every keyword used here belongs to.
const { $schema: _draft, title: _title, ...bodySchema } = CapturePaymentInput.toJsonSchema();
const text = { type: 'string' } as const;
const responseSchema = {
  type: 'object',
  properties: { transactionId: text, status: text },
  required: ['transactionId', 'status'],
} as const;

/**
 * Fastify 5: a route with a body schema (Ajv with every issue collected, no type coercion, extra
 * keys rejected instead of removed) and a response schema, and the bearer check in an onRequest hook.
 */
export const start: StartServer = async (port, host) => {
  const app = Fastify({
    logger: false,
    ajv: {
      customOptions: { allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false },
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    if (bearerUser(req.headers.authorization) === undefined) {
      await reply.code(401).send({ error: { code: 'UNAUTHENTICATED' } });
    }
  });
  app.post(OP_PATH, { schema: { body: bodySchema, response: { 200: responseSchema } } }, async (req) =>
    capture(req.body as { invoiceId: string }),
  );
  await app.listen({ port, host });
  return app.server as Server;
};
