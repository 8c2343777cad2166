// The database lost right after Stripe charged the card, end to end: the app reaches PostgreSQL
// through a TCP proxy on 127.0.0.1 that, at that moment, drops every connection and refuses new
// ones (as a crashed server or a network partition would). The call must answer 503 UNAVAILABLE
// without leaking anything, and once the database is back the recovery job must bring the invoice
// to paid, once.
import { randomUUID } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure } from '../support/figures.js';
import { type FaultsApp, startFaultsApp } from './app.js';
import {
  type Answer,
  capture,
  createInvoice,
  rest,
  retryCapture,
  runRecovery,
  stepAfterCharge,
  traceCapture,
} from './calls.js';
import { paidOnce, paymentFacts } from './checks.js';
import { postgresUp } from './postgres.js';
import { faults } from './seams.js';

const pgIsUp = await postgresUp();

/** A TCP proxy to PostgreSQL that can lose the database and bring it back. */
class DatabaseLink {
  readonly #sockets = new Set<Socket>();
  readonly server: Server;
  #down = false;

  constructor(target: URL) {
    this.server = createServer((client) => {
      if (this.#down) return void client.destroy();
      const upstream = createConnection(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => {
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      }),
    );
  }

  /** Drops every open connection and refuses new ones. */
  async lose(): Promise<void> {
    this.#down = true;
    for (const socket of this.#sockets) socket.destroy();
  }

  restore(): void {
    this.#down = false;
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe.skipIf(!pgIsUp)('the database lost right after a successful charge (PostgreSQL)', () => {
  let app: FaultsApp;
  let link: DatabaseLink;
  /** The step of a capture just after Stripe's answer arrived. */
  let charged = 0;

  beforeAll(async () => {
    link = new DatabaseLink(new URL(process.env.LSSM_TEST_PG_URL ?? 'postgres://127.0.0.1:5432/test'));
    app = await startFaultsApp({ postgres: true, viaPort: await link.listen() });
    charged = stepAfterCharge(await traceCapture());
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await link?.close();
  });

  const leaks = (answer: Answer) =>
    /postgres:|127\.0\.0\.1|ECONN|sk_test|Connection terminated|\bat \w+ \(/.test(answer.text);

  it('answers 503 UNAVAILABLE (also to calls while it is down), then recovery pays the invoice once', async () => {
    const invoiceId = await createInvoice();
    const key = randomUUID();
    faults.arm(charged, async () => link.lose());
    const first = await capture(invoiceId, key);
    faults.disarm();
    const whileDown = await rest('billing.getInvoice', { invoiceId }, { as: 'alice' });
    link.restore();
    await runRecovery();
    const retried = await retryCapture(invoiceId, key);
    const facts = await paymentFacts(app, invoiceId);
    const shown = (a: Answer) => `${a.status} ${a.body.error?.code ?? ''}`.trim();
    const pass =
      first.status === 503 &&
      first.body.error?.code === 'UNAVAILABLE' &&
      whileDown.status === 503 &&
      !leaks(first) &&
      !leaks(whileDown) &&
      paidOnce(facts);
    recordFigure({
      section: 'faults',
      scenario: 'database lost after a successful charge',
      runs: 1,
      figure:
        `capture ${shown(first)}, a read while down ${shown(whileDown)}, leaks ${Number(leaks(first) || leaks(whileDown))}; ` +
        `after it returned: invoice ${facts.status}, ${facts.succeededCharges} charge(s), ${facts.paidEvents} paid event(s), client retry ${shown(retried)}`,
      pass,
    });
    expect({
      first: shown(first),
      whileDown: shown(whileDown),
      leaks: leaks(first) || leaks(whileDown),
    }).toEqual({
      first: '503 UNAVAILABLE',
      whileDown: '503 UNAVAILABLE',
      leaks: false,
    });
    expect(paidOnce(facts)).toBe(true);
  }, 60_000);
});
