import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly path?: string; readonly pos?: number; readonly end?: number };
}

/** Where a `--generateTrace` run spent its check time, and its costliest single checks. */
export interface TraceSummary {
  /** Check time (ms) by where the checked file lives: the app's op files, client, library source. */
  readonly byPlace: readonly { readonly place: string; readonly ms: number }[];
  /** The slowest checks of one node (ms), with their source text. */
  readonly slowest: readonly {
    readonly ms: number;
    readonly what: string;
    readonly file: string;
    readonly text: string;
  }[];
}

function placeOf(path: string): string {
  if (path.includes('/.typecheck-apps/'))
    return path.includes('/ops/') ? 'app: op files' : `app: ${path.split('/').pop()}`;
  const lib = /\/packages\/([^/]+)\/(src|dist)\//.exec(path);
  if (lib !== null) return `library ${lib[1]} (${lib[2] === 'src' ? 'source .ts' : '.d.ts'})`;
  return 'node_modules .d.ts';
}

function sourceText(path: string, pos: number | undefined, end: number | undefined): string {
  try {
    return readFileSync(path, 'utf8').slice(pos, end).replace(/\s+/g, ' ').trim().slice(0, 100);
  } catch {
    return '';
  }
}

/** Reads `trace.json` in `dir` (written by `tsc --generateTrace dir`). */
export function summarizeTrace(dir: string, top = 8): TraceSummary {
  const events = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as TraceEvent[];
  const byPlace = new Map<string, number>();
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.name !== 'checkSourceFile') continue;
    if (e.ph === 'B') open.push(e);
    const begin = e.ph === 'E' ? open.pop() : undefined;
    const ms = begin !== undefined ? (e.ts - begin.ts) / 1000 : (e.dur ?? 0) / 1000;
    const path = begin?.args?.path ?? e.args?.path;
    if (ms > 0 && path !== undefined) byPlace.set(placeOf(path), (byPlace.get(placeOf(path)) ?? 0) + ms);
  }
  // The outermost of nested checks of the same node report the same span: keep one per span.
  const seen = new Set<string>();
  const slowest = events
    .filter((e) => e.dur !== undefined && e.name !== 'checkSourceFile' && e.args?.path !== undefined)
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
    .filter((e) => {
      const key = `${e.args?.path}:${e.args?.pos}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, top)
    .map((e) => ({
      ms: Math.round((e.dur ?? 0) / 1000),
      what: e.name,
      file: (e.args?.path ?? '').replace(/.*\/(packages|\.typecheck-apps)\//, ''),
      text: sourceText(e.args?.path ?? '', e.args?.pos, e.args?.end),
    }));
  return {
    byPlace: [...byPlace].map(([place, ms]) => ({ place, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms),
    slowest,
  };
}
