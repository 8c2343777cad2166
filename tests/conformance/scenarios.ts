// The scenario table every transport runs. A scenario is one or two calls and what must follow:
// the outcome class and error code, whether (and how often) the handler ran, and the audit records.
import type { Call } from './drivers/types.js';
import type { OpKey } from './world.js';

const VALID = { invoiceId: 'inv_open', amount: 4990 };

/** What a transport can show; webhooks call as the system and answer with an acknowledgement only. */
export interface Capabilities {
  /** Calls carry a user's identity (webhooks: always the system actor). */
  readonly users: boolean;
  /** Error answers list the failing fields' paths. */
  readonly issuePaths: boolean;
  /** Successful answers carry the operation's output. */
  readonly output: boolean;
  /** The transport tells callers an operation is deprecated. */
  readonly deprecation: boolean;
  /** A replayed call is audited (webhooks acknowledge a duplicate event before the pipeline). */
  readonly replayAudited: boolean;
  /**
   * Undeclared input keys reach the pipeline (GraphQL's typed input objects refuse them while
   * coercing variables, before any operation runs: INVALID_INPUT, not audited; see tests/graphql).
   */
  readonly unknownKeysReachPipeline: boolean;
}

export interface ExpectedAudit {
  readonly outcome: 'success' | 'denied' | 'error';
  readonly errorCode?: string;
  readonly replayed?: boolean;
  /** The decision names the rule that denied. */
  readonly rule?: boolean;
}

export interface Scenario {
  readonly name: string;
  /** Applies only where the transport has this capability. */
  readonly needs?: keyof Capabilities;
  readonly calls: readonly Call[];
  readonly ok: boolean;
  readonly code?: string;
  readonly paths?: readonly (readonly string[])[];
  readonly op: OpKey;
  /** How many times the handler ran in all. */
  readonly runs: number;
  readonly audit: (caps: Capabilities) => readonly ExpectedAudit[];
  readonly replayed?: boolean;
  readonly deprecated?: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'success',
    calls: [{ op: 'capture', user: 'alice', input: VALID }],
    op: 'capture',
    ok: true,
    runs: 1,
    audit: () => [{ outcome: 'success' }],
  },
  {
    name: 'invalid input',
    calls: [{ op: 'capture', user: 'alice', input: { invoiceId: '', amount: -5 } }],
    op: 'capture',
    ok: false,
    code: 'INVALID_INPUT',
    paths: [['invoiceId'], ['amount']],
    runs: 0,
    audit: () => [{ outcome: 'error', errorCode: 'INVALID_INPUT' }],
  },
  {
    name: 'undeclared input keys',
    needs: 'unknownKeysReachPipeline',
    calls: [{ op: 'capture', user: 'alice', input: { ...VALID, isAdmin: true } }],
    op: 'capture',
    ok: false,
    code: 'INVALID_INPUT',
    paths: [['isAdmin']],
    runs: 0,
    audit: () => [{ outcome: 'error', errorCode: 'INVALID_INPUT' }],
  },
  {
    name: 'unauthenticated',
    needs: 'users',
    calls: [{ op: 'capture', input: VALID }],
    op: 'capture',
    ok: false,
    code: 'UNAUTHENTICATED',
    runs: 0,
    audit: () => [{ outcome: 'denied', errorCode: 'UNAUTHENTICATED' }],
  },
  {
    name: 'forbidden non-owner',
    needs: 'users',
    calls: [{ op: 'capture', user: 'bob', input: VALID }],
    op: 'capture',
    ok: false,
    code: 'FORBIDDEN',
    runs: 0,
    audit: () => [{ outcome: 'denied', errorCode: 'FORBIDDEN', rule: true }],
  },
  {
    name: 'declared domain error',
    calls: [{ op: 'capture', user: 'alice', input: { invoiceId: 'inv_paid', amount: 100 } }],
    op: 'capture',
    ok: false,
    code: 'ALREADY_PAID',
    runs: 1,
    audit: () => [{ outcome: 'error', errorCode: 'ALREADY_PAID' }],
  },
  {
    name: 'idempotent replay',
    calls: [
      { op: 'capture', user: 'alice', input: VALID, idempotencyKey: 'conformance-key-1' },
      { op: 'capture', user: 'alice', input: VALID, idempotencyKey: 'conformance-key-1' },
    ],
    op: 'capture',
    ok: true,
    replayed: true,
    runs: 1,
    audit: (caps) =>
      caps.replayAudited
        ? [{ outcome: 'success' }, { outcome: 'success', replayed: true }]
        : [{ outcome: 'success' }],
  },
  {
    name: 'unknown throw (nothing leaks)',
    calls: [{ op: 'explode', user: 'alice', input: { note: 'boom' } }],
    op: 'explode',
    ok: false,
    code: 'INTERNAL',
    runs: 1,
    audit: () => [{ outcome: 'error', errorCode: 'INTERNAL' }],
  },
  {
    name: 'deprecated op (served, and marked)',
    needs: 'deprecation',
    calls: [{ op: 'legacy', user: 'alice', input: { note: 'still here' } }],
    op: 'legacy',
    ok: true,
    deprecated: true,
    runs: 1,
    audit: () => [{ outcome: 'success' }],
  },
];
