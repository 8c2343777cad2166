// A real node:http server running the specs of ./specs.ts, with counters and switches for the tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AppContext, ContractError, installOp, SpecRegistry } from '@lssm/lib.contracts';
import { createNodeHandler } from '@lssm/lib.contracts/server/rest-node';
import { CapturePayment, Flap, ListInvoices, Slow } from './specs.js';

/** What the tests see of the server: its URL, every request it got, and its switches. */
export interface TestServer {
  readonly url: string;
  readonly requests: {
    readonly method: string;
    readonly path: string;
    readonly headers: IncomingMessage['headers'];
  }[];
  readonly runs: { capture: number; flap: number; slow: number };
  /** UNAVAILABLE answers ops.flap still gives before it succeeds. */
  flapFailures: number;
  /** Requests whose connection is cut before any answer. */
  dropConnections: number;
  /** Resolves the pending ops.slow calls. */
  releaseSlow(): void;
  close(): Promise<void>;
}

function contextOf(req: IncomingMessage): AppContext {
  const match = /^Bearer ([a-z]+)$/.exec(req.headers.authorization ?? '');
  return match?.[1] === undefined ? { actor: 'anonymous' } : { actor: 'user', userId: match[1] };
}

/** Starts the server on 127.0.0.1, port 0. */
export async function startTestServer(): Promise<TestServer> {
  const registry = new SpecRegistry({ tracer: false });
  const gate = () => {
    let open: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { promise, open };
  };
  let slowGate = gate();
  const state: TestServer = {
    url: '',
    requests: [],
    runs: { capture: 0, flap: 0, slow: 0 },
    flapFailures: 0,
    dropConnections: 0,
    releaseSlow: () => {
      slowGate.open();
      slowGate = gate();
    },
    close: async () => undefined,
  };
  installOp(registry, CapturePayment, (input, ctx) => {
    state.runs.capture++;
    if (input.invoiceId === 'inv_paid') throw ctx.fail('ALREADY_PAID');
    if (input.paymentMethodId === 'pm_declined')
      throw ctx.fail('CARD_DECLINED', 'The card was declined', { declineCode: 'insufficient_funds' });
    return {
      transactionId: `pi_${state.runs.capture}`,
      status: 'succeeded' as const,
      capturedAt: new Date('2026-11-27T10:00:00Z'),
    };
  });
  installOp(registry, ListInvoices, (input) => ({
    items: [{ id: 'inv_1', status: input.status ?? ('open' as const) }],
  }));
  installOp(registry, Flap, () => {
    state.runs.flap++;
    if (state.flapFailures > 0) {
      state.flapFailures--;
      throw new ContractError('UNAVAILABLE');
    }
    return { runs: state.runs.flap };
  });
  installOp(registry, Slow, async () => {
    state.runs.slow++;
    await slowGate.promise;
    return { runs: state.runs.slow };
  });
  const handler = createNodeHandler(registry, contextOf);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    if (state.dropConnections > 0) {
      state.dropConnections--;
      req.socket.destroy();
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return Object.assign(state, {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
