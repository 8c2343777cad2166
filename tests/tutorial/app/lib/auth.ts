// Sessions for the tutorial fixture (written by us): bearer tokens issued by `signIn`. `auth`
// returns `userId: undefined` when there is no valid session, as the tutorial's route expects.
import { randomBytes } from 'node:crypto';

interface Session {
  userId: string | undefined;
  tenantId: string | undefined;
}

const sessions = new Map<string, { userId: string; tenantId: string }>();

/** Issues a bearer token for a user. */
export function signIn(userId: string, tenantId: string): string {
  const token = randomBytes(24).toString('base64url');
  sessions.set(token, { userId, tenantId });
  return token;
}

export async function auth(req: Request): Promise<Session> {
  const header = req.headers.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  const session = sessions.get(token);
  return { userId: session?.userId, tenantId: session?.tenantId };
}
