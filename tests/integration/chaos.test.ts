import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../support/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { seedFixture } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase, eventually, redisUrlOrWarn, type TestDatabase } from '../support/test-database';

/**
 * Chaos under steady REST intake. An engine node runs in a child process (`npm run engine`'s
 * command: headless, with workers) on a test database; a client sends orders over HTTP with an
 * Idempotency-Key and retries every failure or timeout exactly as an integration does — same key,
 * same body — until it gets an answer. Mid-way something breaks: the node is killed with -9 and
 * started again; the database drops every connection (pg_terminate_backend) and then goes away for
 * a moment; the test's own Redis is killed and started again empty. Afterwards: every order the
 * client sent was acknowledged once, is stored exactly once, a retry gets the same order, nothing
 * is left for the sweepers (no order `received`, no inbox row unsettled), and the stock's reserved
 * column equals the open reservations (and on hand and reserved equal the ledger).
 *
 * Loopback only; nothing here measures speed — the bounds are for a hung case on a busy machine.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const HEADLESS = join(root, 'src/server/headless.ts');
const ORDERS = 200;
const SENDERS = 4;
const SKUS = ['CH-A', 'CH-B', 'CH-C'];
const STOCK = SKUS.flatMap((sku) => [
  { location: 'loc-palermo', sku, onHand: 150 },
  { location: 'loc-quilmes', sku, onHand: 60 },
  { location: 'loc-dc-ezeiza', sku, onHand: 200 },
]);
/** How long one request may take before the client gives up on it and retries. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Bound for the whole intake of one case, faults included. */
const INTAKE_DEADLINE_MS = 150_000;
/** Bound for the sweepers and workers to settle everything afterwards. */
const SETTLE_MS = 120_000;
const CASE_TIMEOUT_MS = 420_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;

// ---------------------------------------------------------------------------------------------
// The engine node, in a child process

interface EngineNode {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  output(): string;
  exited: Promise<void>;
}

async function startEngineNode(env: NodeJS.ProcessEnv): Promise<EngineNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', HEADLESS], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  cleanups.push(async () => {
    if (running(child)) child.kill('SIGKILL');
    await exited;
  });
  const base = await eventually(
    async () => {
      if (!running(child)) throw new Error(`the engine node exited before it was ready:\n${out}`);
      const m = /API on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(out);
      return m?.[1];
    },
    'the engine node to listen',
    120_000,
  ).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n--- engine output ---\n${out}`);
  });
  return { child, base, output: () => out, exited };
}

/** SIGTERM and wait: the node drains and closes its pools before the database is dropped. */
async function stopEngineNode(node: EngineNode): Promise<void> {
  if (!running(node.child)) return;
  node.child.kill('SIGTERM');
  const stopped = await Promise.race([node.exited.then(() => true), sleep(60_000).then(() => false)]);
  if (!stopped) node.child.kill('SIGKILL');
  await node.exited;
}

function nodeEnv(opts: { databaseUrl: string; redisUrl?: string; prefix: string; dataDir: string; secret: string }): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|REDIS_URL|PORT|HOST|LOG_LEVEL)$|^ATALAYA_/.test(k)),
  );
  return {
    ...inherited,
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl ?? '',
    ATALAYA_QUEUE_PREFIX: opts.prefix,
    ATALAYA_DATA_DIR: opts.dataDir,
    ATALAYA_SECRET_KEY: opts.secret,
    ATALAYA_DEMO: 'empty',
    ATALAYA_SIMULATE: '0',
    ATALAYA_WORKERS: 'on',
    ATALAYA_WORKER_CONCURRENCY: '4',
    ATALAYA_DB_POOL: '8',
    // If this test process dies, the node stops too.
    ATALAYA_STOP_WITH_PARENT: '1',
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
  };
}

// ---------------------------------------------------------------------------------------------
// A Redis of the test's own (the shared one is never restarted)

interface OwnRedis {
  url: string;
  kill(): Promise<void>;
  start(): Promise<void>;
}

async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let out = '';
  const start = async () => {
    out = '';
    const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child = c;
    exited = new Promise<void>((r) => c.once('exit', () => r()));
    await eventually(
      async () => {
        if (!running(c)) throw new Error(`redis-server exited: ${out}`);
        return out.includes('Ready to accept connections') ? true : undefined;
      },
      `redis-server on port ${port}`,
      30_000,
    );
  };
  const kill = async () => {
    if (child && running(child)) child.kill('SIGKILL');
    await exited;
  };
  cleanups.push(kill);
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}

// ---------------------------------------------------------------------------------------------
// The client: what an integration does

interface Sent {
  key: string;
  externalId: string;
  body: string;
  /** The order id of the first 2xx answer. */
  orderId?: string;
  status?: number;
  attempts: number;
}

interface Client {
  sent: Sent[];
  /** Answers other than 2xx and the retryable (503, 5xx, network errors, timeouts): none are expected. */
  refusals: string[];
  /** 5xx answers other than 503 with Retry-After: an outage must say "retry later", not fail. */
  serverErrors: string[];
  /** 503s with Retry-After, each retried. */
  unavailable: number;
  /** Requests that got no answer (refused, reset, timed out), each retried. */
  noAnswer: number;
  /** Resolves once every order has had its 2xx (or the deadline passed). */
  done: Promise<void>;
  acknowledged(): number;
}

function orderBody(externalId: string, i: number) {
  const lines = [{ sku: SKUS[i % SKUS.length]!, quantity: 1 + (i % 2) }];
  if (i % 3 === 0) lines.push({ sku: SKUS[(i + 1) % SKUS.length]!, quantity: 1 });
  return {
    channel: 'api',
    externalId,
    customer: { name: `Cliente ${i}` },
    shipTo: { line1: 'Av. Santa Fe 3253', city: 'Buenos Aires', country: 'AR', lat: -34.588, lng: -58.41 },
    lines,
  };
}

/** One POST; `undefined` when no answer came (connection refused or reset, timeout). */
async function postOrder(
  base: string,
  apiKey: string,
  s: Sent,
): Promise<{ status: number; json: unknown; retryAfter: string | null } | undefined> {
  try {
    const res = await fetch(`${base}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'idempotency-key': s.key },
      body: s.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the message
    }
    return { status: res.status, json, retryAfter: res.headers.get('retry-after') };
  } catch {
    return undefined;
  }
}

/**
 * Sends `ORDERS` orders from `SENDERS` concurrent senders at a steady pace, each retried with the
 * same key and body after a failure, a 5xx or a timeout, until it gets a 2xx. `base()` is where
 * the engine listens now (a restarted node binds a new port; an integration's URL would not change).
 */
function startClient(base: () => string, apiKey: string, tag: string): Client {
  const sent: Sent[] = Array.from({ length: ORDERS }, (_, i) => {
    const externalId = `${tag}-${i}`;
    return {
      key: `idem-${tag}-${i}-${randomBytes(4).toString('hex')}`,
      externalId,
      body: JSON.stringify(orderBody(externalId, i)),
      attempts: 0,
    };
  });
  const refusals: string[] = [];
  const client: Client = {
    sent,
    refusals,
    serverErrors: [],
    unavailable: 0,
    noAnswer: 0,
    done: Promise.resolve(),
    acknowledged: () => sent.filter((s) => s.orderId).length,
  };
  const deadline = Date.now() + INTAKE_DEADLINE_MS;
  let next = 0;
  const sender = async () => {
    while (next < sent.length) {
      const s = sent[next++]!;
      for (;;) {
        s.attempts += 1;
        const res = await postOrder(base(), apiKey, s);
        if (res && res.status >= 200 && res.status < 300) {
          s.status = res.status;
          s.orderId = (res.json as { id: string }).id;
          break;
        }
        if (res && res.status < 500) {
          // Not a failure to retry: a refusal. None is expected for these valid orders.
          s.status = res.status;
          refusals.push(`${s.key}: ${res.status} ${JSON.stringify(res.json)}`);
          break;
        }
        if (!res) client.noAnswer += 1;
        else if (res.status === 503 && Number(res.retryAfter) > 0) client.unavailable += 1;
        else client.serverErrors.push(`${s.key}: ${res.status} ${JSON.stringify(res.json)}`);
        if (Date.now() > deadline) break;
        await sleep(200 + Math.random() * 300);
      }
      await sleep(20);
    }
  };
  client.done = Promise.all(Array.from({ length: SENDERS }, sender)).then(() => undefined);
  return client;
}

// ---------------------------------------------------------------------------------------------
// One rig: a database, a node, an API channel

interface Rig {
  db: TestDatabase;
  node: EngineNode;
  apiKey: string;
  channelId: string;
  env: NodeJS.ProcessEnv;
}

async function startRig(opts: {
  redisUrl?: string;
  pgProxy?: (db: TestDatabase) => Promise<TcpProxy>;
}): Promise<Rig & { pgProxy?: TcpProxy }> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const dataDir = mkdtempSync(join(tmpdir(), 'atalaya-chaos-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const pgProxy = opts.pgProxy ? await opts.pgProxy(db) : undefined;
  if (pgProxy) cleanups.push(() => pgProxy.close());
  const env = nodeEnv({
    databaseUrl: pgProxy ? pgProxy.url(db.url) : db.url,
    redisUrl: opts.redisUrl,
    prefix: testQueuePrefix('chaos'),
    dataDir,
    secret: randomBytes(32).toString('base64'),
  });
  const node = await startEngineNode(env);
  // The node migrated the database; now the network's locations and stock.
  await seedFixture(db.pool, STOCK);
  // Nobody acts without signing in: the admin is created as a first run does, with the banner's link.
  const setupToken = await eventually(async () => /\/setup#token=([\w-]+)/.exec(node.output())?.[1], 'the first-run link', 30_000);
  const setup = await fetch(`${node.base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: setupToken,
      username: 'chaos-admin',
      displayName: 'Chaos admin',
      password: `pw-${randomBytes(12).toString('hex')}`,
    }),
  });
  expect(setup.status, await setup.clone().text()).toBe(200);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${node.base}/api/v1/desk/channels.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ kind: 'api', name: 'ERP' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const created = (await res.json()) as { channel: { id: string }; apiKey: string };
  return { db, node, env, pgProxy, apiKey: created.apiKey, channelId: created.channel.id };
}

const q = async <T>(db: TestDatabase, sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows as T[];

/** Everything the issue asks of a run, once the faults are over and the node runs again. */
async function checkAfterChaos(rig: Rig, client: Client): Promise<void> {
  const { db } = rig;
  // Every order was acknowledged (the client retried until it was), none refused.
  expect(client.refusals).toEqual([]);
  expect(client.serverErrors).toEqual([]);
  expect(client.sent.filter((s) => !s.orderId).map((s) => s.key)).toEqual([]);

  // Each acknowledged order is stored exactly once, under the id the client got, with its key.
  const stored = await q<{ external_id: string; ids: string[] }>(
    db,
    `SELECT external_id, array_agg(id::text) AS ids FROM orders WHERE channel_id = $1 GROUP BY external_id`,
    [rig.channelId],
  );
  expect(stored.filter((r) => r.ids.length !== 1)).toEqual([]);
  const byExternal = new Map(stored.map((r) => [r.external_id, r.ids[0]]));
  expect(client.sent.filter((s) => byExternal.get(s.externalId) !== s.orderId).map((s) => `${s.externalId}: ${s.orderId}`)).toEqual([]);
  expect(stored).toHaveLength(ORDERS);
  const keys = await q<{ key: string; order_id: string }>(db, `SELECT key, order_id::text FROM idempotency_keys WHERE scope = $1`, [
    rig.channelId,
  ]);
  const byKey = new Map(keys.map((k) => [k.key, k.order_id]));
  expect(client.sent.filter((s) => byKey.get(s.key) !== s.orderId).map((s) => `${s.key}: ${byKey.get(s.key)} ≠ ${s.orderId}`)).toEqual([]);

  // The identical retry of an acknowledged order gets that order.
  const replays: string[] = [];
  for (const s of client.sent) {
    const res = await postOrder(rig.node.base, rig.apiKey, s);
    const id = (res?.json as { id?: string } | undefined)?.id;
    if (res?.status !== 200 || id !== s.orderId) replays.push(`${s.key}: ${res?.status} ${id} (acknowledged ${s.orderId})`);
  }
  expect(replays).toEqual([]);

  // Nothing stuck: the workers and sweepers take every order to a decision and settle every inbox row.
  await eventually(
    async () => {
      const [left] = await q<{ orders: number; inbox: number }>(
        db,
        `SELECT (SELECT count(*) FROM orders WHERE status = 'received')::int AS orders,
                (SELECT count(*) FROM inbox WHERE status = 'received')::int AS inbox`,
      );
      return left!.orders === 0 && left!.inbox === 0 ? true : undefined;
    },
    'every order sourced or unfillable and every inbox row settled',
    SETTLE_MS,
  ).catch(async (e: unknown) => {
    const orders = await q(db, `SELECT status, count(*)::int AS n FROM orders GROUP BY 1`);
    const inbox = await q(db, `SELECT status, count(*)::int AS n FROM inbox GROUP BY 1`);
    throw new Error(`${(e as Error).message}\norders: ${JSON.stringify(orders)}\ninbox: ${JSON.stringify(inbox)}`);
  });
  expect(await q(db, `SELECT status FROM orders WHERE status NOT IN ('sourced', 'unfillable') GROUP BY 1`)).toEqual([]);
  // Valid orders: every inbox row became (or found) its order; none quarantined, ignored or an exception.
  expect(await q(db, `SELECT status, count(*)::int AS n FROM inbox WHERE status <> 'processed' GROUP BY 1`)).toEqual([]);
  expect(await q(db, `SELECT count(*)::int AS n FROM inbox WHERE status = 'processed' AND order_id IS NULL`)).toEqual([{ n: 0 }]);

  // Stock: reserved equals the open reservations, and on hand and reserved equal the ledger.
  const drift = await q(
    db,
    `SELECT s.location_id, s.sku, s.on_hand, s.reserved, l.oh, l.rs, r.q FROM stock s
      LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
      LEFT JOIN (SELECT location_id, sku, sum(quantity) q FROM reservations WHERE status = 'reserved' GROUP BY 1, 2) r USING (location_id, sku)
      WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0) OR s.reserved <> coalesce(r.q, 0)`,
  );
  expect(drift).toEqual([]);
  // A sourced order holds exactly what its lines ask for (less what is backordered); an unfillable one holds nothing.
  const holds = await q(
    db,
    `SELECT o.external_id, o.status, l.sku, l.quantity, coalesce(sum(r.quantity), 0)::int AS held
       FROM orders o JOIN order_lines l ON l.order_id = o.id
       LEFT JOIN reservations r ON r.order_id = o.id AND r.sku = l.sku AND r.status = 'reserved'
      GROUP BY o.id, l.order_id, l.line_no
     HAVING coalesce(sum(r.quantity), 0) <> CASE WHEN o.status = 'sourced' THEN l.quantity - l.cancelled_quantity - l.backordered_quantity ELSE 0 END`,
  );
  expect(holds).toEqual([]);
}

/** Waits until the client has this many acknowledgements, so the fault falls mid-intake. */
const acknowledgedAtLeast = (client: Client, n: number, what: string) =>
  eventually(async () => (client.acknowledged() >= n ? true : undefined), what, 120_000);

const health = async (node: EngineNode) => {
  // The load balancer's check: the same report as the desk's system.health, with no session to keep.
  const res = await fetch(`${node.base}/healthz`);
  return (await res.json()) as { database: { ok: boolean }; queue: { ok: boolean } };
};

const expectAlive = (node: EngineNode) => {
  expect(running(node.child), `the engine node exited:\n${node.output()}`).toBe(true);
  expect(node.output(), 'an unhandled error').not.toMatch(/Unhandled|uncaught/i);
};

// ---------------------------------------------------------------------------------------------

const sharedRedis = redisUrlOrWarn('chaos (kill -9 on Redis queues)');
const backends = [
  { name: 'postgres' as const, redisUrl: undefined },
  ...(sharedRedis ? [{ name: 'redis' as const, redisUrl: sharedRedis }] : []),
];

describe('chaos under steady REST intake', () => {
  it.each(backends)(
    'kill -9 of the engine node mid-intake, then a restart ($name queues)',
    async ({ redisUrl }) => {
      const rig = await startRig({ redisUrl });
      let node = rig.node;
      const client = startClient(() => node.base, rig.apiKey, `K${randomBytes(2).toString('hex')}`);

      await acknowledgedAtLeast(client, ORDERS / 3, 'a third of the orders acknowledged');
      node.child.kill('SIGKILL');
      await node.exited;
      await sleep(1_000); // the clients keep trying against a dead port
      node = await startEngineNode(rig.env);
      await client.done;

      expect(client.noAnswer, 'requests to the dead node, retried').toBeGreaterThan(0);
      await checkAfterChaos({ ...rig, node }, client);
      expectAlive(node);
      await stopEngineNode(node);
    },
    CASE_TIMEOUT_MS,
  );

  it.each(backends)(
    'database connections terminated mid-intake, then the database away for a moment: the node keeps running ($name queues)',
    async ({ redisUrl }) => {
      const rig = await startRig({ redisUrl, pgProxy: (db) => startTcpProxy(Number(new URL(db.url).port || 5432)) });
      const client = startClient(() => rig.node.base, rig.apiKey, `D${randomBytes(2).toString('hex')}`);
      const terminate = () =>
        q<{ n: number }>(
          rig.db,
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );

      await acknowledgedAtLeast(client, ORDERS / 4, 'a quarter of the orders acknowledged');
      const [first] = await terminate();
      expect(first!.n).toBeGreaterThan(0);
      await sleep(1_500);
      await terminate();
      await acknowledgedAtLeast(client, ORDERS / 2, 'half of the orders acknowledged');
      await rig.pgProxy!.cut();
      await sleep(3_000);
      expectAlive(rig.node);
      await rig.pgProxy!.restore();
      await client.done;

      await checkAfterChaos(rig, client);
      expect(client.unavailable, 'the client was told to retry later').toBeGreaterThan(0);
      expectAlive(rig.node);
      await stopEngineNode(rig.node);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "the test's own Redis killed mid-intake and started again empty: the node keeps running and loses nothing",
    async () => {
      const redis = await startOwnRedis();
      const rig = await startRig({ redisUrl: redis.url });
      const client = startClient(() => rig.node.base, rig.apiKey, `R${randomBytes(2).toString('hex')}`);

      await acknowledgedAtLeast(client, ORDERS / 3, 'a third of the orders acknowledged');
      await redis.kill();
      await eventually(async () => ((await health(rig.node)).queue.ok === false ? true : undefined), 'health to say the queue is away');
      await sleep(2_000);
      expectAlive(rig.node);
      await redis.start();
      await eventually(async () => ((await health(rig.node)).queue.ok ? true : undefined), 'health to say the queue is back', 60_000);
      await client.done;

      await checkAfterChaos(rig, client);
      expectAlive(rig.node);
      await stopEngineNode(rig.node);
    },
    CASE_TIMEOUT_MS,
  );
});
