import type { SqlExecutor } from '../driver/types.js';
import { DEFAULT_SCHEMA, tablesIn } from '../schema/names.js';

/**
 * Consumer-side de-duplication: records that `consumer` handled `eventId`, in the consumer's own
 * transaction. True the first time; false for a redelivery (do nothing then). Delivery is
 * at-least-once, so every consumer with effects should check this.
 * @example await driver.transaction(async (tx) => { if (await claimInboxEvent(tx, 'mailer', event.id)) await send(tx, event); });
 */
export async function claimInboxEvent(
  tx: SqlExecutor,
  consumer: string,
  eventId: string,
  options: { readonly schema?: string } = {},
): Promise<boolean> {
  const t = tablesIn(options.schema ?? DEFAULT_SCHEMA);
  const result = await tx.query(
    `INSERT INTO ${t.inbox} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [consumer, eventId],
  );
  return result.rowCount === 1;
}
