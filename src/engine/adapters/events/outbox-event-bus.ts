import { EngineEventSchema, type EngineEvent } from '../../../shared';
import {
  formatPosition,
  listenForOutbox,
  openOutboxReader,
  parsePosition,
  type OutboxPosition,
  type OutboxReader,
  type OutboxRow,
} from '../../db/outbox';
import { connectionLossReported, describePgError, type PgClientClass } from '../../db/pg-client';
import type { EventBus, EventReplay } from '../../ports/event-bus.port';

/** Rows read per query; a backlog is read in pages of this many. */
const BATCH = 2000;
/**
 * The safety net: read even without a wake-up this often (a notification lost with its connection, a row
 * written with the trigger disabled). Wake-ups carry the live path.
 */
export const FALLBACK_POLL_MS = 1000;
/**
 * Rows committed but not yet handed out (an older transaction still runs), or writers in flight that were
 * not elected to notify: read again after these waits, the last one repeating, until none are left.
 * Most such transactions end within milliseconds.
 */
export const HELD_BACK_RETRY_MS = [2, 5, 10, 20, 50, 100] as const;

type Log = (msg: string, err?: unknown) => void;
type Listener = (e: EngineEvent, at: string) => void;

/**
 * Relays the event outbox (`engine_events`) to this engine's listeners. Every engine on the database
 * runs one. Pushed, not polled: a statement trigger on the outbox NOTIFYs `atalaya_events` at commit
 * (migration 0032) and the relay, which LISTENs on a connection of its own, reads at once. The
 * durable table stays the source of truth — the notification is only a wake-up, so a lost one costs
 * at most {@link FALLBACK_POLL_MS}, and catch-up after a reconnect reads the same table.
 *
 * The reader (src/engine/db/outbox.ts) hands out only rows whose transaction has finished, in
 * (tx, id) order, so the relay walks a cursor forward and never misses a late commit; when rows are
 * held back by a transaction still running, or while event writers that were not elected to notify are
 * in flight (db/functions/atalaya_events_wake.sql), it reads again within milliseconds.
 */
export class OutboxEventBus implements EventBus {
  private readonly listeners = new Set<Listener>();
  private cursor: OutboxPosition = { tx: '0', id: '0' };
  private timer?: NodeJS.Timeout;
  private closed = false;
  private failing = false;
  private reading = false;
  private again = false;
  private heldTries = 0;
  private listening?: { close(): Promise<void> };
  private replayReader?: OutboxReader;

  private constructor(
    private readonly url: string,
    private readonly outbox: OutboxReader,
    private readonly log: Log,
    private readonly Client: PgClientClass | undefined,
    /** {@link FALLBACK_POLL_MS}; tests set it out of reach to prove the wake-ups alone carry every event. */
    private readonly fallbackMs: number,
  ) {}

  /** Starts relaying from now: events committed before the start are not relayed (a desk catches up with {@link replay}). */
  static async start(url: string, log: Log, Client?: PgClientClass, o: { fallbackMs?: number } = {}): Promise<OutboxEventBus> {
    // An idle connection can die (server restart, database dropped): log it once, never crash the host.
    const lost = (err: Error) => {
      if (!bus.closed && !connectionLossReported(err))
        log(`event relay connection lost (${describePgError(err)}); it reconnects on the next read`);
    };
    const outbox = openOutboxReader(url, lost, Client);
    const bus = new OutboxEventBus(url, outbox, log, Client, o.fallbackMs ?? FALLBACK_POLL_MS);
    bus.cursor = await outbox.head();
    bus.listening = listenForOutbox(url, { onWake: () => bus.wake(), onListening: () => bus.wake(), onConnectionLost: lost }, Client);
    bus.later(bus.fallbackMs);
    return bus;
  }

  /** Reads now, or right after the read in progress (wake-ups during a read coalesce into one more read). */
  private wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.read();
  }

  private later(ms: number): void {
    clearTimeout(this.timer);
    if (!this.closed) this.timer = setTimeout(() => this.wake(), ms);
  }

  private async read(): Promise<void> {
    this.reading = true;
    let held = false;
    try {
      do {
        this.again = false;
        // Asked before reading: a writer that commits in between is seen here or read below.
        held = await this.outbox.heldBack(this.cursor);
        for (;;) {
          const rows = await this.outbox.after(this.cursor, BATCH);
          for (const row of rows) this.relay(row);
          if (rows.length < BATCH) break;
        }
      } while (this.again && !this.closed);
      if (this.failing) this.log('event relay: the database answers again');
      this.failing = false;
    } catch (err) {
      // Said once per outage, not on every retry while the database is away.
      if (!this.closed && !this.failing)
        this.log(`event relay read failed (${describePgError(err)}); retrying every ${this.fallbackMs} ms`);
      this.failing = true;
    }
    this.reading = false;
    if (this.closed) return;
    if (this.again) return void this.read();
    if (held) {
      this.later(HELD_BACK_RETRY_MS[Math.min(this.heldTries, HELD_BACK_RETRY_MS.length - 1)]!);
      this.heldTries++;
    } else {
      this.heldTries = 0;
      this.later(this.fallbackMs);
    }
  }

  private relay(row: OutboxRow): void {
    this.cursor = { tx: row.tx, id: row.id };
    const parsed = EngineEventSchema.safeParse(row.payload);
    if (!parsed.success) {
      this.log(`dropped outbox event ${row.id}: it does not match the contract`);
      return;
    }
    const at = formatPosition(this.cursor);
    for (const l of this.listeners) l(parsed.data, at);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async replay(after: string, limit: number): Promise<EventReplay | undefined> {
    const from = parsePosition(after);
    if (!from) return undefined;
    // Its own small pool: a desk catching up never delays the live relay.
    this.replayReader ??= openOutboxReader(this.url, () => undefined, this.Client, { max: 2, name: 'atalaya-events-replay' });
    const rows = await this.replayReader.after(from, limit);
    const out: { event: EngineEvent; at: string }[] = [];
    for (const row of rows) {
      const parsed = EngineEventSchema.safeParse(row.payload);
      if (parsed.success) out.push({ event: parsed.data, at: formatPosition(row) });
    }
    const last = rows.at(-1);
    return { events: out, last: last ? formatPosition(last) : after, more: rows.length === limit };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.listeners.clear();
    await this.listening?.close();
    await this.outbox.close().catch(() => undefined);
    await this.replayReader?.close().catch(() => undefined);
  }
}
