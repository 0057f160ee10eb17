import type { Db } from '../../db/data-source';

/** One round trip to the database, in milliseconds (one decimal). Rejects when it cannot be reached. */
export async function databaseLatency(ds: Db): Promise<number> {
  const t0 = performance.now();
  await ds.query('SELECT 1');
  return Math.round((performance.now() - t0) * 10) / 10;
}
