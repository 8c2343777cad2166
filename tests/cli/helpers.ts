// Runs the `contracts` bin from source as a subprocess, as a user's shell or CI would.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO = resolve(import.meta.dirname, '../..');
export const BIN = join(REPO, 'packages/cli/src/bin.ts');
/** tsx's loader by URL, so the bin also starts from folders outside the repository. */
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
/** The fixture registry, relative to the repository (the subprocess runs there). */
export const FIXTURE = 'tests/cli/fixtures/billing-registry.ts';
export const FIXTURE_NEXT = 'tests/cli/fixtures/billing-registry-next.ts';

/** What a run of the bin gave. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `contracts <args>` in the repository (or `cwd`), with only PATH and `env` in its environment. */
export function contracts(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=@lssm/source', '--import', TSX, BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A fresh temporary folder. */
export function scratch(prefix = 'contracts-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Generous: subprocesses start tsx, and the machine is shared. */
export const SLOW = 60_000;
