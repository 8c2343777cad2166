import type { Contender } from './contender.js';
import { FIELD_NAMES, MUST_ACCEPT, MUST_REJECT } from './fixtures.js';

function fail(contender: Contender, message: string): never {
  throw new Error(`sanity check failed for ${contender.name}: ${message}`);
}

function expectAccepted(c: Contender, input: unknown, what: string): void {
  const outcome = c.read(c.validate(input));
  if (!outcome.ok) fail(c, `rejected ${what} with ${outcome.issues} issue(s)`);
  const value = outcome.value as Record<string, unknown>;
  const source = input as Record<string, unknown>;
  if (c.freshObject && value === input) fail(c, `returned the input object itself for ${what}`);
  for (const key of FIELD_NAMES) if (value[key] !== source[key]) fail(c, `lost "${key}" of ${what}`);
  if (Object.keys(value).length !== FIELD_NAMES.length) fail(c, `returned undeclared keys for ${what}`);
}

function expectRejected(c: Contender, input: unknown, what: string): number {
  const outcome = c.read(c.validate(input));
  if (outcome.ok) fail(c, `accepted ${what}`);
  if (outcome.issues < 1) fail(c, `rejected ${what} without any issue`);
  return outcome.issues;
}

/**
 * Fails loudly unless the contender accepts the valid body, rejects the invalid one and agrees with
 * the model on the extra probes. Returns how many issues it reports for the invalid body.
 */
export function checkContender(c: Contender, valid: unknown, invalid: unknown): number {
  expectAccepted(c, valid, 'the valid body');
  for (const [i, input] of MUST_ACCEPT.entries()) expectAccepted(c, input, `accept probe #${i}`);
  for (const [i, input] of MUST_REJECT.entries()) expectRejected(c, input, `reject probe #${i}`);
  const issues = expectRejected(c, invalid, 'the invalid body');
  if (c.allIssues && issues < 4) fail(c, `reported only ${issues} issue(s) for the invalid body`);
  return issues;
}
