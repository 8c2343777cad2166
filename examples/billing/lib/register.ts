// The app's types for the framework: handlers' `ctx.tx` is the unit of work's deferred transaction.
import type { DeferredTransaction } from './db/deferred-unit-of-work.js';

declare module '@lssm/lib.contracts' {
  interface Register {
    transaction: DeferredTransaction;
  }
}
