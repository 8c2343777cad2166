import { checkPeer } from './check.js';
import { LOAD } from './load.js';
import { measure } from './measure.js';
import type { Peer } from './peers.js';
import type { Body, Row } from './row.js';
import { startServer } from './spawn.js';

/** How one server's session runs: where, with which flags, which bodies, in which round. */
export interface SessionOptions {
  /** The core to pin the server to (`taskset -c`), or undefined to leave it unpinned. */
  readonly core: string | undefined;
  /** Extra node flags for the server (e.g. `--cpu-prof`). */
  readonly nodeFlags: readonly string[];
  readonly bodies: readonly Body[];
  /** The round, from 1. */
  readonly round: number;
}

/** Thrown when a server's session outlives its watchdog: the server was killed. */
export class WatchdogError extends Error {
  constructor(
    readonly server: string,
    readonly limitMs: number,
  ) {
    super(`watchdog: ${server} still busy after ${(limitMs / 1000).toFixed(0)} s, killed`);
  }
}

/** The load time of one session (every body's warm-up and measured run), in milliseconds. */
export function sessionLoadMs(bodies: number): number {
  const warmups = [LOAD.warmupSeconds, LOAD.secondWarmupSeconds].slice(0, bodies);
  return (warmups.reduce((a, b) => a + b, 0) + bodies * LOAD.seconds) * 1000;
}

/**
 * The watchdog's limit for one session once its server listens: the load time, plus 15 s for the
 * hand checks and the CPU questions (`BENCH_HTTP_WATCHDOG` in seconds overrides it). Starting is
 * bounded on its own (`spawn.ts`).
 */
export function watchdogMs(bodies: number): number {
  const set = process.env.BENCH_HTTP_WATCHDOG;
  return set === undefined ? sessionLoadMs(bodies) + 15_000 : Number(set) * 1000;
}

/**
 * One server's turn in a round: start it, check it by hand (valid, invalid, no bearer), load it
 * with each body (warm-up, then measured), check it by hand again, stop it. A wrong answer, before,
 * during or after the load, throws. A watchdog kills the server if the session outlives
 * {@link watchdogMs}, and the session then throws a {@link WatchdogError}.
 */
export async function serverSession(peer: Peer, options: SessionOptions): Promise<Row[]> {
  const server = await startServer(peer.name, options.core, [...options.nodeFlags]);
  const limit = watchdogMs(options.bodies.length);
  let killed = false;
  const watchdog = setTimeout(() => {
    killed = true;
    server.kill();
  }, limit);
  try {
    const checked = await checkPeer(server.port, peer);
    const warmups = [LOAD.warmupSeconds, LOAD.secondWarmupSeconds];
    const rows: Row[] = [];
    for (const [i, body] of options.bodies.entries()) {
      const warmup = warmups[i] ?? LOAD.warmupSeconds;
      rows.push(await measure(server, peer, body, checked, warmup, LOAD.seconds, options.round));
    }
    await checkPeer(server.port, peer);
    return rows;
  } catch (error) {
    if (killed) throw new WatchdogError(peer.name, limit);
    throw error;
  } finally {
    clearTimeout(watchdog);
    await server.stop();
  }
}

/**
 * The servers' order in a round: as listed in odd rounds (1, 3, ...), reversed in even ones, so
 * that no server always runs first or last (a drift in the machine's speed over the run then
 * falls on both sides of bare, whose ratios are taken within the round).
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  return round % 2 === 1 ? [...items] : [...items].reverse();
}
