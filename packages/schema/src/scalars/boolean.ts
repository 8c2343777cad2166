import { fail } from '../issues.js';
import { ScalarType } from '../scalar-type.js';

/** `true` or `false`; strings such as `"true"` are rejected. */
export function booleanType(options?: { readonly description?: string }): ScalarType<boolean> {
  return new ScalarType<boolean>({
    name: 'Boolean',
    description: options?.description,
    jsonSchema:
      options?.description === undefined
        ? { type: 'boolean' }
        : { type: 'boolean', description: options.description },
    check: (value) =>
      typeof value === 'boolean' ? undefined : fail('invalid_type', 'must be true or false'),
    emitFastCheck: (v) => `typeof ${v} === 'boolean'`,
  });
}
