// What must never come back: the leak scan of error bodies and log lines (stack frames, file
// paths, SQL, secrets, card-like digits), and the console capture that feeds it log lines.

const LEAK_PATTERNS: readonly (readonly [kind: string, pattern: RegExp])[] = [
  ['stack frame', /\bat (?:async )?(?:\S+ )?\(?(?:file:\/\/|node:|\/)\S*:\d+:\d+/],
  ['file path', /\/(?:work|home|srv|usr|tmp|var|opt)\/\S+|node_modules|\b[\w-]+\.(?:ts|js|mjs|cjs|tsx):\d+/],
  [
    'SQL',
    /\b(?:select|insert|update|delete)\b[^"\n]{0,80}\b(?:from|into|set|where)\b|syntax error at or near|relation "|violates|duplicate key|failed query|pglite|drizzle/i,
  ],
  ['secret', /\b(?:sk|rk)_(?:test|live)_|whsec_/],
  ['card-like digits', /(?<!\d)\d{13,19}(?!\d)/],
];

/** One thing found in an answer or a log line that must not be there. */
export interface Leak {
  readonly kind: string;
  readonly match: string;
  /** The text around the match. */
  readonly context: string;
  /** The client sent this very text (an echo of its own input, not something of ours). */
  readonly echo: boolean;
}

/** Scans `text` for stack frames, file paths, SQL, secrets (patterns and this run's) and card-like digits. */
export function findLeaks(text: string, secrets: readonly string[], sent = ''): Leak[] {
  const found: Leak[] = [];
  for (const [kind, pattern] of LEAK_PATTERNS) {
    const hit = pattern.exec(text);
    if (hit === null) continue;
    const context = text.slice(Math.max(0, hit.index - 60), hit.index + hit[0].length + 20);
    found.push({ kind, match: hit[0], context, echo: sent.includes(hit[0]) });
  }
  for (const secret of secrets)
    if (text.includes(secret))
      found.push({ kind: 'secret', match: `${secret.slice(0, 6)}...`, context: '', echo: false });
  return found;
}

/** Records every console line written while it is on, for the leak scan; `quiet` stops printing them. */
export function captureLogs(quiet = false): { lines(): readonly string[]; stop(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((name) => console[name]);
  methods.forEach((name, i) => {
    console[name] = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? (a.stack ?? String(a)) : String(a))).join(' '));
      if (!quiet) (originals[i] as (...args: unknown[]) => void)(...args);
    };
  });
  return {
    lines: () => lines,
    stop: () => {
      methods.forEach((name, i) => {
        console[name] = originals[i] as typeof console.log;
      });
    },
  };
}
