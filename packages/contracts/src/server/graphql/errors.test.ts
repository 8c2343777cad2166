import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../index.js';
import { codedResult, errorAnswer, formatLastResort, toGraphQLError, withCode } from './errors.js';

describe('GraphQL errors', () => {
  it('carries a pipeline error: message, code, request id, issues, data, retry advice', () => {
    const error = new ContractError('INVALID_INPUT', undefined, {
      issues: [{ path: ['amount'], code: 'too_small', message: 'must be greater than 0' }],
      retryAfterSeconds: 3,
      data: { a: 1 },
    });
    expect(toGraphQLError(error, 'req-1').toJSON()).toEqual({
      message: 'The input is invalid',
      extensions: {
        code: 'INVALID_INPUT',
        requestId: 'req-1',
        issues: [{ path: ['amount'], code: 'too_small', message: 'must be greater than 0' }],
        data: { a: 1 },
        retryAfterSeconds: 3,
      },
    });
  });

  it('codes errors of the request as INVALID_INPUT and keeps their message', () => {
    const coded = withCode(new GraphQLError('Cannot query field "x" on type "Query".'), 'req-2');
    expect(coded.toJSON()).toEqual({
      message: 'Cannot query field "x" on type "Query".',
      extensions: { code: 'INVALID_INPUT', requestId: 'req-2' },
    });
  });

  it('codes faults found while completing a result as INTERNAL and drops their message', () => {
    const fault = new GraphQLError('Int cannot represent non-integer value: secret', { path: ['a', 'b'] });
    expect(withCode(fault, 'req-3').toJSON()).toEqual({
      message: 'Internal error',
      path: ['a', 'b'],
      extensions: { code: 'INTERNAL', requestId: 'req-3' },
    });
    expect(formatLastResort(fault).message).toBe('Internal error');
  });

  it('leaves coded errors and error-free results as they are', () => {
    const ours = toGraphQLError(new ContractError('FORBIDDEN'), 'req-4');
    expect(withCode(ours, 'other')).toBe(ours);
    expect(codedResult({ data: { a: 1 } }, 'req-5')).toBeUndefined();
    expect(codedResult({ data: null, errors: [ours] }, 'req-5')).toBeUndefined();
    expect(
      codedResult({ errors: [new GraphQLError('bad variable')] }, 'req-6')?.errors?.[0]?.extensions,
    ).toEqual({
      code: 'INVALID_INPUT',
      requestId: 'req-6',
    });
  });

  it('answers HTTP-level refusals with the status of ERROR_TABLE and one coded error', () => {
    const [body, init] = errorAnswer('PAYLOAD_TOO_LARGE', undefined, 'req-7', { connection: 'close' });
    expect(init.status).toBe(413);
    expect(init.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      connection: 'close',
    });
    expect(JSON.parse(body ?? '')).toEqual({
      errors: [
        {
          message: 'The request body is too large',
          extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: 'req-7' },
        },
      ],
    });
  });
});
