import { randomBytes } from 'node:crypto';

/** A new random id with a type prefix, e.g. `inv_4fJq9...` (unguessable, URL-safe). */
export function newId(prefix: 'inv' | 'pay'): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
