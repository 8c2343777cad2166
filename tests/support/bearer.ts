import type { AppContext } from '@lssm/lib.contracts';

/** The test apps' context: `Authorization: Bearer <user>` is that user of tenant acme; anything else is anonymous. */
export function bearerContext(authorization: string | null | undefined): AppContext {
  const match = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(authorization ?? '');
  return match?.[1] === undefined
    ? { actor: 'anonymous' }
    : { actor: 'user', userId: match[1], tenantId: 'acme' };
}
