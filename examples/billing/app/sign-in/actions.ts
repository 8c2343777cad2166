'use server';
// Demo sign-in: pick a seeded user, get a signed session cookie. A real app would check a password
// or an identity provider here; everything after this point is the same.
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE } from '@/lib/auth';
import { signToken } from '@/lib/auth/tokens';
import { users } from '@/lib/db/schema';
import { billingRuntime } from '@/lib/runtime';

/** Signs in as the user named in the form. */
export async function signIn(formData: FormData): Promise<void> {
  const userId = formData.get('userId');
  const { database, secrets, config } = await billingRuntime();
  const [user] =
    typeof userId === 'string' ? await database.db.select().from(users).where(eq(users.id, userId)) : [];
  if (user === undefined) redirect('/sign-in?error=unknown-user');
  const jar = await cookies();
  jar.set(SESSION_COOKIE, await signToken(secrets.sessionSecret, user.id, 'session'), {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: 8 * 3600,
  });
  redirect('/invoices');
}

/** Signs out (forgets the cookie). */
export async function signOut(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/sign-in');
}
