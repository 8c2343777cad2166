import { answerProblem, type CheckReport, requestHeaders } from './check.js';
import { busyShares, coreTimes } from './cores.js';
import { type LoadRequest, runLoad } from './load.js';
import type { Peer } from './peers.js';
import type { Body, Row } from './row.js';
import type { ServerProcess } from './spawn.js';

/**
 * The request for one body, whose answers must have the expected body: the very text the hand
 * check accepted (no parsing), or one that passes the same check (answers carrying request ids).
 */
export function loadRequest(peer: Peer, body: Body, checked: CheckReport): LoadRequest {
  const expected = body === 'valid' ? peer.valid : peer.invalid;
  const accepted = body === 'valid' ? checked.validText : checked.invalidText;
  return {
    body: body === 'valid' ? peer.validBody : peer.invalidBody,
    headers: requestHeaders(peer, true),
    verify: (text) => text === accepted || answerProblem(expected, expected.status, text) === undefined,
  };
}

/**
 * Loads one running peer with one body: a warm-up run, then the measured run with the server's
 * CPU time (asked over IPC) and every core's busy time read around it. Every response must have
 * the peer's expected status and body for that body (see {@link loadRequest}), else it throws.
 */
export async function measure(
  server: ServerProcess,
  peer: Peer,
  body: Body,
  checked: CheckReport,
  warmupSeconds: number,
  seconds: number,
  round: number,
): Promise<Row> {
  const url = `http://127.0.0.1:${server.port}${peer.path}`;
  const request = loadRequest(peer, body, checked);
  await runLoad(url, request, warmupSeconds);
  const before = await server.usage();
  const coresBefore = coreTimes();
  const run = await runLoad(url, request, seconds);
  const coreBusy = busyShares(coresBefore, coreTimes());
  const after = await server.usage();
  const cpu = after.cpuMicros - before.cpuMicros;
  const expected = String((body === 'valid' ? peer.valid : peer.invalid).status);
  if (run.errors > 0 || run.mismatches > 0 || run.statuses[expected] !== run.requests)
    throw new Error(
      `${peer.name} ${body}: ${run.errors} errors, ${run.mismatches} wrong bodies, statuses ${JSON.stringify(run.statuses)}`,
    );
  return {
    server: peer.name,
    family: peer.family,
    body,
    round,
    requests: run.requests,
    requestsPerSecond: run.requests / run.seconds,
    p50Ms: run.p50Ms,
    p99Ms: run.p99Ms,
    serverCpuUsPerRequest: cpu / run.requests,
    allocatedBytesPerRequest: (after.allocatedBytes - before.allocatedBytes) / run.requests,
    serverCpu: cpu / 1e6 / run.seconds,
    clientCpu: run.clientCpu,
    coreBusy,
    statuses: run.statuses,
  };
}

/**
 * Rows during which something other than the server used core 0, or other than the load
 * generator used core 1, for more than 15% of the time (their numbers are not to be trusted), as
 * `"r<round> server body": "what else ran"`.
 */
export function noisyRows(rows: readonly Row[]): Record<string, string> {
  const noisy: Record<string, string> = {};
  for (const r of rows) {
    const { 0: core0, 1: core1 } = r.coreBusy;
    const other0 = Math.max(0, (core0 ?? 0) - r.serverCpu);
    const other1 = Math.max(0, (core1 ?? 0) - r.clientCpu);
    if (other0 > 0.15 || other1 > 0.15)
      noisy[`r${r.round} ${r.server} ${r.body}`] =
        `other work on core 0 ${Math.round(other0 * 100)}%, on core 1 ${Math.round(other1 * 100)}%`;
  }
  return noisy;
}
