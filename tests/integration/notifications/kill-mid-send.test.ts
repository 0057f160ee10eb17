import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import type { Actor } from '../../../src/shared';
import { PLANNER, startFixtureEngine } from '../../support/engine-under-test';
import { anOrder } from '../../support/fixtures';
import { startSmtpServer, type SmtpTestServer } from '../../support/notify/smtp-server';
import { testQueuePrefix } from '../../support/queue-keys';
import { eventually, type TestDatabase } from '../../support/test-database';

const ADMIN_ACTOR: Actor = { id: 'u-admin', name: 'Admin', role: 'admin' };
/** Messages queued before the first worker starts. */
const N = 300;

/**
 * A worker node killed with kill -9 in the middle of sending e-mails, and another started after
 * it: every message reaches the SMTP server exactly once (its own log, by the intent header) and
 * every one is recorded as sent. The server answers each message after a while (a busy relay), so
 * the kill lands with messages handed over and not yet answered — the moment a send-then-record
 * worker would send again.
 */
describe('notifications: a worker killed mid-send', () => {
  let db: TestDatabase;
  let engine: Engine;
  let smtp: SmtpTestServer;
  const children: ChildProcess[] = [];
  const prefix = testQueuePrefix();

  const startNode = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/headless.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        REDIS_URL: process.env.REDIS_URL ?? '',
        PORT: '0',
        ATALAYA_DEMO: 'empty',
        ATALAYA_WORKERS: 'on',
        ATALAYA_QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    await eventually(async () => (out.includes('headless') ? true : undefined), 'the worker node to start', 90_000);
    return child;
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ replyDelayMs: 25 });
    // This process only sets things up: no loops here, the nodes send.
    ({ db, engine } = await startFixtureEngine([{ location: 'loc-palermo', sku: 'KILL-1', onHand: 5 }], {
      redisUrl: process.env.REDIS_URL,
      workers: false,
    }));
    await engine.dispatch(
      'notifications.saveProvider',
      { channel: 'email', settings: { host: smtp.host, port: smtp.port, security: 'none', from: { address: 'pedidos@tienda.example' } } },
      ADMIN_ACTOR,
    );
    const settings = await engine.dispatch('notifications.settings', {}, PLANNER);
    await engine.dispatch('notifications.saveSettings', { ...settings, quietHours: null }, ADMIN_ACTOR);
    const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'KILL-1', quantity: 1 }] }) }, PLANNER);
    await db.pool.query(
      `INSERT INTO notification_messages (id, key, event, order_id, channel, recipient, locale, view, status, next_attempt_at)
       SELECT gen_random_uuid(), 'kill-test:' || i, 'order.confirmed', $1, 'email', 'cliente' || i || '@example.com', 'es-AR',
         jsonb_build_object('orderNumber', $2::text, 'merchantName', 'Tienda', 'customerFirstName', 'Cliente ' || i), 'queued', now()
       FROM generate_series(1, $3) AS i`,
      [order.id, String(order.number), N],
    );
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await engine?.close();
    await db?.drop();
    await smtp?.close();
  });

  it('sends every message exactly once across the kill', async () => {
    const first = await startNode();
    await eventually(async () => (smtp.messages.length >= 40 ? true : undefined), 'the first node to have sent some', 60_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    const at = await db.pool.query(`SELECT status, count(*)::int AS n FROM notification_messages GROUP BY status`);
    const byStatus = Object.fromEntries(at.rows.map((r: { status: string; n: number }) => [r.status, r.n]));
    // The kill came mid-send: some messages were held, some not sent yet.
    expect((byStatus.sending ?? 0) + (byStatus.queued ?? 0)).toBeGreaterThan(0);

    // Their leases run out (an hour passes for them), and another node takes over.
    await db.pool.query(`UPDATE notification_messages SET lease_until = now() - interval '1 second' WHERE status = 'sending'`);
    const second = await startNode();
    await eventually(
      async () => {
        const r = await db.pool.query(
          `SELECT count(*)::int AS n FROM notification_messages WHERE status = 'sent' AND key LIKE 'kill-test:%'`,
        );
        return r.rows[0].n === N ? true : undefined;
      },
      `all ${N} messages to be sent`,
      120_000,
    );
    // Each was recorded just before the server took it: its log may trail by a moment.
    // (The node also sources the order and confirms it to its customer: only this test's messages count.)
    const ours = () => smtp.messages.filter((m) => String(m.headers.get('x-atalaya-intent')).startsWith('kill-test:'));
    await eventually(async () => (ours().length >= N ? true : undefined), `the server to hold ${N} messages`, 20_000);
    second.kill('SIGTERM');
    await once(second, 'exit');

    const intents = ours().map((m) => String(m.headers.get('x-atalaya-intent')));
    const repeated = intents.filter((k, i) => intents.indexOf(k) !== i);
    expect(repeated).toEqual([]);
    expect(new Set(intents).size).toBe(N);
    expect(ours()).toHaveLength(N);
  }, 300_000);
});
