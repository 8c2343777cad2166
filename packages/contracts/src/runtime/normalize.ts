import type { AnyOperationSpec } from '../spec/operation.js';
import { ContractError, type ErrorOrigin, isFrameworkCode } from './errors.js';

/**
 * The one place thrown values become {@link ContractError}s. Framework codes and the spec's
 * declared domain codes pass through (with the declared status); anything else becomes INTERNAL
 * with a generic message, keeping the original only as `cause` for logs.
 */
export function toContractError(
  thrown: unknown,
  requestId: string,
  origin: ErrorOrigin,
  spec?: AnyOperationSpec,
): ContractError {
  if (ContractError.is(thrown)) {
    if (isFrameworkCode(thrown.code)) {
      // Rebuilt rather than `thrown.withRequest(...)`: a look-alike from elsewhere may lack it.
      // INTERNAL never carries the thrower's message or details to the client.
      const internal = thrown.code === 'INTERNAL';
      return new ContractError(thrown.code, internal ? undefined : thrown.message, {
        status: typeof thrown.status === 'number' ? thrown.status : undefined,
        data: internal ? undefined : thrown.data,
        issues: internal ? undefined : thrown.issues,
        retryAfterSeconds: thrown.retryAfterSeconds,
        requestId,
        origin: thrown.origin ?? origin,
        cause: internal && thrown.cause === undefined ? thrown : thrown.cause,
      });
    }
    const errors = spec?.io.errors;
    const declared =
      errors !== undefined && typeof thrown.code === 'string' && Object.hasOwn(errors, thrown.code)
        ? errors[thrown.code]
        : undefined;
    if (declared !== undefined) {
      const schema = declared.data as
        | { kind?: unknown; encode?: (v: unknown) => { ok: boolean; value?: unknown } }
        | undefined;
      let data = thrown.data;
      if (schema?.kind === 'model' && typeof schema.encode === 'function') {
        const encoded = schema.encode(data);
        if (!encoded.ok)
          return new ContractError('INTERNAL', undefined, { requestId, origin: 'output', cause: thrown });
        data = encoded.value;
      }
      return new ContractError(thrown.code, thrown.message, {
        status: declared.status,
        data,
        requestId,
        origin: thrown.origin ?? origin,
      });
    }
  }
  // A library's wrapper around "try again later" (an ORM's query error around a lost database)
  // stays "try again later".
  const unavailable = unavailableCause(thrown);
  if (unavailable !== undefined) {
    return new ContractError('UNAVAILABLE', unavailable.message, {
      retryAfterSeconds: unavailable.retryAfterSeconds,
      requestId,
      origin,
      cause: thrown,
    });
  }
  return new ContractError('INTERNAL', undefined, { requestId, origin: 'server', cause: thrown });
}

/** An UNAVAILABLE ContractError among the first few `cause`s of `thrown`. */
function unavailableCause(thrown: unknown): ContractError | undefined {
  let cause = thrown instanceof Error ? thrown.cause : undefined;
  for (let depth = 0; depth < 4 && cause !== undefined; depth++) {
    if (ContractError.is(cause) && cause.code === 'UNAVAILABLE') return cause;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return undefined;
}
