import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** A running server process and where it listens. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>/api/ops` */
  readonly url: string;
}

const SERVER = resolve(import.meta.dirname, 'server.ts');

/** Starts one server (`server.ts`, from the packages' source) and waits for its `LISTENING` line. */
export function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--conditions=@lssm/source', '--import', 'tsx', SERVER], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`server not listening after ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code}) before listening: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const port = /^LISTENING (\d+)$/.exec(line)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      ready({ child, url: `http://127.0.0.1:${port}/api/ops` });
    });
  });
}

/** Stops servers with SIGTERM (SIGKILL after 5 s) and waits until they have exited. */
export async function stopServers(servers: readonly ServerProcess[]): Promise<void> {
  await Promise.all(
    servers.map(
      ({ child }) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          const force = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(force);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
