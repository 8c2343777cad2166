import type { Driver } from '@lssm/lib.postgres';

/** What the sampler saw: on average, how many of the database's sessions were busy and waiting on a lock. */
export interface LockSample {
  readonly active: number;
  readonly waitingOnLock: number;
  readonly samples: number;
}

/**
 * Samples `pg_stat_activity` of the current database every `everyMs` until stopped: how many other
 * sessions run a statement, and how many of those wait for a lock (e.g. the audit chain's head row).
 */
export function sampleLocks(driver: Driver, everyMs = 100): { stop: () => Promise<LockSample> } {
  let active = 0;
  let waiting = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await driver.query<{ active: string; waiting: string }>(
        `SELECT count(*) FILTER (WHERE state = 'active') AS active,
                count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') AS waiting
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      active += Number(rows[0]?.active ?? 0);
      waiting += Number(rows[0]?.waiting ?? 0);
      samples++;
      await new Promise((done) => setTimeout(done, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return {
        active: active / Math.max(1, samples),
        waitingOnLock: waiting / Math.max(1, samples),
        samples,
      };
    },
  };
}
