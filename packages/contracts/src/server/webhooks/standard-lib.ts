type StandardWebhooksModule = typeof import('standardwebhooks');
type Signer = InstanceType<StandardWebhooksModule['Webhook']>;

let loading: Promise<StandardWebhooksModule> | undefined;

/** Loads `standardwebhooks` (an optional peer) on first use, so apps that only take Stripe events need not install it. */
function load(): Promise<StandardWebhooksModule> {
  loading ??= import('standardwebhooks').catch((error: unknown) => {
    loading = undefined;
    throw new Error(
      'Standard Webhooks signing needs the "standardwebhooks" package: npm i standardwebhooks',
      {
        cause: error,
      },
    );
  });
  return loading;
}

const signers = new Map<string, Signer>();

/**
 * The Standard Webhooks signature (`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`) computed by
 * the reference library, for one secret (`whsec_` + base64). Signers are kept per secret.
 */
export async function standardSignature(
  secret: string,
  msgId: string,
  at: Date,
  body: string,
): Promise<string> {
  let signer = signers.get(secret);
  if (signer === undefined) {
    const { Webhook } = await load();
    signer = new Webhook(secret);
    if (signers.size >= 1_000) signers.clear();
    signers.set(secret, signer);
  }
  return signer.sign(msgId, at, body);
}
