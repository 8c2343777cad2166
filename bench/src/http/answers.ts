import { isDeepStrictEqual } from 'node:util';
import { EXPECTED_OUTPUT, FIELD } from './wire.js';

// What each protocol's answers must be, as checks of the parsed JSON body: each returns the
// problem, or undefined when the answer is right. Used by the hand checks and under load.

/** The problem with an answer's JSON body, or undefined when it is right. */
export type BodyCheck = (body: unknown) => string | undefined;

/** How many issues an invalid answer lists (undefined when it does not list them). */
export type IssueCount = (body: unknown) => number | undefined;

type Json = Record<string, unknown>;

const get = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Json)[key] : undefined;

/** A body equal to `expected` (any key order). */
export function equalTo(expected: unknown): BodyCheck {
  return (body) => (isDeepStrictEqual(body, expected) ? undefined : 'not the expected answer');
}

/** Any body: the status alone is the check. */
export const anyBody: BodyCheck = () => undefined;

/** An invalid-input answer listing at least `min` issues, where `count` finds a list. */
export function listsIssues(count: IssueCount, min: number, also: BodyCheck = anyBody): BodyCheck {
  return (body) => {
    const n = count(body);
    if (n !== undefined && n < min) return `lists ${n} issues, expected at least ${min}`;
    return also(body);
  };
}

/** REST: `{ error: { issues: [...] } }`. */
export const restIssues: IssueCount = (body) => (get(get(body, 'error'), 'issues') as unknown[])?.length;

/** GraphQL: the errors of an answer (an empty list when there are none). */
function graphqlErrors(body: unknown): unknown[] {
  const errors = get(body, 'errors');
  return Array.isArray(errors) ? errors : [];
}

/** GraphQL, valid input: exactly the op's output under its field. */
export const graphqlOutput: BodyCheck = equalTo({ data: { [FIELD]: EXPECTED_OUTPUT } });

/** GraphQL, refused: errors, and no data for the field (absent, `null`, or the field `null`). */
export const graphqlRefused: BodyCheck = (body) => {
  if (graphqlErrors(body).length === 0) return 'no errors';
  const data = get(body, 'data');
  if (data !== undefined && data !== null && get(data, FIELD) !== null) return 'the field has data';
  return undefined;
};

/**
 * GraphQL: the issues of an invalid input. graphql-js refuses the variable before any resolver
 * runs, one error per problem it sees; a resolver's error may list `extensions.issues` instead.
 */
export const graphqlIssues: IssueCount = (body) => {
  const errors = graphqlErrors(body);
  const listed = errors.length === 1 ? get(get(errors[0], 'extensions'), 'issues') : undefined;
  return Array.isArray(listed) ? listed.length : errors.length;
};

/** GraphQL, refused with this code in the first error's `extensions.code`. */
export function graphqlCode(code: string): BodyCheck {
  return (body) => {
    const refused = graphqlRefused(body);
    if (refused !== undefined) return refused;
    const found = get(get(graphqlErrors(body)[0], 'extensions'), 'code');
    return found === code ? undefined : `error code ${String(found)}, expected ${code}`;
  };
}

/** MCP, valid input: the JSON-RPC result with the output as text and as `structuredContent`. */
export const mcpOutput: BodyCheck = equalTo({
  jsonrpc: '2.0',
  id: 1,
  result: {
    content: [{ type: 'text', text: JSON.stringify(EXPECTED_OUTPUT) }],
    structuredContent: EXPECTED_OUTPUT,
  },
});

/** The text of an MCP tool error result (`isError: true`), or undefined for anything else. */
function toolErrorText(body: unknown): string | undefined {
  const result = get(body, 'result');
  if (get(body, 'id') !== 1 || get(result, 'isError') !== true) return undefined;
  const text = get((get(result, 'content') as unknown[] | undefined)?.[0], 'text');
  return typeof text === 'string' ? text : undefined;
}

/** MCP: a tool error result (`isError: true`) whose text contains `word`. */
export function mcpToolError(word: string): BodyCheck {
  return (body) => {
    const text = toolErrorText(body);
    if (text === undefined) return 'not a tool error result';
    return text.includes(word) ? undefined : `the tool error does not mention ${word}`;
  };
}

/** MCP, ours: the issues of the `{"error": {"issues": [...]}}` text of a tool error. */
export const mcpErrorIssues: IssueCount = (body) => {
  const text = toolErrorText(body);
  if (text === undefined) return undefined;
  const issues = get(get(JSON.parse(text), 'error'), 'issues');
  return Array.isArray(issues) ? issues.length : 0;
};

/** MCP, the SDK: `Input validation error: ...:` then one line per zod issue. */
export const mcpSdkIssues: IssueCount = (body) => {
  const text = toolErrorText(body);
  return text === undefined ? undefined : text.split('\n').length;
};
