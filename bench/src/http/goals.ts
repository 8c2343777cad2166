import type { GoalVerdict } from '../report/section.js';
import type { Body, Row } from './row.js';
import { medianRatio } from './summary.js';

const BODIES: readonly Body[] = ['valid', 'invalid'];

const x = (n: number) => (Number.isNaN(n) ? 'not measured' : `${n.toFixed(2)}x`);

/**
 * `server` serves at least `wanted` times `rival`'s requests/s with both bodies (medians of the
 * per-round ratios). The detail also gives the ratio from CPU time per request, the figure to
 * read when other work kept the servers from a whole core.
 */
function atLeast(
  rows: readonly Row[],
  goal: string,
  server: string,
  rival: string,
  wanted: number,
): GoalVerdict {
  const parts: string[] = [];
  let met: boolean | undefined = true;
  for (const body of BODIES) {
    const ratio = medianRatio(rows, server, rival, body);
    const byCpu = medianRatio(rows, rival, server, body, 'serverCpuUsPerRequest');
    if (Number.isNaN(ratio)) met = undefined;
    else if (met !== undefined && ratio < wanted) met = false;
    parts.push(`${body} ${x(ratio)} (by CPU per request ${x(byCpu)})`);
  }
  return { goal, met, detail: parts.join(', ') };
}

/** `server` allocates at most `limit` times bare's bytes per request with both bodies. */
function allocationAtMost(rows: readonly Row[], server: string, limit: number): GoalVerdict {
  const parts: string[] = [];
  let met: boolean | undefined = true;
  for (const body of BODIES) {
    const ratio = medianRatio(rows, server, 'bare', body, 'allocatedBytesPerRequest');
    if (Number.isNaN(ratio)) met = undefined;
    else if (met !== undefined && ratio > limit) met = false;
    parts.push(`${body} ${x(ratio)}`);
  }
  return {
    goal: `${server}: V8 bytes allocated per request <= ${limit}x bare`,
    met,
    detail: parts.join(', '),
  };
}

/**
 * The HTTP goals of the benchmark issue, each over both bodies, on the medians of the per-round
 * ratios: REST >= 0.8x bare and >= 3x oRPC; GraphQL >= 0.4x bare and ahead of Mercurius; MCP
 * >= 0.4x bare and >= 10x the MCP SDK; each of ours allocating <= 1.5x bare's bytes per request.
 */
export function httpGoals(rows: readonly Row[]): GoalVerdict[] {
  return [
    atLeast(rows, 'REST (ours) >= 0.8x bare node:http', 'ours', 'bare', 0.8),
    atLeast(rows, 'REST (ours) >= 3x oRPC', 'ours', 'orpc', 3),
    atLeast(rows, 'GraphQL (ours-graphql) >= 0.4x bare node:http', 'ours-graphql', 'bare', 0.4),
    atLeast(rows, 'GraphQL (ours-graphql) ahead of Mercurius', 'ours-graphql', 'mercurius', 1),
    atLeast(rows, 'MCP (ours-mcp) >= 0.4x bare node:http', 'ours-mcp', 'bare', 0.4),
    atLeast(rows, 'MCP (ours-mcp) >= 10x the MCP SDK', 'ours-mcp', 'mcp-sdk', 10),
    allocationAtMost(rows, 'ours', 1.5),
    allocationAtMost(rows, 'ours-graphql', 1.5),
    allocationAtMost(rows, 'ours-mcp', 1.5),
  ];
}

/** One console line per measured goal: `goal MET: ...: valid 0.59x (...), invalid ...`. */
export function goalLines(goals: readonly GoalVerdict[]): string[] {
  const measured = goals.filter((g) => g.met !== undefined);
  if (measured.length === 0) return ['goals: not measured (bare, ours or the rivals missing)'];
  return measured.map((g) => `goal ${g.met ? 'MET' : 'NOT MET'}: ${g.goal}: ${g.detail}`);
}
