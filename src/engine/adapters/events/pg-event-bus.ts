import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { EVENTS_CHANNEL, EngineEventSchema, type EngineEvent } from '../../../shared';
import type { EventBus } from '../../ports/event-bus.port';

/**
 * Publishes an event inside the caller's transaction: Postgres delivers NOTIFY only on commit, so a
 * rolled-back change is never announced and a committed one always is (effects after commit).
 */
export async function publishInTransaction(m: EntityManager, event: EngineEvent): Promise<void> {
  await m.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(event)]);
}

/** Listens on the events channel with one dedicated connection, reconnecting when it drops. */
export class PgEventBus implements EventBus {
  private client?: pg.Client;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private closed = false;
  private retryTimer?: NodeJS.Timeout;

  private constructor(
    private readonly url: string,
    private readonly log: (msg: string, err?: unknown) => void,
  ) {}

  static async start(url: string, log: (msg: string, err?: unknown) => void): Promise<PgEventBus> {
    const bus = new PgEventBus(url, log);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'atalaya-events' });
    client.on('notification', (n) => {
      if (n.channel !== EVENTS_CHANNEL || !n.payload) return;
      let parsed: ReturnType<typeof EngineEventSchema.safeParse>;
      try {
        parsed = EngineEventSchema.safeParse(JSON.parse(n.payload));
      } catch {
        return this.log('dropped an event that is not JSON');
      }
      if (!parsed.success) return this.log('dropped an event that does not match the contract');
      for (const l of this.listeners) l(parsed.data);
    });
    client.on('error', (err) => {
      this.log('event connection lost; reconnecting', err);
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const old = this.client;
    this.client = undefined;
    old?.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((err) => {
        this.log('event reconnect failed', err);
        this.scheduleReconnect();
      });
    }, 1000);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
  }
}
