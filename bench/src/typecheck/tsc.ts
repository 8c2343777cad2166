import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSC = resolve(import.meta.dirname, '../../../node_modules/typescript/bin/tsc');

/** What `tsc --extendedDiagnostics` reported for one run. */
export interface TscRun {
  /** CPU seconds of the tsc process (user + system): steadier than its wall-clock times on a busy machine. */
  readonly cpuSeconds: number;
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly memoryKb: number;
  readonly types: number;
  readonly instantiations: number;
  readonly files: number;
}

function field(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
  if (match === null) throw new Error(`tsc output has no "${label}":\n${output.slice(0, 2000)}`);
  return Number(match[1]);
}

// Runs tsc's bin inside a wrapper that reports the process's CPU time on exit (tsc calls process.exit).
const WRAPPER = [
  'const start = process.cpuUsage();',
  "process.on('exit', () => { const c = process.cpuUsage(start);",
  "process.stderr.write('TSC_CPU_SECONDS ' + (c.user + c.system) / 1e6 + '\\n'); });",
  'require(process.argv[1]);',
].join(' ');

/** Runs tsc on a project (`extra` e.g. `--generateTrace dir`); fails when the app has type errors. */
export async function typecheck(project: string, extra: readonly string[] = []): Promise<TscRun> {
  const args = ['-e', WRAPPER, TSC, '--noEmit', '--extendedDiagnostics', '-p', project, ...extra];
  const { stdout, stderr } = await run(process.execPath, args, {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  }).catch((error: { stdout?: string; message: string }) => {
    throw new Error(`tsc failed on ${project}:\n${(error.stdout ?? error.message).slice(0, 3000)}`);
  });
  const cpu = /TSC_CPU_SECONDS ([\d.]+)/.exec(stderr);
  if (cpu === null) throw new Error(`tsc did not report its CPU time: ${stderr.slice(0, 500)}`);
  return {
    cpuSeconds: Number(cpu[1]),
    checkSeconds: field(stdout, 'Check time'),
    totalSeconds: field(stdout, 'Total time'),
    memoryKb: field(stdout, 'Memory used'),
    types: field(stdout, 'Types'),
    instantiations: field(stdout, 'Instantiations'),
    files: field(stdout, 'Files'),
  };
}
