import pg from 'pg';
import { EngineEventSchema, type EngineEvent } from '../../../shared';
import type { EventBus } from '../../ports/event-bus.port';

const POLL_MS = 100;
const BATCH = 2000;

/**
 * Relays the event outbox (`engine_events`) to this engine's listeners. Every engine on the
 * database runs one, so what one desk does shows on all of them within ~0.1 s.
 *
 * Ids are handed out before commit, so commit order is not id order. The relay therefore reads
 * only rows whose transaction is below the current snapshot's xmin — every such transaction has
 * finished, so nothing can still appear behind the cursor — and walks (tx, id) in order.
 */
export class OutboxEventBus implements EventBus {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private cursor: { tx: string; id: string } = { tx: '0', id: '0' };
  private timer?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Starts relaying from now: events committed before the start are not replayed. */
  static async start(url: string, log: (msg: string, err?: unknown) => void): Promise<OutboxEventBus> {
    const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'atalaya-events' });
    const bus = new OutboxEventBus(pool, log);
    // An idle connection can die (server restart, database dropped): log it, never crash the host.
    pool.on('error', (err) => {
      if (!bus.closed) log('event relay connection lost; it reconnects on the next poll', err);
    });
    const r = await pool.query<{ tx: string | null; id: string | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS tx, (SELECT coalesce(max(id), 0) FROM engine_events)::text AS id`,
    );
    // Everything below xmin is final; rows at or above it are read from the first poll on.
    bus.cursor = { tx: String(BigInt(r.rows[0]!.tx ?? '1') - 1n), id: r.rows[0]!.id ?? '0' };
    bus.schedule();
    return bus;
  }

  private schedule(): void {
    if (!this.closed) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    try {
      for (;;) {
        const r = await this.pool.query<{ tx: string; id: string; payload: unknown }>(
          `SELECT tx::text, id::text, payload FROM engine_events
           WHERE (tx, id) > ($1::xid8, $2::bigint) AND tx < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY tx, id LIMIT ${BATCH}`,
          [this.cursor.tx, this.cursor.id],
        );
        for (const row of r.rows) {
          this.cursor = { tx: row.tx, id: row.id };
          const parsed = EngineEventSchema.safeParse(row.payload);
          if (!parsed.success) {
            this.log(`dropped outbox event ${row.id}: it does not match the contract`);
            continue;
          }
          for (const l of this.listeners) l(parsed.data);
        }
        if (r.rows.length < BATCH) break;
      }
    } catch (err) {
      if (!this.closed) this.log('event relay poll failed; retrying', err);
    }
    this.schedule();
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    await this.pool.end().catch(() => undefined);
  }
}

/** Deletes relayed events older than the retention (every engine has long since read them). */
export async function pruneOutbox(pool: { query(sql: string, params: unknown[]): Promise<unknown> }, olderThanMinutes = 60): Promise<void> {
  await pool.query(`DELETE FROM engine_events WHERE at < now() - make_interval(mins => $1)`, [olderThanMinutes]);
}
