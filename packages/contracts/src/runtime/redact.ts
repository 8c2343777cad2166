/** What redacted values are replaced with in audit records. */
export const REDACTED = '[redacted]';

function redactPath(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return value === undefined ? undefined : REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactPath(item, segments));
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  if (!Object.hasOwn(value, head)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = redactPath(copy[head], rest);
  return copy;
}

/**
 * A copy of `input` with each dotted path replaced by `"[redacted]"` (through arrays too).
 * @example redact({ card: { number: '4242' } }, ['card.number']) // { card: { number: '[redacted]' } }
 */
export function redact(input: unknown, paths: readonly string[]): unknown {
  let out = input;
  for (const path of paths) out = redactPath(out, path.split('.'));
  return out;
}
