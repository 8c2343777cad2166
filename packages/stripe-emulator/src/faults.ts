/**
 * One injected fault. It applies to requests matching `path` (and `method`), `times` times
 * (default 1; `Infinity` for all), in the order faults were injected.
 */
export interface FaultSpec {
  /** An exact path, a pattern whose `*` segments match any one segment, or a RegExp. Default: any path. */
  path?: string | RegExp;
  /** HTTP method to match (`'POST'`). Default: any. */
  method?: string;
  /** Hold the request this long before handling it (the idempotency key stays locked meanwhile). */
  delayMs?: number;
  /** Answer this status (an `api_error`) instead of handling the request. */
  status?: number;
  /**
   * The `Stripe-Should-Retry` header sent with `status`. `false` also means the error counts as a
   * result (execution began): a replay with the same idempotency key gets it again, as at Stripe.
   */
  shouldRetry?: boolean;
  /** Handle the request, then never answer (`'hang'`, the client times out) or drop the socket (`'close'`). */
  afterProcessing?: 'hang' | 'close';
  /** How many matching requests this fault applies to. Default 1. */
  times?: number;
}

/** A handle on an injected fault. */
export interface FaultHandle {
  /** How many more requests it applies to. */
  remaining(): number;
  /** Removes it. */
  cancel(): void;
}

/** Fault injection on the emulator: delays, 5xx answers, answers lost after processing. */
export interface FaultControls {
  /**
   * Adds a fault.
   * @example emu.faults.inject({ path: '/v1/payment_intents', method: 'POST', status: 500, shouldRetry: true });
   */
  inject(fault: FaultSpec): FaultHandle;
  /** Removes every fault. */
  clear(): void;
  /** The faults still active, in order. */
  active(): readonly FaultSpec[];
}

interface ActiveFault {
  spec: FaultSpec;
  left: number;
}

function patternMatches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  if (!pattern.includes('*')) return pattern === path;
  const expected = pattern.split('/');
  const actual = path.split('/');
  return expected.length === actual.length && expected.every((part, i) => part === '*' || part === actual[i]);
}

/** The emulator's fault table: `take` consumes one use of the first fault matching a request. */
export class FaultTable implements FaultControls {
  private faults: ActiveFault[] = [];

  inject(fault: FaultSpec): FaultHandle {
    const entry: ActiveFault = { spec: { ...fault }, left: fault.times ?? 1 };
    this.faults.push(entry);
    return {
      remaining: () => entry.left,
      cancel: () => {
        entry.left = 0;
        this.prune();
      },
    };
  }

  clear(): void {
    for (const fault of this.faults) fault.left = 0;
    this.faults = [];
  }

  active(): readonly FaultSpec[] {
    return this.faults.map((fault) => ({ ...fault.spec }));
  }

  /** The first fault matching `method path`, with one use consumed; undefined when none. */
  take(method: string, path: string): FaultSpec | undefined {
    const found = this.faults.find(
      (fault) =>
        fault.left > 0 &&
        patternMatches(fault.spec.path, path) &&
        (fault.spec.method === undefined || fault.spec.method.toUpperCase() === method),
    );
    if (found === undefined) return undefined;
    found.left -= 1;
    this.prune();
    return found.spec;
  }

  private prune(): void {
    this.faults = this.faults.filter((fault) => fault.left > 0);
  }
}
