import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Actor, Engine } from '../../src/engine';
import { CarrierHttpPool, DEFAULT_CARRIER_HTTP } from '../../src/engine/adapters/carriers/carrier-http';
import { carrierAdapter } from '../../src/engine/adapters/carriers/registry';
import { encodeSimulatorId } from '../../src/engine/adapters/carriers/simulator-id';
import type { CarrierIo } from '../../src/engine/ports/carrier.port';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { startEnviaRun } from '../support/carriers/envia-harness';
import { migrateTestDatabase, startTestEngine } from '../support/engine-under-test';
import { seedFixture } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { startWorkerNode, type WorkerNode } from './worker-node';
import { pgbenchN as pgbenchYardstick } from './yardstick';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

const ADMIN: Actor = { id: 'bench-admin', name: 'Bench', role: 'admin' };
const STEP_MS = 60_000;
/** The simulator's journey, one webhook per scan: label made, first scan, hub, out for delivery, delivered. */
const SCANS = ['LBL', 'ADM', 'HUB', 'OFD', 'DLV'];

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function lanes(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** N packed home-delivery orders, each with one labelled shipment (`ready`) at the simulator, written in bulk. */
async function seedShipments(db: TestDatabase, accountId: string, n: number, labelledAt: number, tag: string): Promise<string[]> {
  const numbers = Array.from({ length: n }, (_, i) =>
    encodeSimulatorId({
      createdAt: new Date(labelledAt - i),
      service: 'standard',
      postcode: '1425',
      labels: 'sync',
      reference: `AT-${tag}${i}-1`,
    }),
  );
  await db.pool.query(
    `WITH o AS (
       INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, location_id, raw, payload_hash)
       SELECT gen_random_uuid(), 'web', $4 || i, 'packed', '{"name":"Cliente"}',
         '{"line1":"Av. Santa Fe 3253","city":"Buenos Aires","region":"CABA","postalCode":"1425","country":"AR"}',
         'ARS', 1, 'loc-palermo', '{}', 'bench' FROM generate_series(0, $1 - 1) AS i RETURNING id, external_id)
     INSERT INTO shipments (id, order_id, location_id, carrier, carrier_account_id, service, status, tracking_number, external_id)
     SELECT gen_random_uuid(), o.id, 'loc-palermo', 'simulator', $2, 'standard', 'ready', t.tn, t.tn
     FROM o JOIN unnest($3::text[]) WITH ORDINALITY AS t(tn, k) ON o.external_id = $4 || (t.k - 1)`,
    [n, accountId, numbers, `bench-${tag}-`],
  );
  return numbers;
}

/** A headless engine node in its own process: the worker that applies the webhooks (production topology). */
interface WaveResult {
  seconds: number;
  statuses: Record<string, number>;
  duplicates: number;
  latencies: number[];
}

/** The carrier in its own process; `send(file)` posts one wave and answers its figures. */
function startCarrier(base: string, accountId: string, secret: string, clients: number) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./carrier-load-generator.mjs', import.meta.url)), base, accountId, secret, String(clients)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async send(file: string): Promise<WaveResult> {
      child.stdin!.write(`${file}\n`);
      const next = await lines.next();
      if (next.done) throw new Error('the load generator ended');
      return JSON.parse(next.value) as WaveResult;
    },
    async stop() {
      child.stdin!.end();
      await once(child, 'exit');
    },
  };
}

/**
 * `npm run bench tracking`:
 * - webhooks: N parcels (packed orders, labels made at the simulator) travel their whole journey;
 *   the carrier posts one signed webhook per scan (label, first scan, hub, out for delivery,
 *   delivered — 5 per parcel) and redelivers `--dup` of them, in waves as the simulator's clock
 *   moves, from its own process over real HTTP to the intake node (this process). Worker node(s)
 *   (`--worker-nodes`, headless processes; 0 = this process) re-fetch the named shipments from the
 *   carrier and apply them (orders shipped, then delivered). Twice, with parcels of their own:
 *   `together` — the workers apply while the carrier posts, everything sharing this box's cores
 *   (webhooks applied per second from the first post until every order is delivered); `staged` —
 *   each wave posted while the worker nodes are held (SIGSTOP), then applied with the intake idle,
 *   so each stage's own rate shows (intake and worker nodes are separate machines in production).
 *   Reported: posts/s at intake, webhooks applied/s (target ≥ 2,000/s each), acknowledgement latency
 *   as the carrier sees it (p50/p99/max), and ratios to pgbench -N on the same server.
 * - labels: Envia shipments with their labels, bought from Envia's loopback server through the one
 *   carrier HTTP client (CarrierHttpPool: timeouts, retries, breaker) from `--label-clients` callers
 *   (target ≥ 100/s).
 * Options: --parcels 2000 --dup 0.2 --clients 32 --worker-nodes 2 --labels 1000 --label-clients 16
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      parcels: { type: 'string', default: '2000' },
      dup: { type: 'string', default: '0.2' },
      clients: { type: 'string', default: '32' },
      'worker-nodes': { type: 'string', default: '2' },
      labels: { type: 'string', default: '1000' },
      'label-clients': { type: 'string', default: '16' },
    },
  });
  const n = Number(values.parcels);
  const dupShare = Number(values.dup);
  const clients = Number(values.clients);
  const workerNodes = Number(values['worker-nodes']);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env.ATALAYA_SECRET_KEY ??= randomBytes(32).toString('base64');

  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  await seedFixture(db.pool, []);
  const yardstick = pgbenchYardstick(db);
  const prefix = testQueuePrefix();
  const engine: Engine = await startTestEngine(db.url, { redisUrl, prefix, workers: workerNodes === 0, dbPoolSize: 20 });
  const app = await buildHttpApp(engine, { apiActor: API_ACTOR });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const dir = mkdtempSync(join(tmpdir(), 'atalaya-tracking-bench-'));
  const nodes: WorkerNode[] = [];
  try {
    console.error(`bench tracking: starting ${workerNodes} worker node(s)`);
    nodes.push(...(await Promise.all(Array.from({ length: workerNodes }, () => startWorkerNode(db.url, redisUrl, prefix)))));
    const journey = (tag: string, staged: boolean) =>
      parcelJourney({ db, engine, base, dir, tag, n, dupShare, clients, staged, nodes: staged ? nodes : [] });
    const together = await journey('T', false);
    const staged = workerNodes > 0 ? await journey('S', true) : null;
    const labels = await labelBench(Number(values.labels), Number(values['label-clients']));
    const ratio = (perSecond: number) => ('simpleUpdateTps' in yardstick ? round(perSecond / yardstick.simpleUpdateTps, 3) : undefined);
    return {
      bench: 'tracking',
      yardstick: { pgbench: yardstick },
      parcels: n,
      webhooksPerParcel: SCANS.length,
      redelivered: dupShare,
      clients,
      workerNodes,
      target: 'webhooks ingested and applied >= 2000/s; labels >= 100/s',
      together: { ...together, ratioToPgbenchN: ratio(together.appliedPerSecond) },
      ...(staged
        ? {
            staged: {
              ...staged,
              ratioToPgbenchN: { ingest: ratio(staged.ingestPerSecond), apply: ratio(staged.appliedPerSecond) },
            },
          }
        : {}),
      labels,
    };
  } finally {
    for (const node of nodes) await node.stop().catch(() => undefined);
    await app.close();
    await engine.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface JourneyOptions {
  db: TestDatabase;
  engine: Engine;
  base: string;
  dir: string;
  tag: string;
  n: number;
  dupShare: number;
  clients: number;
  /** Staged: the worker nodes are held (SIGSTOP) while each wave is posted, then released to apply it alone. */
  staged: boolean;
  nodes: WorkerNode[];
}

/**
 * N parcels of their own carrier account travel their whole journey: one wave of signed webhooks
 * per scan (plus redeliveries) as the simulator's clock moves, until every order is delivered.
 * Together: the worker nodes apply while the carrier posts (all on this box's cores). Staged: each
 * wave is posted with the workers held, then applied with the intake idle — each stage's own rate.
 */
async function parcelJourney(o: JourneyOptions) {
  const { db, engine, n } = o;
  const secret = `whsec-${randomBytes(8).toString('hex')}`;
  const accountId = `sim-bench-${o.tag.toLowerCase()}`;
  await engine.dispatch(
    'carriers.save',
    {
      id: accountId,
      kind: 'simulator',
      name: `Correo Simulado ${o.tag}`,
      settings: { stepSeconds: String(STEP_MS / 1000) },
      secrets: { webhookSecret: secret },
    },
    ADMIN,
  );
  const labelledAt = Date.now();
  const numbers = await seedShipments(db, accountId, n, labelledAt, o.tag);
  const carrier = startCarrier(o.base, accountId, secret, o.clients);
  // Wave k: the simulator's clock half a step past scan k, then one webhook per parcel naming it
  // (and a share of them delivered twice, as carriers retry).
  const files = SCANS.map((scan, k) => {
    const items: [string, string][] = numbers.map((tn, i) => [tn, `dlv-${o.tag}-${i}-${scan}`]);
    const dups = Math.round(n * o.dupShare);
    for (let d = 0; d < dups; d++) {
      const j = Math.floor((d * n) / dups);
      items.splice(Math.floor(((d + 1) * items.length) / dups), 0, [numbers[j]!, `dlv-${o.tag}-${j}-${scan}`]);
    }
    const file = join(o.dir, `wave-${o.tag}-${k}.json`);
    writeFileSync(file, JSON.stringify(items));
    return file;
  });
  const pending = async () =>
    (
      await db.pool.query(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE processed_at IS NULL AND carrier_account_id = $1`, [
        accountId,
      ])
    ).rows[0].n as number;
  console.error(
    `bench tracking (${o.staged ? 'staged' : 'together'}): ${SCANS.length} waves of ${n} webhooks (+${Math.round(o.dupShare * 100)} % redelivered) from ${o.clients} clients`,
  );
  const waves: WaveResult[] = [];
  let applySeconds = 0;
  const t0 = performance.now();
  try {
    for (let k = 0; k < SCANS.length; k++) {
      const offset = k * STEP_MS + STEP_MS / 2 - (Date.now() - labelledAt);
      await db.pool.query(
        `UPDATE carrier_accounts SET settings = settings || jsonb_build_object('clockOffsetMs', $2::text) WHERE id = $1`,
        [accountId, String(Math.max(0, Math.round(offset)))],
      );
      if (o.staged) for (const node of o.nodes) node.hold();
      waves.push(await carrier.send(files[k]!));
      if (o.staged) {
        const a = performance.now();
        for (const node of o.nodes) node.release();
        await eventually(async () => ((await pending()) === 0 ? true : undefined), `wave ${k} applied`, 600_000);
        applySeconds += (performance.now() - a) / 1000;
      }
    }
  } finally {
    for (const node of o.nodes) node.release();
    await carrier.stop();
  }
  const ingestSeconds = (performance.now() - t0) / 1000;
  await eventually(
    async () => {
      const r = await db.pool.query(`SELECT count(*)::int AS delivered FROM orders WHERE status = 'delivered' AND external_id LIKE $1`, [
        `bench-${o.tag}-%`,
      ]);
      return (await pending()) === 0 && r.rows[0].delivered === n ? true : undefined;
    },
    'every webhook applied and every order delivered',
    600_000,
  );
  const allSeconds = (performance.now() - t0) / 1000;
  const counts = (
    await db.pool.query(
      `SELECT (SELECT count(*)::int FROM carrier_webhooks WHERE carrier_account_id = $1) AS kept,
              (SELECT count(*)::int FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id WHERE s.carrier_account_id = $1) AS events,
              (SELECT count(*)::int FROM tracking_events e JOIN shipments s ON s.id = e.shipment_id WHERE s.carrier_account_id = $1 AND e.applied) AS applied_events`,
      [accountId],
    )
  ).rows[0];
  const latencies = waves.flatMap((w) => w.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const w of waves) for (const [st, c] of Object.entries(w.statuses)) statuses[st] = (statuses[st] ?? 0) + c;
  const unique = n * SCANS.length;
  const postSeconds = waves.reduce((a, w) => a + w.seconds, 0);
  return {
    unique,
    posted: latencies.length,
    answeredDuplicate: waves.reduce((a, w) => a + w.duplicates, 0),
    statuses,
    kept: counts.kept,
    trackingEvents: counts.events,
    appliedEvents: counts.applied_events,
    ingestPerSecond: Math.round(latencies.length / postSeconds),
    appliedPerSecond: Math.round(unique / (o.staged ? applySeconds : allSeconds)),
    seconds: o.staged
      ? { posting: round(postSeconds, 2), applying: round(applySeconds, 2) }
      : { posting: round(ingestSeconds, 2), untilAllApplied: round(allSeconds, 2) },
    ackMs: { p50: round(pct(latencies, 50), 2), p99: round(pct(latencies, 99), 2), max: round(latencies.at(-1) ?? 0, 2) },
  };
}

/** Envia labels bought against its loopback server through CarrierHttpPool (after 50 untimed). */
async function labelBench(count: number, clients: number) {
  const envia = await startEnviaRun();
  const adapter = carrierAdapter('envia');
  const pool = new CarrierHttpPool(DEFAULT_CARRIER_HTTP);
  const io: CarrierIo = { http: pool.forAccount(envia.account.id, 'Envia'), now: () => new Date(), saveSecrets: async () => undefined };
  const buy = async (ref: string) => {
    const r = await adapter.createShipment(envia.account, envia.shipmentRequest(ref), io);
    if (r.state !== 'created') throw new Error(`bench: Envia answered ${r.state} for ${ref}`);
    const label = r.label ?? (await adapter.label(envia.account, r.externalId, 'pdf', io));
    if (!label.bytes.length) throw new Error(`bench: empty label for ${ref}`);
  };
  try {
    await lanes(50, clients, (i) => buy(`WARM-${i}`));
    console.error(`bench tracking: buying ${count} Envia labels from ${clients} clients`);
    const t = performance.now();
    await lanes(count, clients, (i) => buy(`AT-L${i}-1`));
    const seconds = (performance.now() - t) / 1000;
    return {
      carrier: 'envia: its loopback server, the adapter through CarrierHttpPool (create + label bytes)',
      labels: count,
      clients,
      purchases: envia.purchases(),
      labelsPerSecond: Math.round(count / seconds),
      seconds: round(seconds, 2),
      target: '>= 100/s',
    };
  } finally {
    await envia.stop();
  }
}
