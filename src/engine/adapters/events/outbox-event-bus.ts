import { EngineEventSchema, type EngineEvent } from '../../../shared';
import { openOutboxReader, type OutboxPosition, type OutboxReader } from '../../db/outbox';
import { connectionLossReported, describePgError, type PgClientClass } from '../../db/pg-client';
import type { EventBus } from '../../ports/event-bus.port';

const POLL_MS = 100;
const BATCH = 2000;

/**
 * Relays the event outbox (`engine_events`) to this engine's listeners. Every engine on the
 * database runs one, so what one desk does shows on all of them within ~0.1 s.
 *
 * The reader (src/engine/db/outbox.ts) hands out only rows whose transaction has finished, in
 * (tx, id) order, so the relay walks a cursor forward and never misses a late commit.
 */
export class OutboxEventBus implements EventBus {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private cursor: OutboxPosition = { tx: '0', id: '0' };
  private timer?: NodeJS.Timeout;
  private closed = false;
  private failing = false;

  private constructor(
    private readonly outbox: OutboxReader,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Starts relaying from now: events committed before the start are not replayed. */
  static async start(url: string, log: (msg: string, err?: unknown) => void, Client?: PgClientClass): Promise<OutboxEventBus> {
    // An idle connection can die (server restart, database dropped): log it once, never crash the host.
    const outbox = openOutboxReader(
      url,
      (err) => {
        if (!bus.closed && !connectionLossReported(err))
          log(`event relay connection lost (${describePgError(err)}); it reconnects on the next poll`);
      },
      Client,
    );
    const bus = new OutboxEventBus(outbox, log);
    bus.cursor = await outbox.head();
    bus.schedule();
    return bus;
  }

  private schedule(): void {
    if (!this.closed) this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.outbox.after(this.cursor, BATCH);
        for (const row of rows) {
          this.cursor = { tx: row.tx, id: row.id };
          const parsed = EngineEventSchema.safeParse(row.payload);
          if (!parsed.success) {
            this.log(`dropped outbox event ${row.id}: it does not match the contract`);
            continue;
          }
          for (const l of this.listeners) l(parsed.data);
        }
        if (rows.length < BATCH) break;
      }
      if (this.failing) this.log('event relay: the database answers again');
      this.failing = false;
    } catch (err) {
      // Said once per outage, not on every poll (ten a second) while the database is away.
      if (!this.closed && !this.failing) this.log(`event relay poll failed (${describePgError(err)}); retrying every ${POLL_MS} ms`);
      this.failing = true;
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
    await this.outbox.close().catch(() => undefined);
  }
}
