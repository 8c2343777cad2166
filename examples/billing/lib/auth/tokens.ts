// Signed tokens (JWS, HS256, with jose): the session cookie for pages and bearer tokens for API and
// MCP clients. They carry only the user id; the user's tenant and role are read from the database
// on every request, so a change there applies at once.
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'lssm-billing';

/** Which kind of token: a browser session cookie or an API bearer token. */
export type TokenKind = 'session' | 'api';

const LIFETIME: Record<TokenKind, string> = { session: '8h', api: '30d' };

/** Signs a token for `userId`. */
export function signToken(secret: Uint8Array, userId: string, kind: TokenKind): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(kind)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(LIFETIME[kind])
    .sign(secret);
}

/** The user id of a valid, unexpired token of that kind, else undefined (never throws). */
export async function verifyToken(
  secret: Uint8Array,
  token: string,
  kind: TokenKind,
): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: kind,
      algorithms: ['HS256'],
    });
    return typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
