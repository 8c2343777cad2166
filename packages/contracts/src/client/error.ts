import { ContractError, type ContractErrorOptions } from '../runtime/errors.js';

/** What {@link ContractClientError} adds to the options of a {@link ContractError}. */
export interface ContractClientErrorOptions<D> extends ContractErrorOptions<D> {
  /** The answer's headers; undefined when no answer arrived. */
  readonly headers?: Headers;
  /** The server replayed a stored answer for this idempotency key (`Idempotent-Replayed: true`). */
  readonly replayed?: boolean;
  /** How many requests were sent (1 plus the retries). */
  readonly attempts?: number;
}

/**
 * An error answer as the typed client sees it: a {@link ContractError} (same `code`, `message`,
 * `issues`, `data`, `requestId`; `status` is the HTTP status, 0 when no answer arrived) plus the
 * answer's headers and how many attempts were made. `code` narrows `data` to the declared type.
 * @example if (!result.ok && result.error.code === 'CARD_DECLINED') show(result.error.data.declineCode);
 */
export class ContractClientError<C extends string = string, D = unknown> extends ContractError<C, D> {
  /** The declared data of the code (a spec that declares `data` for a code makes its errors carry it). */
  declare readonly data: D;
  readonly headers: Headers | undefined;
  readonly replayed: boolean;
  readonly attempts: number;

  constructor(code: C, message: string | undefined, options: ContractClientErrorOptions<D> = {}) {
    super(code, message, options);
    this.headers = options.headers;
    this.replayed = options.replayed === true;
    this.attempts = options.attempts ?? 1;
  }
}
