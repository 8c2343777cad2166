import { checkName, checkOwners, checkStability, checkVersion, isIoSchema } from './checks.js';
import { freezeSpec } from './freeze.js';
import type { IoSchema, Stability } from './types.js';

/** What describes an event. */
export interface EventMeta<N extends string = string> {
  /** `domain.camelCase` in the past tense, e.g. `billing.invoicePaid`. */
  readonly name: N;
  readonly version: number;
  readonly description: string;
  readonly owners: readonly string[];
  readonly stability?: Stability;
}

/** A declared event: a name and a payload model. Handlers may emit only the events their spec lists. */
export interface EventSpec<N extends string = string, P extends IoSchema = IoSchema> {
  readonly kind: 'event';
  readonly meta: EventMeta<N>;
  readonly payload: P;
}

/** An event spec of any name and payload. */
export type AnyEventSpec = EventSpec<string, IoSchema>;

/**
 * Declares an event an operation can emit; it is published only after the operation's unit of work
 * commits.
 * @example defineEvent({ meta: { name: 'billing.invoicePaid', version: 1, description: '...', owners: ['team-billing'] }, payload: InvoicePaid })
 */
export function defineEvent<const N extends string, P extends IoSchema>(config: {
  readonly meta: EventMeta<N>;
  readonly payload: P;
}): EventSpec<N, P> {
  const where = `event ${String(config?.meta?.name)}`;
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.meta !== 'object' ||
    config.meta === null
  ) {
    throw new TypeError('defineEvent needs { meta, payload }');
  }
  checkName(where, config.meta.name);
  checkVersion(where, config.meta.version);
  checkOwners(where, config.meta.owners);
  if (config.meta.stability !== undefined) checkStability(where, config.meta.stability);
  if (typeof config.meta.description !== 'string' || config.meta.description.trim() === '') {
    throw new TypeError(`${where}: meta.description is required`);
  }
  if (!isIoSchema(config.payload))
    throw new TypeError(`${where}: payload must be a SchemaModel or a Standard Schema`);
  return freezeSpec({ kind: 'event' as const, meta: config.meta, payload: config.payload });
}
