import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadRequest, LoadRun } from './load.js';

// wrk (C, epoll) as the load generator when it is installed (`apt-get install wrk`): on one core it
// sends far more requests per second than autocannon, so a fast server is measured at its own limit
// rather than the load generator's. A Lua script sets the request and counts answers by status
// (each thread counts its own; `done` adds them up).

/** Whether `wrk` can be run (and `BENCH_HTTP_CLIENT` does not ask for autocannon). */
export const wrkAvailable: boolean =
  process.env.BENCH_HTTP_CLIENT !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function script(request: LoadRequest): string {
  const headers = Object.entries({ 'content-type': 'application/json', ...request.headers })
    .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`)
    .join('\n');
  return `wrk.method = "POST"
wrk.body = ${luaString(request.body)}
${headers}
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end
function init(args)
  counts = {}
end
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do merged[status] = (merged[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', status, n) end
  io.write(string.format('WRK {"requests":%d,"micros":%d,"errors":%d,"p50":%d,"p99":%d,"statuses":{%s}}\\n',
    summary.requests, summary.duration, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ",")))
end
`;
}

/** Posts `request` to `url` for `seconds` with wrk (one thread, `connections` connections). */
export function runWrk(
  url: string,
  request: LoadRequest,
  seconds: number,
  connections: number,
): Promise<LoadRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lssm-wrk-'));
  const file = join(dir, 'request.lua');
  writeFileSync(file, script(request));
  // `times` after wrk prints the CPU time of the shell's children: wrk's own, for the client share.
  const command = `wrk -t1 -c${connections} -d${Math.max(1, Math.round(seconds))}s -s "${file}" "${url}"; times`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', () => {
      rmSync(dir, { recursive: true, force: true });
      const line = out.split('\n').find((l) => l.startsWith('WRK '));
      if (line === undefined) return reject(new Error(`wrk printed no summary:\n${out}`));
      const summary = JSON.parse(line.slice(4)) as {
        requests: number;
        micros: number;
        errors: number;
        p50: number;
        p99: number;
        statuses: Record<string, number>;
      };
      const times = out.trim().split('\n').at(-1) ?? '';
      const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
        (s, m) => s + Number(m[1]) * 60 + Number(m[2]),
        0,
      );
      const runSeconds = summary.micros / 1e6;
      resolve({
        requests: summary.requests,
        seconds: runSeconds,
        statuses: summary.statuses,
        errors: summary.errors,
        // wrk does not read bodies here; the hand checks before and after the load do.
        mismatches: 0,
        p50Ms: summary.p50 / 1000,
        p99Ms: summary.p99 / 1000,
        clientCpu: cpu / runSeconds,
      });
    });
  });
}
