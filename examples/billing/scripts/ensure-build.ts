// Builds the billing example with `next build --webpack` when its sources (or the workspace
// packages it compiles from source) changed since the last build. Shared by `npm start` and the
// end-to-end tests; a lock directory keeps two of them from building at once.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** The example's directory. */
export const APP_DIR = resolve(import.meta.dirname, '..');
const ROOT = resolve(APP_DIR, '../..');
const LOCK = join(APP_DIR, '.next-build-lock');
const STALE_LOCK_MS = 15 * 60_000;

const INPUTS = [
  'examples/billing/app',
  'examples/billing/lib',
  'examples/billing/drizzle',
  'examples/billing/instrumentation.ts',
  'examples/billing/next.config.ts',
  'examples/billing/package.json',
  'examples/billing/tsconfig.json',
  'packages/schema/src',
  'packages/contracts/src',
  'packages/postgres/src',
  'packages/stripe-emulator/src',
];

/** The path of Next.js's command-line entry, as the example resolves it. */
export const NEXT_BIN = createRequire(join(APP_DIR, 'package.json')).resolve('next/dist/bin/next');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test(-d)?\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

/** True when there is no build, or a source is newer than it. */
export function buildIsStale(): boolean {
  const buildId = join(APP_DIR, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return INPUTS.some((input) => newest(join(ROOT, input)) > built);
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function nextBuild(env: NodeJS.ProcessEnv, quiet: boolean): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build', '--webpack'], {
      cwd: APP_DIR,
      env,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`next build exited with ${code}\n${output}`)),
    );
  });
}

/**
 * Builds unless the build is current (or `force`); answers how long the build took in ms, or
 * undefined when none was needed. Waits for a build another process is running.
 */
export async function ensureBuild(
  options: { readonly force?: boolean; readonly quiet?: boolean; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<number | undefined> {
  for (;;) {
    if (!options.force && !buildIsStale() && !existsSync(LOCK)) return undefined;
    if (takeLock()) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  try {
    if (!options.force && !buildIsStale()) return undefined;
    const started = Date.now();
    await nextBuild(
      { NEXT_TELEMETRY_DISABLED: '1', ...(options.env ?? process.env) },
      options.quiet ?? false,
    );
    return Date.now() - started;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
