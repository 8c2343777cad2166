import type { IncomingMessage } from 'node:http';
import { type BaseContext, defineCommand, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { CapturePayment } from '../../pipeline/tutorial-op.js';
import { bearerUser, capture } from '../wire.js';

/**
 * The tutorial's spec with its policy reduced to `auth: 'user'`: no resource rule, so the
 * comparison stays about the transport (the peers have no invoice lookup either).
 */
const CapturePaymentAuthOnly = defineCommand({
  meta: CapturePayment.meta,
  io: CapturePayment.io,
  policy: { auth: 'user' },
});

const ANONYMOUS: BaseContext = { actor: 'anonymous' };

/** A registry serving the auth-only op with the same handler as every peer; default runtime. */
export function oursRegistry(): SpecRegistry {
  const registry = new SpecRegistry();
  installOp(registry, CapturePaymentAuthOnly, (input) => capture(input));
  return registry;
}

/** The context factory every one of our servers takes: the user named by the bearer, else anonymous. */
export function contextFromBearer(req: IncomingMessage): BaseContext {
  const userId = bearerUser(req.headers.authorization);
  return userId === undefined ? ANONYMOUS : { actor: 'user', userId };
}
