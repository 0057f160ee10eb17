import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { Actor } from '../../src/engine';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { createTestDatabase, eventually } from '../support/test-database';
import { pgbenchN } from './yardstick';
import { cpuByCommand, cpuPerUnit } from './cpu-by-process';

const ADMIN: Actor = { id: 'bench-admin', name: 'Bench', role: 'admin' };
type SinkStats = { received: number; duplicates: number; bytes: number };

/** The receiving SMTP server (smtp-sink.mjs) in its own process, as a relay on another machine would be. */
async function startSink(): Promise<{ host: string; port: number; stats(): Promise<SinkStats>; close(): Promise<void> }> {
  const child: ChildProcess = fork(new URL('./smtp-sink.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  return {
    host: '127.0.0.1',
    port: ready.port,
    stats: async () => {
      const answer = once(child, 'message') as Promise<[SinkStats]>;
      child.send({ ask: 'stats' });
      return (await answer)[0];
    },
    close: async () => {
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * `npm run bench notify`: customer e-mails through the engine's own loops to a loopback SMTP server
 * in its own process (smtp-sink.mjs: accepts and counts, no MIME parsing), pooled connections.
 * - throughput: N messages queued at once; e-mails delivered per second until the last (target ≥ 1,000/s);
 * - latency: events written to the order's timeline at `--rate` per second for `--seconds` (the real
 *   path: trigger → outbox → intent → sent); intent-to-sent p50/p99 (target p99 ≤ 2 s at 500/s);
 * - duplicates at the server (target 0); and pgbench -N as the yardstick.
 * Options: --messages 3000 --rate 500 --seconds 10 --connections 8
 */
export async function run(argv: string[]): Promise<object> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '3000' },
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '8' },
    },
  });
  const n = Number(values.messages);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const db = await createTestDatabase();
  const smtp = await startSink();
  try {
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [{ location: 'loc-palermo', sku: 'BENCH-N', onHand: 10 }]);
    const yardstick = pgbenchN(db);
    const engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL, dbPoolSize: 20 });
    try {
      await engine.dispatch(
        'notifications.saveProvider',
        {
          channel: 'email',
          settings: {
            host: smtp.host,
            port: smtp.port,
            security: 'none',
            from: { address: 'pedidos@tienda.example', name: 'Tienda' },
            pool: { maxConnections: Number(values.connections), maxMessages: 1000 },
          },
        },
        ADMIN,
      );
      const settings = await engine.dispatch('notifications.settings', {}, PLANNER);
      await engine.dispatch('notifications.saveSettings', { ...settings, quietHours: null }, ADMIN);
      const { order } = await engine.dispatch(
        'orders.create',
        { order: anOrder({ lines: [{ sku: 'BENCH-N', quantity: 1 }], customer: { name: 'Lucía Bench', email: 'lucia@bench.example' } }) },
        PLANNER,
      );
      const sent = async () =>
        (await db.pool.query(`SELECT count(*)::int AS n FROM notification_messages WHERE status = 'sent'`)).rows[0].n as number;
      await eventually(async () => ((await sent()) >= 1 ? true : undefined), 'the order confirmation to be sent', 60_000);
      const atServer = async () => (await smtp.stats()).received;
      const base = await atServer();

      // Throughput: N messages queued at once.
      console.error(`bench notify: ${n} e-mails queued at once`);
      const cpu0 = cpuByCommand();
      const t0 = performance.now();
      await db.pool.query(
        `INSERT INTO notification_messages (id, key, event, order_id, channel, recipient, locale, view, status, next_attempt_at)
         SELECT gen_random_uuid(), 'bench:' || i, 'order.confirmed', $1, 'email', 'c' || i || '@bench.example', 'es-AR',
           jsonb_build_object('orderNumber', $2::text, 'merchantName', 'Tienda', 'customerFirstName', 'Cliente'), 'queued', now()
         FROM generate_series(1, $3) AS i`,
        [order.id, String(order.number), n],
      );
      await eventually(async () => ((await atServer()) - base >= n ? true : undefined), `${n} e-mails at the server`, 600_000);
      const throughputSeconds = (performance.now() - t0) / 1000;
      const throughputCpu = cpuPerUnit(cpu0, cpuByCommand(), n, throughputSeconds);

      // Latency: timeline events at a steady rate, through the trigger, the outbox and the intents loop.
      console.error(`bench notify: ${rate} events/s for ${seconds} s`);
      const before = await atServer();
      const total = rate * seconds;
      const tick = 100;
      const perTick = Math.max(1, Math.round((rate * tick) / 1000));
      const started = performance.now();
      for (let i = 0; i < total; i += perTick) {
        await db.pool.query(
          `INSERT INTO order_events (order_id, type, actor_id, actor_name, data)
           SELECT $1, 'shipment.out_for_delivery', 'bench', 'Bench', '{}'::jsonb FROM generate_series(1, $2)`,
          [order.id, Math.min(perTick, total - i)],
        );
        const due = started + ((i + perTick) / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      await eventually(async () => ((await atServer()) - before >= total ? true : undefined), `${total} e-mails at the server`, 600_000);
      const lat = (
        await db.pool.query(
          `SELECT extract(epoch FROM (n.sent_at - e.at)) * 1000 AS ms FROM notification_messages n
           JOIN notification_outbox x ON x.id = n.outbox_id JOIN order_events e ON e.id = x.order_event_id
           WHERE n.event = 'shipment.out_for_delivery' AND n.status = 'sent'`,
        )
      ).rows
        .map((r: { ms: number }) => Number(r.ms))
        .sort((a: number, b: number) => a - b);

      const server = await smtp.stats();
      const perSecond = Math.round(n / throughputSeconds);
      const tps = 'simpleUpdateTps' in yardstick ? yardstick.simpleUpdateTps : null;
      return {
        bench: 'notify',
        yardstick: { pgbench: yardstick },
        smtpConnections: Number(values.connections),
        throughput: {
          messages: n,
          seconds: Math.round(throughputSeconds * 100) / 100,
          emailsPerSecond: perSecond,
          ratioToPgbenchN: tps ? Math.round((perSecond / tps) * 1000) / 1000 : null,
          target: '>= 1000/s',
          cpuMsPerEmail: throughputCpu.msPerUnit,
          machineBusy: throughputCpu.machineBusy,
        },
        latency: {
          ratePerSecond: rate,
          events: total,
          sent: lat.length,
          p50Ms: Math.round(pct(lat, 50)),
          p99Ms: Math.round(pct(lat, 99)),
          maxMs: Math.round(lat[lat.length - 1] ?? 0),
          target: 'p99 <= 2000 ms',
        },
        averageEmailBytes: Math.round(server.bytes / Math.max(1, server.received)),
        duplicates: server.duplicates,
      };
    } finally {
      await engine.close();
    }
  } finally {
    await smtp.close();
    await db.drop();
  }
}
