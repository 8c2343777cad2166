import type { Transport } from '@lssm/lib.contracts';
import type { OpKey, World } from '../world.js';

/** One call as a scenario makes it, whatever the transport. */
export interface Call {
  readonly op: OpKey;
  readonly input: unknown;
  /** The signed-in user (a bearer token), or none. Webhook drivers ignore it: they call as the system. */
  readonly user?: string;
  readonly idempotencyKey?: string;
}

/** What came back, in transport-neutral terms. */
export interface Outcome {
  readonly ok: boolean;
  readonly output?: unknown;
  readonly code?: string;
  readonly message?: string;
  readonly issuePaths?: readonly (readonly (string | number)[])[];
  readonly replayed?: boolean;
  /** The transport told the caller the operation is deprecated (header, schema or tool listing). */
  readonly deprecated?: boolean;
}

/** A transport under test, serving one world on a real listening server. */
export interface Driver {
  readonly transport: Transport;
  /** The operation a key stands for on this transport (webhooks call the system-actor twins). */
  opName(op: OpKey): string;
  call(call: Call): Promise<Outcome>;
  close(): Promise<void>;
}

/** What a driver's start function gets. */
export type StartDriver = (world: World) => Promise<Driver>;
