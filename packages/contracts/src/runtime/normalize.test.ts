import { describe, expect, it } from 'vitest';
import { ContractError } from './errors.js';
import { toContractError } from './normalize.js';

describe('toContractError of a wrapped error', () => {
  it('keeps UNAVAILABLE found among the causes (an ORM error around a lost database)', () => {
    const lost = new ContractError('UNAVAILABLE', 'The database is unavailable; try again later');
    const wrapped = new Error('Failed query: select ... from users', { cause: lost });
    const error = toContractError(wrapped, 'req_1', 'context');
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503, requestId: 'req_1' });
    expect(error.message).toBe('The database is unavailable; try again later');
    expect(error.cause).toBe(wrapped);
  });

  it('still answers INTERNAL for any other wrapped error, with nothing of it in the message', () => {
    const wrapped = new Error('Failed query', { cause: new ContractError('FORBIDDEN', 'secret detail') });
    const error = toContractError(wrapped, 'req_2', 'handler');
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('secret');
  });
});
