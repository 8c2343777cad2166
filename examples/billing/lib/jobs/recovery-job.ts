// The recovery job: finishes interrupted payments at start-up and every five minutes, as the system
// (all tenants), through the same pipeline as any call (so it is audited like one).
import { execute } from '@lssm/lib.contracts';
import { registry } from '../registry.js';

const EVERY_MS = 5 * 60_000;
const SYSTEM = { actor: 'system', userId: 'system:recovery', roles: ['system', 'admin'] } as const;

/** Runs billing.recoverPayments once; logs what it changed. */
export async function recoverOnce(olderThanSeconds: number): Promise<void> {
  const result = await execute(registry, {
    name: 'billing.recoverPayments',
    input: { olderThanSeconds },
    transport: 'internal',
    context: { ...SYSTEM, roles: [...SYSTEM.roles] },
  });
  if (!result.ok) {
    console.warn(`billing: recovery failed: ${result.error.code} ${result.error.message}`);
    return;
  }
  const report = result.output as {
    examined: number;
    invoices: { invoiceId: string; status: string; changed: boolean }[];
  };
  for (const invoice of report.invoices.filter((i) => i.changed)) {
    console.log(`billing: recovered invoice ${invoice.invoiceId}: now ${invoice.status}`);
  }
}

/** Starts the job (once per process). */
export function startRecoveryJob(): void {
  const holder = globalThis as { __billingRecovery?: NodeJS.Timeout };
  if (holder.__billingRecovery !== undefined) return;
  holder.__billingRecovery = setInterval(() => void recoverOnce(60), EVERY_MS);
  holder.__billingRecovery.unref();
  void recoverOnce(30);
}
