import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { RuntimeOptions } from '@lssm/lib.contracts';
import type { PoolClient } from 'pg';
import { expectTypeOf, test } from 'vitest';
import type { SqlTransaction } from './driver/types.js';
import type { PostgresRuntime } from './runtime.js';

test('the runtime is a set of ports a SpecRegistry takes as they are', () => {
  expectTypeOf<PostgresRuntime>().toExtend<RuntimeOptions>();
});

test('a transaction narrows to its driver’s own handle', () => {
  const handle = (tx: SqlTransaction) => (tx.kind === 'pg' ? tx.native : tx.native);
  expectTypeOf(handle).returns.toEqualTypeOf<PoolClient | Transaction>();
  expectTypeOf<Extract<SqlTransaction, { kind: 'pglite' }>['native']>().not.toEqualTypeOf<PGlite>();
});
