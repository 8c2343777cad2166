import type { Identity } from '@lssm/lib.contracts';

/** True when the context lists `role` (only a real array counts). */
export function hasRole(ctx: Identity, role: string): boolean {
  return Array.isArray(ctx.roles) && ctx.roles.includes(role);
}
