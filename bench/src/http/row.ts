import type { Family } from './peers.js';

/** Which body a row measured. */
export type Body = 'valid' | 'invalid';

/** One measured row: one peer under load with one body, in one round. */
export interface Row {
  readonly server: string;
  readonly family: Family;
  readonly body: Body;
  /** The round it was measured in, from 1. */
  readonly round: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Server CPU time (user + system) over the measured run, per request. */
  readonly serverCpuUsPerRequest: number;
  /** V8 heap bytes the server allocated over the measured run, per request. */
  readonly allocatedBytesPerRequest: number;
  /** Server CPU time over the run as a share of its one core (near 1: the server is the bottleneck). */
  readonly serverCpu: number;
  /** Load generator CPU as a share of its core (near 1: the client may be the bottleneck). */
  readonly clientCpu: number;
  /** Each core's busy share over the run by core number, whoever used it (from /proc/stat; empty elsewhere). */
  readonly coreBusy: Readonly<Record<string, number>>;
  readonly statuses: Readonly<Record<string, number>>;
}
