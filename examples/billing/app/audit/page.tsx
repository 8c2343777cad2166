import { redirect } from 'next/navigation';
import { callOperation } from '@/lib/pages/call';
import { formatDate } from '@/lib/pages/format';
import { requireSession } from '@/lib/pages/session';
import type { AuditEntryView } from '@/lib/pages/types';

export default async function AuditPage() {
  const session = await requireSession();
  if (session.role !== 'admin') redirect('/invoices');
  const result = await callOperation<{
    chainIntact: boolean;
    chainLength: number;
    entries: AuditEntryView[];
  }>('billing.listAudit', { limit: 100 });
  if (!result.ok) return <p role="alert">{result.error.message}</p>;
  const { chainIntact, chainLength, entries } = result.output;
  return (
    <>
      <h1>Audit trail</h1>
      <p className={chainIntact ? 'success' : 'error'} data-testid="chain">
        {chainIntact
          ? `Hash chain intact: ${chainLength} records, none altered or missing.`
          : 'The hash chain is broken: a record was altered or removed.'}
      </p>
      <p className="muted">
        Every call, allowed or denied, on every transport (REST, GraphQL, MCP, webhooks, these pages), newest
        first. Inputs are stored as validated: payment methods appear as <code>pm_…</code> ids, never card
        numbers.
      </p>
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Operation</th>
              <th scope="col">Via</th>
              <th scope="col">Outcome</th>
              <th scope="col">Input</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{entry.seq}</td>
                <td className="when">{formatDate(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>
                  {entry.operation}
                  {entry.events === undefined ? null : (
                    <div className="muted">events: {entry.events.join(', ')}</div>
                  )}
                </td>
                <td>{entry.transport}</td>
                <td>
                  {entry.outcome}
                  {entry.errorCode === undefined ? null : <div className="muted">{entry.errorCode}</div>}
                  {entry.decision === undefined ? null : <div className="muted">{entry.decision}</div>}
                </td>
                <td>
                  <code>{entry.input === undefined ? '' : JSON.stringify(entry.input)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
