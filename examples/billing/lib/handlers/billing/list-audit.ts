import type { HandlerContext, InputOf } from '@lssm/lib.contracts';
import { type AuditRow, recordFromRow, tablesIn } from '@lssm/lib.postgres';
import type { JsonValue } from '@lssm/lib.schema';
import { billingRuntime } from '@/lib/runtime';
import type { ListAudit } from '@/lib/specs/billing/list-audit';

/** The tenant's audit records, newest first, with the result of checking the whole hash chain. */
export async function handleListAudit(
  input: InputOf<typeof ListAudit>,
  ctx: HandlerContext<typeof ListAudit>,
) {
  const { database, ports } = await billingRuntime();
  const t = tablesIn(ports.schema);
  const { rows } = await database.driver.query<AuditRow>(
    `SELECT * FROM ${t.auditLog} WHERE tenant_id = $1 ORDER BY seq DESC LIMIT $2`,
    [ctx.tenantId ?? '', input.limit ?? 100],
  );
  const chain = await ports.verifyAudit();
  return {
    chainIntact: chain.ok,
    chainLength: chain.count,
    entries: rows.map((row) => {
      const record = recordFromRow(row);
      return {
        seq: Number(row.seq),
        at: record.startedAt,
        requestId: record.requestId,
        transport: record.transport,
        operation: `${record.operation.name} v${record.operation.version}`,
        actor: `${record.actor.type}${record.actor.userId === undefined ? '' : ` ${record.actor.userId}`}`,
        outcome: record.outcome,
        errorCode: record.errorCode,
        decision:
          record.decision === undefined
            ? undefined
            : `${record.decision.allowed ? 'allow' : 'deny'}: ${record.decision.reason}`,
        input: record.input as JsonValue | undefined, // stored as JSON text, read back with JSON.parse
        events: record.events === undefined ? undefined : [...record.events],
        durationMs: Math.max(0, Math.round(record.durationMs)),
      };
    }),
  };
}
