import { finishAuthentication } from './authentication';

/** "Authentication required": the emulator's stand-in for the bank's 3-D Secure page. */
export function AuthenticationPanel({ invoiceId, emulated }: { invoiceId: string; emulated: boolean }) {
  return (
    <section className="panel warn" aria-labelledby="auth-title" data-testid="authentication-required">
      <h2 id="auth-title">Authentication required</h2>
      <p>
        Your bank asks you to confirm this payment (3-D Secure). The invoice stays in payment until you do.
      </p>
      {emulated ? (
        <>
          <form action={finishAuthentication} className="inline">
            <input type="hidden" name="invoiceId" value={invoiceId} />
            <input type="hidden" name="outcome" value="succeed" />
            <button type="submit" data-testid="complete-authentication">
              Complete authentication
            </button>
          </form>{' '}
          <form action={finishAuthentication} className="inline">
            <input type="hidden" name="invoiceId" value={invoiceId} />
            <input type="hidden" name="outcome" value="fail" />
            <button type="submit" className="secondary">
              Fail authentication
            </button>
          </form>
          <p className="muted">
            These buttons play the customer at the bank (the emulator&apos;s test helper). Stripe then sends a
            signed webhook, which marks the invoice paid.
          </p>
        </>
      ) : (
        <p className="muted">With real Stripe keys, Stripe.js shows your bank&apos;s page here.</p>
      )}
    </section>
  );
}
