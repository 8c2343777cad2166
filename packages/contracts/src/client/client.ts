import type { AnyOperationSpec } from '../spec/operation.js';
import { type CallSettings, callOperation } from './call.js';
import { retryPolicy } from './retry.js';
import type { CallOptions, ClientOf, ClientOptions, FetchFn, OperationTree } from './types.js';

function isSpec(value: unknown): value is AnyOperationSpec {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, meta } = value as { kind?: unknown; meta?: { name?: unknown; version?: unknown } };
  return (
    (kind === 'command' || kind === 'query') &&
    typeof meta?.name === 'string' &&
    typeof meta.version === 'number'
  );
}

function rootOf(baseUrl: string, basePath: string): string {
  if (/[?#\s]/.test(basePath))
    throw new TypeError(`basePath must be a plain URL path, got ${JSON.stringify(basePath)}`);
  const path = basePath.replace(/\/+$/, '');
  return `${baseUrl.replace(/\/+$/, '')}${path === '' || path.startsWith('/') ? path : `/${path}`}`;
}

function build(tree: OperationTree, settings: CallSettings, at: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const where = at === '' ? key : `${at}.${key}`;
    // A member named `then` would make the client look like a promise to `await`.
    if (key === 'then') throw new TypeError(`operations.${where}: "then" cannot be a client member`);
    if (isSpec(value)) {
      const caller = (input?: unknown, options?: CallOptions) =>
        callOperation(settings, value, input, options);
      out[key] = Object.assign(caller, { spec: value });
    } else if (typeof value === 'object' && value !== null) {
      out[key] = build(value, settings, where);
    } else {
      throw new TypeError(
        `operations.${where} is neither a spec (defineCommand/defineQuery) nor a group of them`,
      );
    }
  }
  return Object.freeze(out);
}

/**
 * A typed REST client made from the specs alone (no handler, no registry: it runs in browsers).
 * Each spec becomes a function at the same place in `operations`; it takes the spec's input type
 * and resolves to `{ ok: true, output }` or `{ ok: false, error }`, the error narrowed by `code` to
 * the declared domain errors and the framework codes. Commands get an idempotency key per call,
 * kept across automatic retries (network errors, 502/503/504, 409 while the key is in flight).
 * @example
 * const api = createClient({ baseUrl: 'https://shop.example.com', operations: { billing: { capturePayment: CapturePayment } } });
 * const result = await api.billing.capturePayment({ invoiceId: 'inv_1', amount: 10, currency: 'EUR', paymentMethodId: 'pm_1' });
 * if (result.ok) console.log(result.output.transactionId);
 * else if (result.error.code === 'ALREADY_PAID') console.log('nothing to do');
 */
export function createClient<T extends OperationTree>(options: ClientOptions<T>): ClientOf<T> {
  const fetchFn: FetchFn | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetchFn !== 'function') throw new TypeError('no fetch in this runtime: pass options.fetch');
  if (typeof options.operations !== 'object' || options.operations === null)
    throw new TypeError('operations must be an object of specs');
  const settings: CallSettings = {
    root: rootOf(options.baseUrl ?? '', options.basePath ?? '/api/ops'),
    headers: options.headers,
    fetch: fetchFn,
    retry: retryPolicy(options.retry),
  };
  // The tree was walked above with the same keys and values: its shape is ClientOf<T>.
  return build(options.operations, settings, '') as ClientOf<T>;
}

/**
 * The output of a successful call, or throws its error (a `ContractClientError`).
 * @example const payment = unwrap(await api.billing.capturePayment(input));
 */
export function unwrap<O, E>(
  result: { readonly ok: true; readonly output: O } | { readonly ok: false; readonly error: E },
): O {
  if (result.ok) return result.output;
  throw result.error;
}
