import { describe, expect, it } from 'vitest';
import { ContractError, type ExecuteResult } from '../../index.js';
import { toolOutcome, toolReply, toolReplyJson } from './tool-result.js';

const failed = (error: ContractError, replayed = false): ExecuteResult => ({
  ok: false,
  error,
  requestId: 'req_1',
  spec: undefined,
  replayed,
});

describe('tool outcomes follow the mcp column of ERROR_TABLE', () => {
  it("makes 'protocol' codes JSON-RPC errors with the table's jsonRpc code", () => {
    const error = new ContractError('PAYLOAD_TOO_LARGE', undefined, { requestId: 'req_1' });
    expect(toolOutcome(failed(error), 'a_b')).toEqual({
      kind: 'fault',
      error: {
        code: -32013,
        message: 'The request body is too large',
        data: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large', requestId: 'req_1' },
      },
    });
  });

  it("makes 'tool' codes isError results, with retry advice and the replay flag", () => {
    const error = new ContractError('RATE_LIMITED', undefined, { requestId: 'req_1', retryAfterSeconds: 30 });
    expect(toolOutcome(failed(error, true), 'a_b')).toEqual({
      kind: 'result',
      result: {
        content: [
          {
            type: 'text',
            text: '{"error":{"code":"RATE_LIMITED","message":"Too many requests","requestId":"req_1","retryAfterSeconds":30}}',
          },
        ],
        isError: true,
        _meta: { idempotentReplayed: true },
      },
    });
  });

  it('makes NOT_FOUND a tool result unless it comes from resolving the tool (hideExistence denials stay results)', () => {
    const denied = new ContractError('NOT_FOUND', undefined, { origin: 'policy', requestId: 'req_1' });
    expect(toolOutcome(failed(denied), 'a_b').kind).toBe('result');
    const unknown = new ContractError('NOT_FOUND', 'Unknown operation a.b', {
      origin: 'resolve',
      requestId: 'req_1',
    });
    expect(toolOutcome(failed(unknown), 'a_b')).toMatchObject({
      kind: 'fault',
      error: { code: -32004, message: 'Unknown tool a_b' },
    });
  });

  it('gives non-object outputs as text only (structuredContent must be an object)', () => {
    const ok = (output: unknown): ExecuteResult => ({
      ok: true,
      output,
      requestId: 'r',
      spec: undefined as never,
      replayed: false,
    });
    expect(toolOutcome(ok(['a']), 't')).toEqual({
      kind: 'result',
      result: { content: [{ type: 'text', text: '["a"]' }] },
    });
    expect(toolOutcome(ok(undefined), 't')).toEqual({
      kind: 'result',
      result: { content: [{ type: 'text', text: 'null' }] },
    });
  });
});

describe('tool replies as JSON text', () => {
  const ok = (output: unknown, replayed = false): ExecuteResult => ({
    ok: true,
    output,
    requestId: 'r',
    spec: undefined as never,
    replayed,
  });
  const cases: Array<[string, ExecuteResult]> = [
    ['an object output', ok({ transactionId: 'pi_1', status: 'succeeded', note: 'say "hi"\n' })],
    ['a replayed object output', ok({ a: 1 }, true)],
    ['an array output', ok(['a', { b: 2 }])],
    ['no output', ok(undefined)],
    ['a string output', ok('plain')],
    [
      'a tool error',
      failed(new ContractError('RATE_LIMITED', undefined, { requestId: 'r', retryAfterSeconds: 3 })),
    ],
    [
      'an invalid input with issues, replayed',
      failed(
        new ContractError('INVALID_INPUT', undefined, {
          requestId: 'r',
          issues: [{ path: ['amount'], code: 'too_small', message: 'Too small: must be > 0' }],
        }),
        true,
      ),
    ],
    ['a protocol fault', failed(new ContractError('PAYLOAD_TOO_LARGE', undefined, { requestId: 'r' }))],
    ['an unknown tool', failed(new ContractError('NOT_FOUND', 'x', { origin: 'resolve', requestId: 'r' }))],
  ];

  it.each(cases)('writes the same JSON as serializing the reply object, for %s', (_, result) => {
    for (const id of [7, 'req-"quoted"']) {
      const text = toolReplyJson(id, result, 'billing_capture');
      expect(text).toBe(JSON.stringify(toolReply(id, result, 'billing_capture')));
      expect(JSON.parse(text)).toMatchObject({ jsonrpc: '2.0', id });
    }
  });
});
