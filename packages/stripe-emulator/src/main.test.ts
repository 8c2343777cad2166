import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[], env: Record<string, string>): Promise<string> {
  child = spawn(
    process.execPath,
    ['--conditions=@lssm/source', '--import', 'tsx', 'packages/stripe-emulator/src/main.ts', ...args],
    { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((done, fail) => {
    let out = '';
    child?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url !== undefined) done(url);
    });
    child?.once('exit', (code) => fail(new Error(`CLI exited with ${code}: ${out}`)));
  });
}

describe('the CLI', () => {
  it('starts on the port from the environment, serves the SDK and stops on SIGTERM', async () => {
    const url = await startCli(['--secret-key', 'sk_test_cli'], { STRIPE_EMULATOR_PORT: '0' });
    const { port } = new URL(url);
    expect(Number(port)).toBeGreaterThan(0);
    const stripe = new Stripe('sk_test_cli', { host: '127.0.0.1', port, protocol: 'http' });
    const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
    expect(intent.status).toBe('requires_payment_method');
    child?.kill('SIGTERM');
    const [code] = await once(child as ChildProcess, 'exit');
    expect(code).toBe(0);
  }, 30_000);

  it('refuses an invalid port', async () => {
    await expect(startCli(['--port', 'abc'], {})).rejects.toThrow(/exited with 1/);
  }, 30_000);
});
