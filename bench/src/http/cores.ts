import { readFileSync } from 'node:fs';

/** Busy and total jiffies of each core, from /proc/stat (empty where it does not exist). */
export type CoreTimes = readonly { readonly busy: number; readonly total: number }[];

/** A snapshot of every core's time (Linux); empty elsewhere. */
export function coreTimes(): CoreTimes {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return [];
  }
  const cores: { busy: number; total: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^cpu(\d+) (.*)$/.exec(line);
    if (match === null) continue;
    // user nice system idle iowait irq softirq steal ...: idle and iowait are the idle time.
    const fields = (match[2] ?? '').trim().split(/\s+/).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    cores[Number(match[1])] = { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  }
  return cores;
}

/** Each core's busy share between two snapshots (0..1), by core number. */
export function busyShares(before: CoreTimes, after: CoreTimes): Record<string, number> {
  const shares: Record<string, number> = {};
  after.forEach((a, i) => {
    const b = before[i];
    if (b !== undefined && a.total !== b.total) shares[i] = (a.busy - b.busy) / (a.total - b.total);
  });
  return shares;
}
