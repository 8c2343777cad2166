import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { listen } from '../../support/listen.js';
import { contextFrom } from '../world.js';
import type { Outcome, StartDriver } from './types.js';

const NAMES = { capture: 'billing.capturePayment', explode: 'ops.explode', legacy: 'billing.legacyCharge' };

interface ErrorBody {
  readonly error: { code: string; message: string; issues?: { path: (string | number)[] }[] };
}

/** REST through the node:http adapter: `POST /api/ops/<name>` with JSON, bearer and Idempotency-Key. */
export const startRest: StartDriver = async (world) => {
  const server = await listen(
    createNodeHandler(world.registry, (req) => contextFrom(req.headers.authorization)),
  );
  return {
    transport: 'rest',
    opName: (op) => NAMES[op],
    async call({ op, input, user, idempotencyKey }): Promise<Outcome> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (user !== undefined) headers.authorization = `Bearer ${user}`;
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      const response = await fetch(`${server.url}/api/ops/${NAMES[op]}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as unknown;
      const common = {
        replayed: response.headers.get('idempotent-replayed') === 'true',
        deprecated: response.headers.has('deprecation'),
      };
      if (response.ok) return { ok: true, output: body, ...common };
      const { error } = body as ErrorBody;
      return {
        ok: false,
        code: error.code,
        message: error.message,
        issuePaths: error.issues?.map((issue) => issue.path),
        ...common,
      };
    },
    close: () => server.close(),
  };
};
