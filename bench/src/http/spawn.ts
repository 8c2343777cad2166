import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ChildMessage, ParentMessage } from './child.js';

const CHILD = resolve(import.meta.dirname, 'child.ts');
const START_TIMEOUT_MS = 20_000;

/** A running server process. */
export interface ServerProcess {
  readonly port: number;
  /** The server's process id (taskset execs node, keeping the id). */
  readonly pid: number;
  /** The process's CPU time so far (user + system), in microseconds, and the bytes it has allocated. */
  usage(): Promise<{ readonly cpuMicros: number; readonly allocatedBytes: number }>;
  /** Asks it to exit and waits (killing it after 5 s). */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL): the watchdog's way out of a hung server. */
  kill(): void;
}

function next(child: ChildProcess, kind: ChildMessage['kind']): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null)
      return reject(new Error(`server exited (${child.exitCode ?? child.signalCode})`));
    const timer = setTimeout(
      () => fail(new Error(`server did not answer "${kind}" in time`)),
      START_TIMEOUT_MS,
    );
    const onMessage = (message: ChildMessage) => {
      if (message.kind !== kind) return;
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => fail(new Error(`server exited (code ${code})`));
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit);
      reject(error);
    };
    child.on('message', onMessage).on('exit', onExit);
  });
}

/**
 * Starts `child.ts <name>` on the built packages (no `@lssm/source` condition) with
 * `NODE_ENV=production` (as apps are deployed: graphql-js then skips its development-only checks,
 * ours turns GraphQL introspection off), pinned with `taskset -c <core>` when `core` is given, with
 * extra node flags (e.g. `--cpu-prof`).
 */
export async function startServer(
  name: string,
  core: string | undefined,
  nodeFlags: string[] = [],
): Promise<ServerProcess> {
  const node = [process.execPath, ...nodeFlags, '--import', 'tsx', CHILD, name];
  const [command, ...args] = core === undefined ? node : ['taskset', '-c', core, ...node];
  const child = spawn(command as string, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await next(child, 'ready').catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  // With a callback, a closed channel (the server died) is reported there, not as an 'error' event.
  const ask = (message: ParentMessage) => child.send(message, () => {});
  return {
    port: ready.kind === 'ready' ? ready.port : 0,
    pid: child.pid ?? 0,
    usage: async () => {
      const answer = next(child, 'cpu');
      ask('cpu');
      const message = await answer;
      return message.kind === 'cpu'
        ? { cpuMicros: message.micros, allocatedBytes: message.allocatedBytes }
        : { cpuMicros: Number.NaN, allocatedBytes: Number.NaN };
    },
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        ask('exit');
      }),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
