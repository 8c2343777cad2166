import type { AnyOperationSpec } from '../spec/operation.js';
import { canonicalJson } from './canonical-json.js';
import type { AppContext } from './context.js';
import { ContractError } from './errors.js';
import type { IdempotencyClaim, StoredResponse } from './ports.js';
import type { Runtime } from './runtime.js';

/** Keys are 1-255 visible ASCII characters (what Stripe and the IETF draft allow in practice). */
const KEY = /^[\x21-\x7e]{1,255}$/;
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** The outcome of step 6: nothing to do, a claim to complete later, or a stored response to replay. */
export type IdempotencyStart =
  | { readonly kind: 'none' }
  | { readonly kind: 'claimed'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly claim: IdempotencyClaim; readonly response: StoredResponse };

/**
 * Step 6: for commands that declare idempotency or arrive with a key. Same key + same input replays
 * the first response; same key + other input is CONFLICT; a key still in flight is CONFLICT with a
 * retry delay. Keys are scoped to the operation and the caller, so two users never share one.
 */
export async function startIdempotency(
  runtime: Runtime,
  spec: AnyOperationSpec,
  key: string | undefined,
  rawInput: unknown,
  ctx: AppContext,
  clientKey?: string,
): Promise<IdempotencyStart> {
  if (spec.kind !== 'command') return { kind: 'none' };
  if (key === undefined) {
    if (spec.idempotency?.required === true) {
      throw new ContractError('INVALID_INPUT', 'This operation needs an idempotency key', {
        origin: 'idempotency',
        issues: [{ path: ['idempotencyKey'], code: 'required', message: 'is required' }],
      });
    }
    return { kind: 'none' };
  }
  if (!KEY.test(key)) {
    throw new ContractError('INVALID_INPUT', 'The idempotency key must be 1-255 visible ASCII characters', {
      origin: 'idempotency',
      issues: [
        {
          path: ['idempotencyKey'],
          code: 'invalid_format',
          message: 'must be 1-255 visible ASCII characters',
        },
      ],
    });
  }
  // JSON, not a joined string: ids may hold any character, and `null` (no identity) is never an id.
  // Anonymous callers are told apart by their client key (e.g. IP) when the transport gives one.
  const userId = typeof ctx.userId === 'string' && ctx.userId !== '' ? ctx.userId : null;
  const owner = JSON.stringify([
    typeof ctx.tenantId === 'string' ? ctx.tenantId : null,
    userId,
    ...(userId === null && clientKey !== undefined ? [clientKey] : []),
  ]);
  const claim: IdempotencyClaim = {
    scope: `${spec.meta.name}@${spec.meta.version}:${owner}`,
    key,
    fingerprint: await runtime.hasher.sha256(canonicalJson(rawInput)),
    ttlSeconds: spec.idempotency?.ttlSeconds ?? DEFAULT_TTL_SECONDS,
  };
  const begun = await runtime.idempotency.begin(claim);
  switch (begun.state) {
    case 'started':
      return { kind: 'claimed', claim };
    case 'replay':
      return { kind: 'replay', claim, response: begun.response };
    case 'mismatch':
      throw new ContractError('CONFLICT', 'This idempotency key was used with a different input', {
        origin: 'idempotency',
      });
    case 'in-flight':
      throw new ContractError(
        'CONFLICT',
        'A request with this idempotency key is still in progress; retry later',
        {
          origin: 'idempotency',
          retryAfterSeconds: begun.retryAfterSeconds,
        },
      );
  }
}
