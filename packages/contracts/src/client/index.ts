export { createClient, unwrap } from './client.js';
export { ContractClientError, type ContractClientErrorOptions } from './error.js';
export { newIdempotencyKey } from './idempotency-key.js';
export type { RetryOptions } from './retry.js';
export type {
  CallFailure,
  CallOptions,
  CallResult,
  CallSuccess,
  ClientErrorOf,
  ClientInput,
  ClientOf,
  ClientOptions,
  ClientOutput,
  FetchFn,
  HeadersSource,
  OperationCaller,
  OperationTree,
} from './types.js';
