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
  /**
   * Whether the relay must read again soon rather than wait for a wake-up: rows after `from` are committed but not
   * handed out yet (an older transaction still runs), or a transaction is writing events right now (it may not be
   * the one elected to notify — db/functions/atalaya_events_wake.sql). Asked before a read, so a writer that
   * commits in between is either seen here or read by it.
   */
  heldBack(from: OutboxPosition): Promise<boolean>;
  close(): Promise<void>;
}

/** The channel the `engine_events` statement trigger notifies (migration 0032): a wake-up with no payload. */
export const OUTBOX_WAKE_CHANNEL = 'atalaya_events';

/** A `tx:id` cursor as text (the live stream's `at`), or undefined when it is not one. */
export function parsePosition(at: string): OutboxPosition | undefined {
  const m = /^(\d{1,20}):(\d{1,20})$/.exec(at);
  return m ? { tx: m[1]!, id: m[2]! } : undefined;
}

export const formatPosition = (p: OutboxPosition): string => `${p.tx}:${p.id}`;

/**
 * Opens an outbox reader on a pool of one dedicated connection (`atalaya-events` in pg_stat_activity). An idle
 * connection can die (server restart, database dropped): `onConnectionLost` hears it and the next read reconnects.
 * `Client` is the engine's client class that always handles 'error' (db/pg-client.ts).
 */
export function openOutboxReader(
  url: string,
  onConnectionLost: (err: Error) => void,
  Client?: PgClientClass,
  o: { max?: number; name?: string } = {},
): OutboxReader {
  const pool = new pg.Pool({
    connectionString: url,
    max: o.max ?? 1,
    application_name: o.name ?? 'atalaya-events',
    ...(Client ? { Client } : {}),
  });
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
    async heldBack(from) {
      const r = await pool.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 1096043097 AND objid = 1
             AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
           OR EXISTS (SELECT 1 FROM engine_events WHERE (tx, id) > ($1::xid8, $2::bigint)
             AND tx >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
        [from.tx, from.id],
      );
      return r.rows[0]?.held === true;
    },
    close: () => pool.end(),
  };
}

/**
 * Listens for the outbox's wake-ups on a connection of its own (`atalaya-events-listen`), reconnecting
 * after `retryMs` when it is lost; `onListening` runs after every (re)connect, so the caller reads what
 * was committed while no one listened. `close` ends it for good.
 */
export function listenForOutbox(
  url: string,
  handlers: { onWake(): void; onListening(): void; onConnectionLost(err: Error): void },
  Client: PgClientClass = pg.Client,
  retryMs = 1000,
): { close(): Promise<void> } {
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (!closed) timer ??= setTimeout(() => ((timer = undefined), void connect()), retryMs);
  };
  const connect = async () => {
    const c = new Client({ connectionString: url, application_name: 'atalaya-events-listen' });
    client = c;
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (client === c) client = undefined;
      if (!closed && err) handlers.onConnectionLost(err);
      void c.end().catch(() => undefined);
      retry();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    c.on('notification', (n) => n.channel === OUTBOX_WAKE_CHANNEL && handlers.onWake());
    try {
      await c.connect();
      await c.query(`LISTEN ${OUTBOX_WAKE_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => undefined));
      handlers.onListening();
    } catch (e) {
      onLost(e instanceof Error ? e : new Error(String(e)));
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}

/** Deletes relayed events older than the retention (every engine has long since read them). */
export async function pruneOutbox(pool: { query(sql: string, params: unknown[]): Promise<unknown> }, olderThanMinutes = 60): Promise<void> {
  await pool.query(`DELETE FROM engine_events WHERE at < now() - make_interval(mins => $1)`, [olderThanMinutes]);
}
