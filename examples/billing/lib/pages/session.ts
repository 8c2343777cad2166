// The signed-in user of a page or server action (the session cookie only; bearer tokens are for APIs).
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SESSION_COOKIE, type Session, sessionFromToken } from '@/lib/auth';

/** The session of the current request (userId undefined when signed out). */
export async function pageSession(): Promise<Session> {
  const jar = await cookies();
  return sessionFromToken(jar.get(SESSION_COOKIE)?.value, 'session');
}

/** The session, or a redirect to the sign-in page. */
export async function requireSession(): Promise<Session & { userId: string }> {
  const session = await pageSession();
  if (session.userId === undefined) redirect('/sign-in');
  return { ...session, userId: session.userId };
}
