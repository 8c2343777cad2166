import type { Decision } from '../policy/types.js';
import type { Transport } from '../spec/types.js';

/** Facts about a call as it starts. */
export interface CallStarted {
  readonly requestId: string;
  readonly transport: Transport;
  readonly name: string;
  readonly version?: number;
}

/** How a call ended. `cause` is the original thrown value for logs; it never reaches clients. */
export interface CallEnded {
  readonly ok: boolean;
  readonly errorCode?: string;
  readonly durationMs: number;
  readonly replayed: boolean;
  readonly cause?: unknown;
}

/** Observability hooks around each call. Exceptions thrown by hooks are swallowed. */
export interface ExecutionHooks {
  onStart?(call: CallStarted): void;
  onDecision?(call: CallStarted, decision: Decision): void;
  onEnd?(call: CallStarted, ended: CallEnded): void;
}

/** Calls one hook, ignoring what it throws (observability must never break a call). */
export function callHook<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  if (hook === undefined) return;
  try {
    hook(...args);
  } catch {
    // Hooks are best effort.
  }
}
