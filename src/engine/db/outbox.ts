import pg from 'pg';
import type { PgClientClass } from './pg-client';

/** A place in the event outbox: the writing transaction (xid8) and the row id (bigint), both as text. */
export interface OutboxPosition {
  tx: string;
  id: string;
}

export interface OutboxRow extends OutboxPosition {
  payload: unknown;
}

/** Reads the event outbox (`engine_events`) on a connection of its own. */
export interface OutboxReader {
  /** Where a relay starting now begins: rows committed before now are behind it, every later one after it. */
  head(): Promise<OutboxPosition>;
  /**
   * Up to `limit` rows after `from`, in (tx, id) order. Ids are handed out before commit, so commit order is not id
   * order: only rows whose transaction is below the current snapshot's xmin are read — every such transaction has
   * finished, so nothing can still appear behind a position once it has been read.
   */
  after(from: OutboxPosition, limit: number): Promise<OutboxRow[]>;
  close(): Promise<void>;
}

/**
 * Opens an outbox reader on a pool of one dedicated connection (`atalaya-events` in pg_stat_activity). An idle
 * connection can die (server restart, database dropped): `onConnectionLost` hears it and the next read reconnects.
 * `Client` is the engine's client class that always handles 'error' (db/pg-client.ts).
 */
export function openOutboxReader(url: string, onConnectionLost: (err: Error) => void, Client?: PgClientClass): OutboxReader {
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'atalaya-events', ...(Client ? { Client } : {}) });
  pool.on('error', onConnectionLost);
  return {
    async head() {
      const r = await pool.query<{ tx: string | null; id: string | null }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS tx, (SELECT coalesce(max(id), 0) FROM engine_events)::text AS id`,
      );
      // Everything below xmin is final; rows at or above it are read from the first read on.
      return { tx: String(BigInt(r.rows[0]!.tx ?? '1') - 1n), id: r.rows[0]!.id ?? '0' };
    },
    async after(from, limit) {
      const r = await pool.query<OutboxRow>(
        `SELECT tx::text, id::text, payload FROM engine_events
         WHERE (tx, id) > ($1::xid8, $2::bigint) AND tx < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY tx, id LIMIT $3`,
        [from.tx, from.id, limit],
      );
      return r.rows;
    },
    close: () => pool.end(),
  };
}

/** Deletes relayed events older than the retention (every engine has long since read them). */
export async function pruneOutbox(pool: { query(sql: string, params: unknown[]): Promise<unknown> }, olderThanMinutes = 60): Promise<void> {
  await pool.query(`DELETE FROM engine_events WHERE at < now() - make_interval(mins => $1)`, [olderThanMinutes]);
}
