// lib/auth.ts: who is calling. Pages carry a signed session cookie; API and MCP clients send
// `Authorization: Bearer <token>`. Both are HS256 tokens (./auth/tokens.ts) naming a user, whose
// tenant and role come from the database.
import type { BaseContext } from '@lssm/lib.contracts';
import { eq } from 'drizzle-orm';
import { type TokenKind, verifyToken } from './auth/tokens.js';
import { users } from './db/schema.js';
import { billingRuntime } from './runtime.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'billing_session';

/** Who is calling; `userId` is undefined without a valid token. */
export interface Session {
  readonly userId: string | undefined;
  readonly tenantId: string | undefined;
  readonly role: 'member' | 'admin' | undefined;
  readonly name: string | undefined;
}

const NOBODY: Session = { userId: undefined, tenantId: undefined, role: undefined, name: undefined };

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The session a token stands for (NOBODY when it is invalid, expired or names no user). */
export async function sessionFromToken(token: string | undefined, kind: TokenKind): Promise<Session> {
  if (token === undefined || token === '') return NOBODY;
  const { secrets, database } = await billingRuntime();
  const userId = await verifyToken(secrets.sessionSecret, token, kind);
  if (userId === undefined) return NOBODY;
  const [user] = await database.db.select().from(users).where(eq(users.id, userId));
  if (user === undefined) return NOBODY;
  return { userId: user.id, tenantId: user.tenantId, role: user.role, name: user.name };
}

/** The caller of a request: its bearer token, else its session cookie. */
export async function auth(req: Request): Promise<Session> {
  if (req.headers.get('authorization') !== null) return bearerAuth(req);
  return sessionFromToken(cookieValue(req.headers.get('cookie'), SESSION_COOKIE), 'session');
}

/**
 * The caller of an endpoint for API clients only (MCP): its bearer API token. A page session
 * (the cookie) is a token for another audience and does not count: nobody.
 */
export async function bearerAuth(req: Request): Promise<Session> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  return sessionFromToken(bearer, 'api');
}

/** The framework context of a session: `admin` actor and role for admins. */
export function contextOf(session: Session): BaseContext {
  if (session.userId === undefined) return { actor: 'anonymous' };
  return {
    actor: session.role === 'admin' ? 'admin' : 'user',
    userId: session.userId,
    tenantId: session.tenantId,
    roles: session.role === undefined ? [] : [session.role],
  };
}
