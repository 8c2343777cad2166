import { createServer } from 'node:http';
import { type BaseContext, defineCommand, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { CapturePayment } from '../../pipeline/tutorial-op.js';
import { bearerUser, capture } from '../wire.js';
import { listening, type StartServer } from './types.js';

/**
 * The tutorial's spec with its policy reduced to `auth: 'user'`: no resource rule, so the
 * comparison stays about the HTTP layer (the peers have no invoice lookup either).
 */
const CapturePaymentAuthOnly = defineCommand({
  meta: CapturePayment.meta,
  io: CapturePayment.io,
  policy: { auth: 'user' },
});

const ANONYMOUS: BaseContext = { actor: 'anonymous' };

/** Ours: `http.createServer(createNodeHandler(registry, ctx))` with the default runtime. */
export const start: StartServer = (port, host) => {
  const registry = new SpecRegistry();
  installOp(registry, CapturePaymentAuthOnly, (input) => capture(input));
  const handler = createNodeHandler(registry, (req) => {
    const userId = bearerUser(req.headers.authorization);
    return userId === undefined ? ANONYMOUS : { actor: 'user', userId };
  });
  return listening(createServer(handler), port, host);
};
