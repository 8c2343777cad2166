import './globals.css';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { pageSession } from '@/lib/pages/session';
import { signOut } from './sign-in/actions';

export const metadata: Metadata = { title: 'Billing — lssm contracts example' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await pageSession();
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#content">
          Skip to content
        </a>
        <header className="site">
          <strong>Billing example</strong>
          <nav aria-label="Main">
            <Link href="/invoices">Invoices</Link>
            {session.role === 'admin' ? <Link href="/audit">Audit trail</Link> : null}
            <a href="/api/ops/docs">API reference</a>
          </nav>
          <div className="who">
            {session.userId === undefined ? (
              <Link href="/sign-in">Sign in</Link>
            ) : (
              <>
                <span>
                  Signed in as <strong data-testid="who">{session.name}</strong> ({session.role},{' '}
                  {session.tenantId})
                </span>
                <form action={signOut} className="inline">
                  <button type="submit" className="secondary">
                    Sign out
                  </button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  );
}
