import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

/** The machine a benchmark ran on. */
export interface Machine {
  readonly cpu: string;
  /** Logical cores of the machine (not the process's affinity: run.sh pins processes to one). */
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
}

/** The OS name: `/etc/os-release`'s PRETTY_NAME where it exists, and the kernel. */
function osName(): string {
  let pretty: string | undefined;
  try {
    pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    pretty = undefined;
  }
  const kernel = `${type()} ${release()}`;
  return pretty === undefined ? kernel : `${pretty} (${kernel})`;
}

/** This machine: CPU model, cores, memory, Node version, OS. */
export function machineInfo(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: osName(),
  };
}
