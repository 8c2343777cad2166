import { ContractError } from '../runtime/errors.js';

/** True for `application/json`, optionally with `charset=utf-8` (any other charset is refused). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header === 'application/json' || header === 'application/json; charset=utf-8') return true;
  const [type, ...params] = header.split(';');
  if (type?.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() !== 'charset') return true;
    return value?.trim().replace(/^"|"$/g, '').toLowerCase() === 'utf-8';
  });
}

const BLANK = /^\s*$/;

/**
 * Parses a JSON body. `JSON.parse` keeps a `__proto__` key as an own property (never a prototype),
 * and the model validator then rejects it; nesting deep enough to exhaust the stack is a 400 too.
 * An empty body means `{}` (an operation without input).
 */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (BLANK.test(text)) return {};
    const reason =
      error instanceof SyntaxError ? 'The body is not valid JSON' : 'The body is nested too deeply';
    throw new ContractError('INVALID_INPUT', reason, {
      origin: 'transport',
      issues: [{ path: [], code: 'invalid_format', message: reason }],
    });
  }
}
