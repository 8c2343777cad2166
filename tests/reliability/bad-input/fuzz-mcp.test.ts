// Hostile MCP messages to the billing app's /api/mcp route (Streamable HTTP, JSON-RPC): mostly
// `tools/call` with hostile arguments for every tool, plus hostile names, params, ids, methods,
// batches and bodies, as every kind of caller. Never a 5xx, never a crash, every error coded.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigure, scaled } from '../support/figures.js';
import {
  billingFields,
  CALLERS,
  hostileInput,
  hostileJson,
  hostileString,
  objectText,
} from './arbitraries.js';
import { fuzz, type HostileRequest } from './fuzz-loop.js';
import { echoKinds, verdict } from './fuzz-verdict.js';
import type { RawAnswer } from './http-client.js';
import { authorization, type BadInputServer, startFuzzTarget } from './server.js';

let server: BadInputServer;
let invoiceIds: string[];

beforeAll(async () => {
  ({ server, invoiceIds } = await startFuzzTarget());
}, 120_000);
afterAll(() => server?.close());

const rpcId = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('null', '1.5', '{}', '[]', 'true', '"x"', '1e400'),
  hostileString.map((s) => JSON.stringify(s)),
);

function mcpRequests(): fc.Arbitrary<HostileRequest> {
  const fields = billingFields(invoiceIds);
  const tools = Object.keys(fields);
  const call = fc
    .tuple(fc.constantFrom(...tools), rpcId, fc.option(hostileJson(['idempotencyKey']), { nil: undefined }))
    .chain(([op, id, meta]) =>
      hostileInput(fields[op] ?? {}).map((args) => {
        const params: [string, string][] = [
          ['name', JSON.stringify(op.replace('.', '_'))],
          ['arguments', args],
        ];
        if (meta !== undefined) params.push(['_meta', meta]);
        return [
          objectText([
            ['jsonrpc', '"2.0"'],
            ['id', id],
            ['method', '"tools/call"'],
            ['params', objectText(params)],
          ]),
          `tools/call ${op}`,
        ] as const;
      }),
    );
  const odd = fc
    .tuple(
      fc.oneof(
        fc.constantFrom('"2.0"', '"1.0"', 'null', '2'),
        hostileString.map((s) => JSON.stringify(s)),
      ),
      rpcId,
      fc.oneof(
        fc.constantFrom(
          '"tools/call"',
          '"tools/list"',
          '"initialize"',
          '"ping"',
          '"notifications/initialized"',
          '"__proto__"',
        ),
        hostileString.map((s) => JSON.stringify(s)),
      ),
      hostileJson(['name', 'arguments', '_meta', 'protocolVersion']),
    )
    .map(
      ([version, id, method, params]) =>
        [
          objectText([
            ['jsonrpc', version],
            ['id', id],
            ['method', method],
            ['params', params],
          ]),
          `odd ${method.slice(0, 30)}`,
        ] as const,
    );
  const batch = fc
    .array(fc.oneof(call, odd), { minLength: 0, maxLength: 4 })
    .map((items) => [`[${items.map(([text]) => text).join(',')}]`, 'batch'] as const);
  const body = fc.oneof(
    { weight: 6, arbitrary: call },
    { weight: 2, arbitrary: odd },
    { weight: 1, arbitrary: batch },
    { weight: 1, arbitrary: hostileJson().map((text) => [text, 'body'] as const) },
  );
  return fc
    .tuple(
      body,
      fc.constantFrom(...CALLERS),
      fc.option(fc.constantFrom('2025-06-18', '2025-03-26', '1999-01-01', '__proto__'), { nil: undefined }),
    )
    .map(([[text, what], caller, version]) => ({
      url: `${server.url}/api/mcp`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(version === undefined ? {} : { 'mcp-protocol-version': version }),
        ...authorization(server, caller),
      },
      body: text,
      label: `${what} as ${caller}`,
    }));
}

type RpcMessage = {
  jsonrpc?: unknown;
  error?: { code?: unknown };
  result?: { isError?: boolean; content?: { text?: string }[] };
};

/** Every JSON-RPC reply is well formed; every tool error carries a stable code. */
function checkReply(message: RpcMessage): string | undefined {
  if (message.jsonrpc !== '2.0') return 'a reply without jsonrpc 2.0';
  if (message.error !== undefined)
    return Number.isInteger(message.error.code) ? undefined : 'an RPC error without an integer code';
  if (message.result?.isError !== true) return undefined;
  const text = message.result.content?.[0]?.text ?? '';
  const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  return typeof code === 'string' && /^[A-Z][A-Z_]*$/.test(code)
    ? undefined
    : `a tool error without a stable code: ${text.slice(0, 200)}`;
}

function checkMcp(answer: RawAnswer): string | undefined {
  if (answer.text === '')
    return answer.status === 202 || answer.status === 431 ? undefined : `an empty ${answer.status}`;
  try {
    const body = JSON.parse(answer.text) as RpcMessage | RpcMessage[];
    for (const message of Array.isArray(body) ? body : [body]) {
      const problem = checkReply(message);
      if (problem !== undefined) return problem;
    }
  } catch {
    return `a non-JSON ${answer.status} answer: ${answer.text.slice(0, 200)}`;
  }
  return undefined;
}

describe('MCP: hostile input to the billing app', () => {
  it('never answers 5xx, never crashes, codes every error, keeps prototypes, bounded time and heap', {
    timeout: 600_000,
  }, async () => {
    const report = await fuzz({
      requests: mcpRequests(),
      cases: scaled(10_000, 100_000),
      secrets: server.secrets,
      check: checkMcp,
    });
    const { figure, pass } = verdict(report);
    recordFigure({
      section: 'bad-input',
      scenario: 'MCP fuzz (tools/call arguments, messages, batches)',
      runs: report.cases,
      figure,
      pass,
    });
    console.log('statuses', JSON.stringify(report.statuses), 'echoes', echoKinds(report));
    expect(report.problems, report.failure).toEqual([]);
    expect(report.failure).toBeUndefined();
    expect(pass).toBe(true);
  });
});
