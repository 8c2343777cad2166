// What the server does at start-up: open (migrate, seed) the database before the first request,
// then start the job that finishes interrupted payments. Skipped while `next build` runs.
import { billingRuntime } from '../runtime.js';
import { startRecoveryJob } from './recovery-job.js';

/** Opens the runtime and starts the recovery job (once per process). */
export async function startBilling(): Promise<void> {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const runtime = await billingRuntime();
  console.log(`billing: database ready (${runtime.database.kind}: ${runtime.database.location})`);
  startRecoveryJob();
}
