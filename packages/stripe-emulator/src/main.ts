import { parseArgs } from 'node:util';
import { startStripeEmulator } from './emulator.js';

/**
 * CLI: starts the emulator and prints its URL.
 * `node --conditions=@lssm/source --import tsx packages/stripe-emulator/src/main.ts --port 12111 --webhook-url http://127.0.0.1:3000/api/stripe/webhook`
 * (env: STRIPE_EMULATOR_PORT, STRIPE_EMULATOR_WEBHOOK_URL, STRIPE_EMULATOR_SECRET_KEY, STRIPE_EMULATOR_WEBHOOK_SECRET).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'secret-key': { type: 'string' },
    },
  });
  const env = process.env;
  const port = Number(values.port ?? env.STRIPE_EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port}`);
  const webhookUrl = values['webhook-url'] ?? env.STRIPE_EMULATOR_WEBHOOK_URL;
  const webhookSecret = values['webhook-secret'] ?? env.STRIPE_EMULATOR_WEBHOOK_SECRET;
  const emulator = await startStripeEmulator({
    port,
    host: values.host ?? '127.0.0.1',
    secretKey: values['secret-key'] ?? env.STRIPE_EMULATOR_SECRET_KEY ?? 'sk_test_emulator',
    ...(webhookUrl === undefined
      ? {}
      : { webhook: { url: webhookUrl, ...(webhookSecret === undefined ? {} : { secret: webhookSecret }) } }),
  });
  console.log(`Stripe emulator listening on ${emulator.url}`);
  console.log(`  secret key:     ${emulator.secretKey}`);
  console.log(
    `  webhook secret: ${emulator.webhookSecret}${webhookUrl === undefined ? ' (no webhook endpoint)' : ` -> ${webhookUrl}`}`,
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
