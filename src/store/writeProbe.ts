/**
 * The answer to "does the database take writes?" for /healthz. While no write has failed, yes, at no
 * cost: a load balancer asking every few seconds adds no writes. Once one has, each question writes one row (the same row for every instance, updated in place, so
 * it never grows) and answers by how that went: with no traffic at all (a load balancer that has
 * looked elsewhere sends none) the store still learns that the database is back.
 *
 * The row carries 64 KiB, about what recording one action writes with its indexes. A probe of a few
 * bytes went through on a full disk: SQLite found room for it in the WAL the refused write had left.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { StoreNotWritableError } from './errors.js';
import type { Database } from './schema.js';
import type { WriteHealth } from './writeHealth.js';

const PROBE_ROW = 'health';
/** Random, so that no engine stores it compressed into less: 48 KiB of bytes are 64 KiB of base64. */
const PROBE_BYTES = 48 * 1024;

export function createWriteProbe(db: Kysely<Database>, writes: WriteHealth, now: () => Date): () => Promise<void> {
  // Questions asked together share one probe.
  let probing: Promise<void> | undefined;
  const probe = async (): Promise<void> => {
    const row = { written_at: now().getTime(), payload: randomBytes(PROBE_BYTES).toString('base64') };
    await db
      .insertInto('write_probe')
      .values({ name: PROBE_ROW, ...row })
      .onConflict((oc) => oc.column('name').doUpdateSet(row))
      .execute();
  };
  return async () => {
    if (writes.failing() === undefined) return;
    const failuresBefore = writes.failuresSoFar();
    // Its failure is noted by the write watch like any write's; the answer reads that.
    probing ??= probe()
      .then(() => { writes.probed(failuresBefore); }, () => undefined)
      .finally(() => { probing = undefined; });
    await probing;
    const failure = writes.failing();
    if (failure !== undefined) throw new StoreNotWritableError(failure.since, failure.reason);
  };
}
