// The seams the fault suite fails the app at: a probe counting every step of a call, the app's
// database driver and the Stripe SDK's HTTP client traced so each step can throw, hang or exit.
import type { Driver, SqlTransaction } from '@lssm/lib.postgres';
import Stripe from 'stripe';

/** How a fault point fails: an exception, a step slower than the timeout, or the process dying. */
export type FaultKind = 'throw' | 'hang' | 'exit';

/** Timeouts of the app under test (the app's own: 30 s for handlers, 20 s per Stripe request). */
export interface Timeouts {
  /** The pipeline's handler timeout. */
  readonly handlerMs: number;
  /** The Stripe SDK's timeout per request (it tries up to 3 times). */
  readonly stripeMs: number;
}

/** Short enough for many runs; a hung Stripe request (one try) ends before the handler's timeout. */
export const DEFAULT_TIMEOUTS: Timeouts = { handlerMs: 1_500, stripeMs: 800 };

/** How long a hung database step is held: past the handler timeout. */
let hangMs = DEFAULT_TIMEOUTS.handlerMs + 300;

/** Sets how long a hung database step is held (past the app's handler timeout). */
export function holdDatabaseFor(ms: number): void {
  hangMs = ms;
}

/** Counts the steps of the calls under test, records them, and fails the armed one. */
class FaultProbe {
  #steps: string[] = [];
  #armed: { at: number; kind: FaultKind | (() => Promise<void>) } | undefined;
  #hit: string | undefined;

  /**
   * Starts counting (and recording) steps; the `at`-th (1-based) fails with `kind`, or runs `kind`
   * first when it is a function (to break something else at that moment).
   */
  arm(at = 0, kind: FaultKind | (() => Promise<void>) = 'throw'): void {
    this.#steps = [];
    this.#hit = undefined;
    this.#armed = { at, kind };
  }

  /** Stops counting; answers the steps seen and the one that failed. */
  disarm(): { steps: readonly string[]; hit: string | undefined } {
    this.#armed = undefined;
    return { steps: this.#steps, hit: this.#hit };
  }

  /** Called before each step; fails it when it is the armed one. `hang` is how that kind fails here. */
  async step(name: string, hang: () => Promise<never | undefined>): Promise<void> {
    const armed = this.#armed;
    if (armed === undefined) return;
    this.#steps.push(name);
    if (this.#steps.length !== armed.at) return;
    if (typeof armed.kind === 'function') return armed.kind();
    this.#hit = `${armed.kind} at ${this.#steps.length}: ${name}`;
    if (armed.kind === 'exit') {
      console.log(`FAULT ${this.#hit}`);
      process.exit(70);
    }
    if (armed.kind === 'throw') throw new Error(`injected fault before ${name}`);
    await hang();
  }
}

/** The probe of this process. */
export const faults = new FaultProbe();

const holdDatabase = () => new Promise<undefined>((resolve) => setTimeout(resolve, hangMs));

function describeSql(statement: unknown): string {
  const text = typeof statement === 'string' ? statement : (statement as { text?: string })?.text;
  return `sql ${String(text ?? '?')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)}`;
}

/** `native` with its `query` traced (Drizzle runs the app's statements through it). */
function tracedNative<T extends object>(native: T): T {
  return new Proxy(native, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'query') return value.bind(target);
      return async (...args: unknown[]) => {
        await faults.step(describeSql(args[0]), holdDatabase);
        return value.apply(target, args);
      };
    },
  });
}

function tracedTransaction(tx: SqlTransaction): SqlTransaction {
  const query: SqlTransaction['query'] = async (text, params) => {
    await faults.step(describeSql(text), holdDatabase);
    return tx.query(text, params);
  };
  // The same kind of transaction with its native client traced; Drizzle only calls its `query`.
  return { kind: tx.kind, native: tracedNative(tx.native), query, exec: (s) => tx.exec(s) } as SqlTransaction;
}

/** `driver` with every statement and transaction boundary a step. */
export function tracedDriver(driver: Driver): Driver {
  return {
    kind: driver.kind,
    async query(text, params) {
      await faults.step(describeSql(text), holdDatabase);
      return driver.query(text, params);
    },
    exec: (script) => driver.exec(script),
    async transaction(work) {
      await faults.step('tx begin', holdDatabase);
      const result = await driver.transaction(async (tx) => {
        const value = await work(tracedTransaction(tx));
        await faults.step('tx commit', holdDatabase);
        return value;
      });
      await faults.step('tx committed', holdDatabase);
      return result;
    },
    close: () => driver.close(),
  };
}

/** The SDK's Node HTTP client with each request and each answer a step; a hang ends as the SDK's timeout. */
export class TracedHttpClient extends Stripe.HttpClient {
  readonly #inner = Stripe.createNodeHttpClient();

  override getClientName(): string {
    return 'traced-node';
  }

  override async makeRequest(...args: Parameters<Stripe.HttpClient['makeRequest']>) {
    const [, , path, method, , , , timeout] = args;
    const timedOut = async (): Promise<never> => {
      await new Promise((resolve) => setTimeout(resolve, timeout));
      throw Stripe.HttpClient.makeTimeoutError();
    };
    const route = `${method} ${path.split('?')[0]?.replace(/\/(pi|ch)_\w+/, '/:id')}`;
    await faults.step(`stripe ${route} send`, timedOut);
    const response = await this.#inner.makeRequest(...args);
    await faults.step(`stripe ${route} answered ${response.getStatusCode()}`, timedOut);
    return response;
  }
}
