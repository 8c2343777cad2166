import type { AnyEventSpec } from '../spec/event.js';
import type { AnyOperationSpec } from '../spec/operation.js';
import { randomId } from './digest.js';
import { ContractError } from './errors.js';
import type { PendingEvent } from './handler-context.js';
import { encodeOutput } from './io.js';
import type { OutboxEvent } from './ports.js';

/**
 * Checks the events a handler emitted against their declared payloads and gives them ids. A payload
 * that breaks its contract is a server fault: the unit of work rolls back and nothing is published.
 */
export async function prepareEvents(
  spec: AnyOperationSpec,
  pending: readonly PendingEvent[],
  facts: { readonly requestId: string; readonly tenantId: string | undefined; readonly now: Date },
): Promise<OutboxEvent[]> {
  const out: OutboxEvent[] = [];
  for (const event of pending) {
    const declared = (spec.events ?? []).find((e: AnyEventSpec) => e.meta.name === event.name);
    if (declared === undefined) continue;
    const encoded = await encodeOutput(declared.payload, event.payload);
    if (!encoded.ok) {
      throw new ContractError('INTERNAL', undefined, {
        origin: 'output',
        cause: new Error(
          `event ${event.name}: ${encoded.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
        ),
      });
    }
    const published: { -readonly [K in keyof OutboxEvent]: OutboxEvent[K] } = {
      id: randomId(),
      name: declared.meta.name,
      version: declared.meta.version,
      payload: encoded.value,
      occurredAt: facts.now.toISOString(),
      requestId: facts.requestId,
    };
    if (facts.tenantId !== undefined) published.tenantId = facts.tenantId;
    out.push(published);
  }
  return out;
}
