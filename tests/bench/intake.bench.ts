import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase } from '../support/test-database';
import { cpuByCommand, cpuPerUnit } from './cpu-by-process';
import { startWorkerNode } from './worker-node';
import { asRatios, measureYardstick } from './yardstick';

/**
 * Orders/s from the channels to reserved-and-sourced: N orders POSTed over real HTTP with C in
 * flight — a mix of synchronous REST calls (`rest`) and asynchronous channel deliveries committed to
 * the inbox (`webhook`, with an API channel's key) and HMAC-signed Shopify order webhooks (`shopify`) — until every one is decided by the queue
 * workers. Reports acknowledgements/s (every ack means the inbox row is committed), ack latency,
 * end-to-end latency (request sent → sourced committed) and the processed-to-sourced rate.
 * By default the two stages are measured apart, as their targets are: intake alone (no workers)
 * takes every order into the inbox — acks/s and ack latency — then a worker engine drains it —
 * processed-to-sourced/s, with CPU per order by process. `--concurrent` runs the workers during
 * intake on the same cores; `--worker-nodes=N` in N separate processes; `--worker-nodes=-1`
 * measures intake alone. `--queue redis,postgres` runs once per queue backend.
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { queue: { type: 'string' } }, strict: false });
  const queues =
    typeof values.queue === 'string' ? values.queue.split(',').filter(Boolean) : [process.env.REDIS_URL ? 'redis' : 'postgres'];
  if (queues.length === 1) return runOnce(argv, queues[0]!);
  const runs = [];
  for (const q of queues) runs.push(await runOnce(argv, q));
  return { bench: 'intake', runs };
}

async function runOnce(argv: string[], queue: string) {
  // Channel secrets need a key; a throwaway one keeps the bench from writing a key file in the home folder.
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '6000' },
      // 16 in flight keeps 2 cores busy without measuring a queue of waiting requests.
      concurrency: { type: 'string', default: '16' },
      queue: { type: 'string' },
      mix: { type: 'string', default: 'rest,webhook,shopify' },
      // Production topology: this process takes intake; a separate headless node runs the workers.
      'worker-nodes': { type: 'string', default: '0' },
      // Workers run during intake, on the same cores (both stages share them). The default measures
      // the two stages apart: intake alone fills the inbox, then the workers drain it alone.
      concurrent: { type: 'boolean', default: false },
      // The worker engine's queue concurrency and database pool (defaults: the engine's 16, and 10).
      'worker-concurrency': { type: 'string' },
      'db-pool': { type: 'string' },
    },
  });
  const total = Number(values.orders);
  const concurrency = Number(values.concurrency);
  const mix = values.mix.split(',').filter((m) => m === 'rest' || m === 'webhook' || m === 'shopify');
  if (!mix.length) throw new Error('--mix takes a comma list of rest, webhook (API channel inbox) and shopify (signed Shopify webhooks)');
  const redisUrl = queue === 'redis' ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;

  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  // 40 locations across Argentina's populated band, 2,000 SKUs, deep stock everywhere.
  await db.pool.query(`
    INSERT INTO locations (id, code, name, kind, city, lat, lng, daily_capacity)
    SELECT 'b-' || g, 'B-' || g, 'Bench ' || g, CASE WHEN g % 10 = 0 THEN 'dc' ELSE 'store' END, 'City ' || g,
           -24 - (g * 7919 % 1600) / 100.0, -58 - (g * 104729 % 900) / 100.0, 100000
    FROM generate_series(1, 40) g`);
  await db.pool.query(`INSERT INTO products (sku, name, price) SELECT 'SKU-' || g, 'Product ' || g, 1000 FROM generate_series(1, 2000) g`);
  await db.pool.query(`INSERT INTO stock (location_id, sku, on_hand) SELECT l.id, p.sku, 1000000 FROM locations l CROSS JOIN products p`);
  await db.pool.query(
    `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) SELECT location_id, sku, on_hand, 'initial', 'bench' FROM stock`,
  );
  await db.pool.query('ANALYZE');

  const workerNodes = Number(values['worker-nodes']);
  const prefix = testQueuePrefix('bench');
  const nodes = await Promise.all(Array.from({ length: Math.max(0, workerNodes) }, () => startWorkerNode(db.url, redisUrl, prefix)));
  // --worker-nodes -1: nobody sources (measures intake alone).
  const drainOnly = workerNodes === 0 && values.concurrent !== true;
  const mode = workerNodes < 0 ? 'intake-only' : workerNodes > 0 ? 'worker-nodes' : drainOnly ? 'phases' : 'concurrent';
  const tuning = {
    ...(values['worker-concurrency'] ? { workerConcurrency: Number(values['worker-concurrency']) } : {}),
    ...(values['db-pool'] ? { dbPoolSize: Number(values['db-pool']) } : {}),
  };
  const engine = await startTestEngine(db.url, { redisUrl, prefix, workers: workerNodes === 0 && !drainOnly, ...tuning });
  const intakeOnly = workerNodes < 0;
  const app = await buildHttpApp(engine, { apiActor: API_ACTOR });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const benchActor = { id: 'bench', name: 'Bench', role: 'admin' } as const; // channels are configured by admins
  const { channel, apiKey } = await engine.dispatch('channels.create', { kind: 'api', name: 'Bench ERP' }, benchActor);
  const shopifySecret = randomBytes(16).toString('hex');
  const shopify = await engine.dispatch(
    'channels.create',
    { kind: 'shopify', name: 'Bench Shopify', settings: { shopDomain: 'bench.myshopify.com' }, secrets: { webhookSecret: shopifySecret } },
    benchActor,
  );
  const shopifyFixture = fileURLToPath(new URL('../fixtures/channels/shopify-order.json', import.meta.url));
  console.error(`bench intake: ${total} orders (${mix.join('+')}), ${concurrency} in flight, queues on ${queue}, ${address}`);

  // The load generator runs in its own process, as real channels do; it shares the cores, not the event loop.
  const t0 = performance.now();
  const gen = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./load-generator.mjs', import.meta.url)),
      address,
      String(total),
      String(concurrency),
      mix.join(','),
      apiKey!,
      channel.id,
      shopify.channel.id,
      shopifySecret,
      shopifyFixture,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  gen.stdout!.on('data', (d) => (out += String(d)));
  await once(gen, 'exit');
  const load = JSON.parse(out) as {
    seconds: number;
    failures: number;
    firstErrors: unknown[];
    results: [string, number, number, string][];
  };
  const failures = load.failures;
  if (failures) console.error('bench intake: failed requests, first few:', JSON.stringify(load.firstErrors));
  const sentAt = new Map(load.results.map(([id, at]) => [id, at]));
  const ackMs = load.results.map(([, , ms]) => ms);
  const ackMsOf = (kind: string) =>
    load.results
      .filter((r) => r[3] === kind)
      .map(([, , ms]) => ms)
      .sort((a, b) => a - b);
  const inboxRows = Number((await db.pool.query('SELECT count(*) AS n FROM inbox')).rows[0].n);
  const firstDecidedAt = performance.now();
  const decidedAtAck = intakeOnly
    ? 0
    : Number((await db.pool.query(`SELECT count(*) AS n FROM orders WHERE status IN ('sourced','unfillable')`)).rows[0].n);
  const ackSeconds = load.seconds;
  let drainEngine: Awaited<ReturnType<typeof startTestEngine>> | undefined;
  let drainStartedAt = 0;
  let cpuBefore = new Map<string, number>();
  if (drainOnly) {
    cpuBefore = cpuByCommand();
    drainStartedAt = performance.now();
    drainEngine = await startTestEngine(db.url, { redisUrl, prefix, workers: true, ...tuning });
  }

  let decided = 0;
  while (!intakeOnly && decided < total - failures) {
    await new Promise((r) => setTimeout(r, 100));
    decided = Number((await db.pool.query(`SELECT count(*) AS n FROM orders WHERE status IN ('sourced','unfillable')`)).rows[0].n);
    if ((performance.now() - t0) / 1000 > 600) throw new Error(`only ${decided} of ${total} decided after 10 minutes`);
  }
  const endSeconds = (performance.now() - t0) / 1000;
  const drainSeconds = (performance.now() - (drainOnly ? drainStartedAt : firstDecidedAt)) / 1000;
  const drainCpu = drainOnly ? cpuPerUnit(cpuBefore, cpuByCommand(), total - failures, drainSeconds) : null;
  const rows: { external_id: string; at: Date; status: string }[] = (
    await db.pool.query(
      `SELECT o.external_id, e.at, o.status FROM orders o JOIN order_events e ON e.order_id = o.id AND e.type IN ('order.sourced','order.unfillable')`,
    )
  ).rows;
  const e2e = rows.map((r) => r.at.getTime() - (sentAt.get(r.external_id) ?? r.at.getTime())).sort((a, b) => a - b);
  const decidedTimes = rows.map((r) => r.at.getTime()).sort((a, b) => a - b);
  const processedSeconds = decidedTimes.length > 1 ? (decidedTimes.at(-1)! - decidedTimes[0]!) / 1000 : NaN;
  ackMs.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => Math.round((xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN) * 10) / 10;

  await app.close();
  await drainEngine?.close();
  await engine.close();
  for (const n of nodes) await n.stop();
  await db.drop();
  const yardstick = await measureYardstick();
  const ackPerSecond = Math.round(total / ackSeconds);
  const processed = Number.isFinite(processedSeconds) && processedSeconds > 0 ? Math.round(rows.length / processedSeconds) : null;
  const endToEnd = Math.round((total - failures) / endSeconds);
  return {
    bench: 'intake',
    yardstick,
    // Issue 17's figures as shares of the machine's own pgbench -N, measured in the same run.
    ratioToPgbenchTps: asRatios(
      {
        ackPerSecond,
        processedToSourced: mode === 'concurrent' ? null : processed,
        drain: drainOnly ? Math.round((total - failures) / drainSeconds) : null,
        endToEnd: mode === 'concurrent' ? endToEnd : null,
      },
      yardstick,
    ),
    targetRatio: mode === 'concurrent' ? { endToEnd: 0.2 } : { ackPerSecond: 0.5, processedToSourced: 0.3 },
    // phases: intake alone (acks), then the workers alone (processing); concurrent: both at once on the same cores.
    mode,
    queueBackend: queue,
    mix,
    orders: total,
    inboxRows,
    concurrency,
    workerNodes,
    failures,
    sourced: rows.filter((r) => r.status === 'sourced').length,
    unfillable: rows.filter((r) => r.status === 'unfillable').length,
    ackPerSecond,
    sourcedPerSecond: Math.round((total - failures) / endSeconds),
    ackLatencyMs: { p50: pct(ackMs, 50), p99: pct(ackMs, 99) },
    ackLatencyByKindMs: Object.fromEntries(mix.map((k) => [k, { p50: pct(ackMsOf(k), 50), p99: pct(ackMsOf(k), 99) }])),
    // From the first to the last sourcing decision: the rate the workers turn inbox rows into sourced orders.
    processedToSourcedPerSecond: processed,
    decidedWhenAcksFinished: decidedAtAck,
    drainSecondsAfterAcks: Math.round(drainSeconds * 10) / 10,
    // The drain's CPU per order by process (node = this process: workers and the idle intake engine).
    ...(drainOnly ? { drainPerSecond: Math.round((total - failures) / drainSeconds), drainCpuMsPerOrder: drainCpu } : {}),
    endToEndLatencyMs: { p50: pct(e2e, 50), p99: pct(e2e, 99) },
    wallSeconds: Math.round(endSeconds * 10) / 10,
    target: { ackPerSecond: 1000, ackP99Ms: 50, processedToSourcedPerSecond: 500 },
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  };
}
