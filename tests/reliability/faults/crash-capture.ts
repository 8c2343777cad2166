// The "process exit" fault: a child process (node + tsx, the app from source) opens the billing
// app on the test's PostgreSQL database and Stripe emulator, captures one invoice, and exits at the
// armed step (process.exit inside the fault probe). The parent then plays the restarted server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FaultsApp } from './app.js';
import type { Answer } from './calls.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const BILLING_TSCONFIG = fileURLToPath(new URL('../../../examples/billing/tsconfig.json', import.meta.url));

/** What the crashed child said: the fault it died at, and the answer it got (none if it died). */
export interface Crash {
  readonly fault: string;
  readonly answer: Answer;
  readonly code: number | null;
}

/** Runs one capture in a child process that exits at step `at`. */
export async function crashCapture(
  app: FaultsApp,
  run: { readonly at: number; readonly invoiceId: string; readonly key: string },
): Promise<Crash> {
  const dataDir = mkdtempSync(join(tmpdir(), 'billing-crash-'));
  const child = spawn(process.execPath, ['--conditions=@lssm/source', '--import', 'tsx', THIS_FILE], {
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: BILLING_TSCONFIG,
      FAULTS_CHILD: '1',
      FAULT_AT: String(run.at),
      INVOICE_ID: run.invoiceId,
      IDEMPOTENCY_KEY: run.key,
      CHILD_DATABASE_URL: app.databaseUrl ?? '',
      CHILD_DATA_DIR: dataDir,
      CHILD_STRIPE: JSON.stringify({
        url: app.emulator.url,
        secretKey: app.emulator.secretKey,
        webhookSecret: app.emulator.webhookSecret,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let fault = '';
  let answer: Answer = { status: 0, text: '(the process died)', body: {} };
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('FAULT ')) fault = line.slice('FAULT '.length);
    if (line.startsWith('ANSWER ')) answer = JSON.parse(line.slice('ANSWER '.length)) as Answer;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  if (fault === '' && code !== 0) throw new Error(`the child failed (${code}): ${stderr}`);
  return { fault, answer, code };
}

async function childMain(): Promise<void> {
  const { openBillingApp } = await import('./app.js');
  const { capture } = await import('./calls.js');
  const { faults } = await import('./seams.js');
  const runtime = await openBillingApp({
    stripe: JSON.parse(process.env.CHILD_STRIPE ?? '{}'),
    databaseUrl: process.env.CHILD_DATABASE_URL,
    dataDir: process.env.CHILD_DATA_DIR ?? '',
    // Generous: this process must reach its fault point even on a loaded machine.
    timeouts: { handlerMs: 15_000, stripeMs: 4_000 },
  });
  faults.arm(Number(process.env.FAULT_AT), 'exit');
  const answer = await capture(process.env.INVOICE_ID ?? '', process.env.IDEMPOTENCY_KEY ?? '');
  faults.disarm();
  console.log(`ANSWER ${JSON.stringify(answer)}`);
  await runtime.close();
}

if (process.env.FAULTS_CHILD === '1') await childMain();
