import type { Tx } from '../../db/data-source';
import { returningRows } from '../../db/sql';

/** What the failures of one key (`user:<name>`, `ip:<address>`) in the window look like, as the database's clock sees them. */
export interface FailureStats {
  key: string;
  count: number;
  /** Seconds since the newest failure. */
  newestAgeSeconds: number;
  /** Seconds since the failure `nth` from the newest (null when there are fewer). */
  nthNewestAgeSeconds: number | null;
}

/**
 * Takes a transaction lock per key (sorted, so two attempts never wait on each other crosswise):
 * the check and the row that follows are one step for every desk, so parallel guesses at one name
 * cannot all pass the count before any is recorded.
 */
export async function lockThrottleKeys(m: Tx, keys: readonly string[]): Promise<void> {
  for (const key of [...keys].sort()) await m.query(`SELECT pg_advisory_xact_lock(hashtext('atalaya:sign-in:' || $1))`, [key]);
}

export async function failureStats(m: Tx, keys: readonly string[], windowSeconds: number, nth: number): Promise<FailureStats[]> {
  const rows: { key: string; n: number; newest_age: number; nth_age: number | null }[] = await m.query(
    `SELECT key, count(*)::int AS n,
            extract(epoch FROM now() - max(at))::float8 AS newest_age,
            extract(epoch FROM now() - (array_agg(at ORDER BY at DESC))[$3])::float8 AS nth_age
       FROM sign_in_failures
      WHERE key = ANY($1::text[]) AND at > now() - make_interval(secs => $2)
      GROUP BY key`,
    [[...keys], windowSeconds, nth],
  );
  return rows.map((r) => ({ key: r.key, count: r.n, newestAgeSeconds: r.newest_age, nthNewestAgeSeconds: r.nth_age }));
}

/** Records an attempt as failed before its password is checked (see `throttle.ts`); the row ids, to take back on success. */
export async function insertFailures(m: Tx, keys: readonly string[]): Promise<string[]> {
  const rows: { id: string }[] = await m.query(`INSERT INTO sign_in_failures (key) SELECT unnest($1::text[]) RETURNING id`, [[...keys]]);
  return rows.map((r) => String(r.id));
}

export async function deleteFailures(m: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length) await m.query(`DELETE FROM sign_in_failures WHERE id = ANY($1::bigint[])`, [[...ids]]);
}

/** A successful sign-in clears the name's counter. */
export async function clearFailures(m: Tx, key: string): Promise<void> {
  await m.query(`DELETE FROM sign_in_failures WHERE key = $1`, [key]);
}

/** Failures older than the window count for nothing: they go. */
export async function pruneFailures(m: Tx, olderThanSeconds: number): Promise<number> {
  const rows = await returningRows<{ id: string }>(
    m,
    `DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => $1) RETURNING id`,
    [olderThanSeconds],
  );
  return rows.length;
}
