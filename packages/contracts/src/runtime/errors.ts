import type { Issue } from '@lssm/lib.schema';

/** The framework's error codes. Operations add their own declared domain codes on top. */
export type FrameworkErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

/** How one error code travels on each transport. */
export interface ErrorMapping {
  readonly http: number;
  /** JSON-RPC error code (standard codes where they fit, -32000..-32099 otherwise). */
  readonly jsonRpc: number;
  /** MCP: `tool` = a tool result with `isError` (the agent can react); `protocol` = a JSON-RPC error. */
  readonly mcp: 'tool' | 'protocol';
  /** The message clients see when the error carries none of its own. */
  readonly message: string;
}

/** The one exhaustive table: every framework code on every transport. */
export const ERROR_TABLE: { readonly [C in FrameworkErrorCode]: ErrorMapping } = Object.freeze({
  INVALID_INPUT: { http: 400, jsonRpc: -32602, mcp: 'tool', message: 'The input is invalid' },
  UNAUTHENTICATED: { http: 401, jsonRpc: -32001, mcp: 'tool', message: 'Authentication is required' },
  FORBIDDEN: { http: 403, jsonRpc: -32003, mcp: 'tool', message: 'You are not allowed to do this' },
  NOT_FOUND: { http: 404, jsonRpc: -32004, mcp: 'tool', message: 'Not found' },
  METHOD_NOT_ALLOWED: { http: 405, jsonRpc: -32005, mcp: 'protocol', message: 'Method not allowed' },
  CONFLICT: { http: 409, jsonRpc: -32009, mcp: 'tool', message: 'Conflict' },
  PAYLOAD_TOO_LARGE: {
    http: 413,
    jsonRpc: -32013,
    mcp: 'protocol',
    message: 'The request body is too large',
  },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, jsonRpc: -32015, mcp: 'protocol', message: 'Send application/json' },
  RATE_LIMITED: { http: 429, jsonRpc: -32029, mcp: 'tool', message: 'Too many requests' },
  INTERNAL: { http: 500, jsonRpc: -32603, mcp: 'tool', message: 'Internal error' },
  UNAVAILABLE: { http: 503, jsonRpc: -32053, mcp: 'tool', message: 'Service unavailable, try again later' },
});

/** The framework codes, for reserved-name checks. */
export const FRAMEWORK_ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_TABLE));

/** True when `code` is a framework code. */
export function isFrameworkCode(code: string): code is FrameworkErrorCode {
  return FRAMEWORK_ERROR_CODES.has(code);
}

/** Where in the pipeline an error arose; transports use it (e.g. MCP treats `resolve` as a protocol fault). */
export type ErrorOrigin =
  | 'transport'
  | 'resolve'
  | 'context'
  | 'auth'
  | 'validation'
  | 'policy'
  | 'rate-limit'
  | 'idempotency'
  | 'handler'
  | 'output'
  | 'server';

/** Options of {@link ContractError}. */
export interface ContractErrorOptions<D> {
  /** HTTP status; framework codes take theirs from {@link ERROR_TABLE}, domain codes from the spec. */
  readonly status?: number;
  readonly data?: D;
  readonly issues?: readonly Issue[];
  readonly retryAfterSeconds?: number;
  readonly requestId?: string;
  readonly origin?: ErrorOrigin;
  readonly cause?: unknown;
  /** Capture a stack trace (off by default: ContractErrors are answers; see `cause` for failures). */
  readonly stack?: boolean;
}

/**
 * The one error type: a stable `code`, a message safe to show, optional validation `issues` and
 * typed `data`. Throw it from handlers for declared domain errors.
 * @example throw new ContractError('ALREADY_PAID', 'This invoice is already paid', { data: { invoiceId } });
 */
export class ContractError<C extends string = string, D = unknown> extends Error {
  override readonly name = 'ContractError';
  readonly code: C;
  readonly status: number;
  readonly data: D | undefined;
  readonly issues: readonly Issue[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly requestId: string | undefined;
  readonly origin: ErrorOrigin | undefined;

  constructor(code: C, message?: string, options: ContractErrorOptions<D> = {}) {
    const mapping = isFrameworkCode(code) ? ERROR_TABLE[code] : undefined;
    // An answer, not a crash: no stack trace unless asked for. Capturing one costs more than the
    // rest of a rejected call, and a failure's own stack stays on `cause`.
    const limit = Error.stackTraceLimit;
    if (options.stack !== true) Error.stackTraceLimit = 0;
    try {
      super(
        message ?? mapping?.message ?? code,
        options.cause === undefined ? undefined : { cause: options.cause },
      );
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.code = code;
    this.status = options.status ?? mapping?.http ?? 500;
    this.data = options.data;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.requestId = options.requestId;
    this.origin = options.origin;
  }

  /** True for any ContractError, even one from another copy of this package. */
  static is(value: unknown): value is ContractError {
    return (
      value instanceof ContractError ||
      (value instanceof Error && value.name === 'ContractError' && 'code' in value && 'status' in value)
    );
  }

  /** The wire form every transport sends: `{ code, message, issues?, data?, requestId? }`. */
  toJSON(): { code: C; message: string; issues?: readonly Issue[]; data?: D; requestId?: string } {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues === undefined ? {} : { issues: this.issues }),
      ...(this.data === undefined ? {} : { data: this.data }),
      ...(this.requestId === undefined ? {} : { requestId: this.requestId }),
    };
  }

  /** A copy of this error carrying `requestId` (and origin if it had none). */
  withRequest(requestId: string, origin?: ErrorOrigin): ContractError<C, D> {
    return new ContractError(this.code, this.message, {
      status: this.status,
      data: this.data,
      issues: this.issues,
      retryAfterSeconds: this.retryAfterSeconds,
      requestId,
      origin: this.origin ?? origin,
      cause: this.cause,
    });
  }
}

/** The mapping for any code: framework codes from the table, domain codes as `tool` results with their status. */
export function errorMapping(error: ContractError): ErrorMapping {
  if (isFrameworkCode(error.code)) return ERROR_TABLE[error.code];
  return { http: error.status, jsonRpc: -32000, mcp: 'tool', message: error.message };
}
