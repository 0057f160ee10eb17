import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OutboxEventBus } from '../../src/engine/adapters/events/outbox-event-bus';
import type { Engine } from '../../src/engine';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { LiveMessageSchema, type EngineEvent, type LiveMessage } from '../../src/shared';
import { migrateTestDatabase, startFixtureEngine } from '../support/engine-under-test';
import { signInAs, type TestSession } from '../support/sessions';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

const DESK = resolve(__dirname, '../../out/renderer');

/** A `channels.changed` event naming writer `w`'s `n`th change, written straight to the outbox in a transaction of its own. */
async function writeEvent(pool: pg.Pool, w: number, n: number, holdMs = 0): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'channels.changed', 'channelId', $1::text, 'at', 'now'))`,
      [`w${w}-${n}`],
    );
    // Held open: the writers elected to notify and those that were not commit in every order.
    if (holdMs) await c.query('SELECT pg_sleep($1)', [holdMs / 1000]);
    await c.query('COMMIT');
  } finally {
    c.release();
  }
}

/** `writers` clients each writing `each` events in sequence, all at once. */
async function writeConcurrently(pool: pg.Pool, writers: number, each: number, from = 0): Promise<string[]> {
  const names: string[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let n = from; n < from + each; n++) {
        await writeEvent(pool, w, n, (w + n) % 3 === 0 ? 15 : 0);
        names.push(`w${w}-${n}`);
      }
    }),
  );
  return names;
}

const nameOf = (e: EngineEvent) => (e.type === 'channels.changed' ? e.channelId : e.type);

/** Every writer's events are heard in the order it wrote them. */
function expectEachWriterInOrder(heard: string[]): void {
  const last = new Map<string, number>();
  for (const name of heard) {
    const [w, n] = name.split('-') as [string, string];
    expect(Number(n), `${name} after ${w}-${last.get(w)}`).toBeGreaterThan(last.get(w) ?? -1);
    last.set(w, Number(n));
  }
}

/** A desk's live stream over a real socket, recording what it is sent. */
class DeskStream {
  readonly messages: LiveMessage[] = [];
  private socket?: WebSocket;
  constructor(
    private readonly url: string,
    private readonly session: TestSession,
  ) {}
  async open(after?: string): Promise<void> {
    const url = after ? `${this.url}?after=${encodeURIComponent(after)}` : this.url;
    const socket = new WebSocket(url, { headers: { cookie: this.session.cookie, origin: new URL(this.url.replace('ws', 'http')).origin } });
    socket.on('message', (data) => this.messages.push(LiveMessageSchema.parse(JSON.parse(String(data)))));
    await new Promise<void>((ok, fail) => (socket.once('open', ok), socket.once('error', fail)));
    this.socket = socket;
  }
  async drop(): Promise<void> {
    const s = this.socket!;
    await new Promise<void>((ok) => (s.once('close', () => ok()), s.terminate()));
  }
  get events(): { at: string; event: EngineEvent }[] {
    return this.messages.filter((m): m is Extract<LiveMessage, { at: string }> => 'at' in m);
  }
  get lastAt(): string {
    return this.events.at(-1)!.at;
  }
}

describe('the outbox relay, woken by the outbox trigger', () => {
  // A database with no engine on it: no other writer's wake-up can stand in for the one under test.
  let quiet: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    quiet = await createTestDatabase();
    await migrateTestDatabase(quiet.url);
    pool = new pg.Pool({ connectionString: quiet.url, max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
    await quiet?.drop();
  });

  it('wake-ups alone carry every event of concurrent writers, each once and in its order (no polling safety net)', async () => {
    const bus = await OutboxEventBus.start(quiet.url, () => undefined, undefined, { fallbackMs: 3_600_000 });
    try {
      const heard: string[] = [];
      bus.subscribe((e) => heard.push(nameOf(e)));
      const written = await writeConcurrently(pool, 6, 25);
      await eventually(
        async () => (heard.length >= written.length ? true : undefined),
        `all ${written.length} events (heard ${heard.length})`,
      );
      expect([...heard].sort()).toEqual([...written].sort());
      expectEachWriterInOrder(heard);
    } finally {
      await bus.close();
    }
  });

  it('a writer not elected to notify, committing after the one that was, is heard without polling', async () => {
    const bus = await OutboxEventBus.start(quiet.url, () => undefined, undefined, { fallbackMs: 3_600_000 });
    const [first, second] = [await pool.connect(), await pool.connect()];
    try {
      const heard: string[] = [];
      bus.subscribe((e) => heard.push(nameOf(e)));
      const write = (c: pg.PoolClient, name: string) =>
        c.query(
          `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'channels.changed', 'channelId', $1::text, 'at', 'now'))`,
          [name],
        );
      await first.query('BEGIN');
      await write(first, 'elected-0'); // takes the election: it notifies at commit
      await second.query('BEGIN');
      await write(second, 'second-0'); // loses it: commits without a notification
      await first.query('COMMIT');
      await eventually(async () => (heard.includes('elected-0') ? true : undefined), 'the elected writer');
      // Let the relay settle (its quick re-reads end once nothing committed is held back), so only seeing
      // the writer in flight can bring it back for the second commit.
      await new Promise((r) => setTimeout(r, 500));
      await second.query('COMMIT');
      await eventually(async () => (heard.includes('second-0') ? true : undefined), 'the writer that did not notify');
      expect(heard).toEqual(['elected-0', 'second-0']);
    } finally {
      first.release();
      second.release();
      await bus.close();
    }
  });
});

describe('live events pushed from the outbox to desks', () => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  let wsUrl: string;
  let writers: pg.Pool;

  beforeAll(async () => {
    process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
    ({ db, engine } = await startFixtureEngine([], { workers: false }));
    app = await buildHttpApp(engine, { deskDir: DESK, apiActor: API_ACTOR });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${base.replace('http', 'ws')}/api/v1/events`;
    writers = new pg.Pool({ connectionString: db.url, max: 6 });
  });
  afterAll(async () => {
    await writers?.end();
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  it('a desk that reconnects gets what it missed, then the live events: none lost, none twice, in order', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const desk = new DeskStream(wsUrl, planner);
    await desk.open();
    const before = await writeConcurrently(writers, 3, 10);
    await eventually(async () => (desk.events.length >= before.length ? true : undefined), 'the first events');
    await desk.drop();
    const resumeAt = desk.lastAt;

    // Written while the desk is away, and while it comes back (the catch-up and the live stream overlap).
    const away = await writeConcurrently(writers, 3, 10, 10);
    const during = writeConcurrently(writers, 3, 10, 20);
    await desk.open(resumeAt);
    const after = await during;

    const all = [...before, ...away, ...after];
    await eventually(
      async () => (desk.events.length >= all.length ? true : undefined),
      `all ${all.length} events (got ${desk.events.length})`,
    );
    const names = desk.events.map((m) => nameOf(m.event));
    expect(names.filter((n) => n.startsWith('w'))).toHaveLength(all.length);
    expect([...new Set(names)].sort()).toEqual([...all].sort());
    expectEachWriterInOrder(names);
    // The places only go forward: the stream is in outbox order across the reconnect.
    const places = desk.events.map((m) => m.at.split(':').map(BigInt) as [bigint, bigint]);
    for (let i = 1; i < places.length; i++) {
      const [a, b] = [places[i - 1]!, places[i]!];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), `${desk.events[i - 1]!.at} before ${desk.events[i]!.at}`).toBe(true);
    }
    expect(desk.messages.some((m) => 'resync' in m)).toBe(false);
    await desk.drop();
  });

  it('a desk that names no place it could resume from is told to resync first, then hears the live events', async () => {
    const planner = await signInAs(engine, { role: 'planner' });
    const desk = new DeskStream(wsUrl, planner);
    await desk.open('not-a-place');
    await eventually(async () => (desk.messages.length > 0 ? true : undefined), 'the resync');
    expect(desk.messages[0]).toEqual({ resync: true });
    await writeEvent(writers, 9, 0);
    await eventually(async () => (desk.events.some((m) => nameOf(m.event) === 'w9-0') ? true : undefined), 'a live event after the resync');
    await desk.drop();
  });

  it('replays only what the desk may hear', async () => {
    const associate = await signInAs(engine, { role: 'associate', locations: ['loc-palermo'] });
    const desk = new DeskStream(wsUrl, associate);
    await desk.open();
    await writeEvent(writers, 8, 0);
    await writers.query(`INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'locations.changed', 'at', 'now'))`);
    await eventually(async () => (desk.events.length > 0 ? true : undefined), 'the locations event');
    const resumeAt = desk.lastAt;
    await desk.drop();
    await writeEvent(writers, 8, 1); // channels: not for an associate
    await writers.query(`INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'locations.changed', 'at', 'later'))`);
    await desk.open(resumeAt);
    await eventually(async () => (desk.events.length > 1 ? true : undefined), 'the missed locations event');
    expect(desk.events.map((m) => m.event)).toEqual([
      { type: 'locations.changed', at: 'now' },
      { type: 'locations.changed', at: 'later' },
    ]);
    await desk.drop();
  });
});
