import { describe, expect, it } from 'vitest';
import { ContractError, type ExecuteResult } from '../../index.js';
import { toolOutcome } from './tool-result.js';

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
