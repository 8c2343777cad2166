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

/** Calls a one-argument hook, ignoring what it throws (observability must never break a call). */
export function callHook<A>(hook: ((a: A) => void) | undefined, a: A): void {
  if (hook === undefined) return;
  try {
    hook(a);
  } catch {
    // Hooks are best effort.
  }
}

/** Calls a two-argument hook, ignoring what it throws. */
export function callHook2<A, B>(hook: ((a: A, b: B) => void) | undefined, a: A, b: B): void {
  if (hook === undefined) return;
  try {
    hook(a, b);
  } catch {
    // Hooks are best effort.
  }
}
