import { EngineEventSchema, type EngineEvent } from '../../../shared';
import { openOutboxReader, type OutboxPosition, type OutboxReader } from '../../db/outbox';
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

  private constructor(
    private readonly outbox: OutboxReader,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  /** Starts relaying from now: events committed before the start are not replayed. */
  static async start(url: string, log: (msg: string, err?: unknown) => void): Promise<OutboxEventBus> {
    // An idle connection can die (server restart, database dropped): log it, never crash the host.
    const outbox = openOutboxReader(url, (err) => {
      if (!bus.closed) log('event relay connection lost; it reconnects on the next poll', err);
    });
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
    await this.outbox.close().catch(() => undefined);
  }
}
