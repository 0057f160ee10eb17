import type { Placement } from '../../src/engine/core/sourcing/assignment-cost';
import { decide } from '../../src/engine/core/sourcing/decide';
import { DEFAULT_PROFILE_SPEC } from '../../src/engine/core/sourcing/default-profile';
import { backlogCost, exactJointOptimum } from '../../src/engine/core/sourcing/joint-optimum';
import { reoptimiseJointly, type BacklogOrder } from '../../src/engine/core/sourcing/joint-reopt';
import { StockIndex } from '../../src/engine/core/sourcing/stock-index';
import type { NetworkLocation, OrderToSource } from '../../src/engine/core/sourcing/types';
import { createRng, intBetween } from '../../src/engine/core/rng';
import { openDatabase } from '../../src/engine/db/data-source';
import { reoptimisePass } from '../../src/engine/modules/sourcing/workflows/reoptimise';
import type { JobQueue } from '../../src/engine/ports/job-queue.port';
import { migrateTestDatabase } from '../support/engine-under-test';
import { createTestDatabase } from '../support/test-database';

const NOW = new Date('2026-11-25T15:00:00Z');
const spec = DEFAULT_PROFILE_SPEC;
const round = (x: number, k: number) => Math.round(x * k) / k;

const location = (id: string, lat: number, lng: number, labour: number): NetworkLocation => ({
  id,
  name: id,
  city: 'Bench',
  kind: 'store',
  lat,
  lng,
  active: true,
  dailyCapacity: 100_000,
  openingHours: {},
  carrierCutoff: null,
  pickupCapable: true,
  channels: null,
  labourCostPerUnit: labour,
  assignedToday: 0,
});

/** Decides orders one after the other, as they arrive, each taking its units (the first decisions). */
function firstDecisions(
  orders: OrderToSource[],
  network: NetworkLocation[],
  stock: StockIndex,
  id = (i: number) => `o${i}`,
): BacklogOrder[] {
  const out: BacklogOrder[] = [];
  orders.forEach((order, i) => {
    const best = decide(spec, order, network, stock.lookup, { now: NOW, topK: 1, holders: (s) => stock.holders(s) }).options[0];
    if (!best) return;
    for (const p of best.parts) for (const l of p.lines) stock.take(p.locationId, l.sku, l.quantity);
    out.push({
      id: id(i),
      order,
      spec,
      threshold: spec.reoptimisation.threshold,
      parts: best.parts.map((p) => ({ locationId: p.locationId, lines: p.lines })),
      focus: true,
    });
  });
  return out;
}

/**
 * Small instances where arrival order and late stock create avoidable splits: five Buenos Aires
 * locations, three SKUs with one or two units here and there, six orders decided as they arrive,
 * then a unit or two received. Compared on each: first decisions only, one order at a time (the
 * former pass: no partners), the joint re-optimisation, and the joint optimum by exhaustive search.
 */
function onSmallInstances(seed: number, n: number) {
  const rng = createRng(seed);
  const sums = {
    first: { cost: 0, splits: 0 },
    alone: { cost: 0, splits: 0 },
    joint: { cost: 0, splits: 0 },
    exact: { cost: 0, splits: 0 },
  };
  let avoidable = 0;
  let withAvoidable = 0;
  for (let k = 0; k < n; k++) {
    const network = Array.from({ length: 5 }, (_, i) =>
      location(`L${i}`, -34.6 + (rng() - 0.5) * 0.4, -58.45 + (rng() - 0.5) * 0.4, 100 + intBetween(rng, 0, 80)),
    );
    const stock = new StockIndex();
    for (const l of network) for (const sku of ['A', 'B', 'C']) if (rng() < 0.5) stock.set(l.id, sku, intBetween(rng, 1, 2));
    const orders: OrderToSource[] = Array.from({ length: 6 }, () => {
      const skus = ['A', 'B', 'C'].filter(() => rng() < 0.55);
      return {
        channel: 'web',
        orderType: 'delivery',
        shipTo: { lat: -34.6 + (rng() - 0.5) * 0.4, lng: -58.45 + (rng() - 0.5) * 0.4 },
        lines: (skus.length ? skus : ['A']).map((sku) => ({ sku, quantity: 1, unitPrice: 20_000, weightGrams: 600 })),
      };
    });
    const backlog = firstDecisions(orders, network, stock);
    // Late arrivals: a unit or two received somewhere after the orders were decided.
    for (let a = intBetween(rng, 0, 2); a > 0; a--) {
      const l = network[intBetween(rng, 0, 4)]!.id;
      const sku = ['A', 'B', 'C'][intBetween(rng, 0, 2)]!;
      stock.set(l, sku, stock.get(l, sku) + 1);
    }
    if (!backlog.length) continue;
    const final = (moves: { orderId: string; after: { parts: Placement[] } }[]) => new Map(moves.map((m) => [m.orderId, m.after.parts]));
    const first = backlogCost(backlog, new Map(), network, stock);
    const alone = backlogCost(
      backlog,
      final(reoptimiseJointly(backlog, network, stock, { now: NOW, maxMoves: 100, partners: 0 }).moves),
      network,
      stock,
    );
    const joint = backlogCost(
      backlog,
      final(reoptimiseJointly(backlog, network, stock, { now: NOW, maxMoves: 100 }).moves),
      network,
      stock,
    );
    const exact = backlogCost(backlog, exactJointOptimum(backlog, network, stock, { now: NOW }).placements, network, stock);
    for (const [key, v] of Object.entries({ first, alone, joint, exact })) {
      sums[key as keyof typeof sums].cost += v.cost;
      sums[key as keyof typeof sums].splits += v.splitOrders;
    }
    const a = Math.max(0, first.splitOrders - exact.splitOrders);
    avoidable += a;
    if (a) withAvoidable++;
  }
  const removed = (x: { splits: number }) => round((sums.first.splits - x.splits) / Math.max(1, avoidable), 1000);
  const gap = (x: { cost: number }) => round(x.cost / sums.exact.cost - 1, 10_000);
  return {
    instances: n,
    instancesWithAvoidableSplits: withAvoidable,
    splitOrders: {
      firstDecisions: sums.first.splits,
      oneAtATime: sums.alone.splits,
      joint: sums.joint.splits,
      jointOptimum: sums.exact.splits,
    },
    avoidableSplits: avoidable,
    shareOfAvoidableSplitsRemoved: { oneAtATime: removed(sums.alone), joint: removed(sums.joint) },
    totalCost: {
      firstDecisions: round(sums.first.cost, 1),
      oneAtATime: round(sums.alone.cost, 1),
      joint: round(sums.joint.cost, 1),
      jointOptimum: round(sums.exact.cost, 1),
    },
    costGapToJointOptimum: { firstDecisions: gap(sums.first), oneAtATime: gap(sums.alone), joint: gap(sums.joint) },
    target: { shareOfAvoidableSplitsRemoved: 0.4 },
  };
}

/**
 * Time to walk a waiting backlog of `n` orders in passes of `batch` (each with up to 2 × batch
 * partner orders holding the same SKUs), in memory: the solver's share of a pass. 200 locations,
 * 2,000 SKUs, orders decided as they arrive.
 */
function passTimes(seed: number, n: number, batch: number) {
  const rng = createRng(seed);
  const network = Array.from({ length: 200 }, (_, i) => location(`L${i}`, -30 - rng() * 8, -57 - rng() * 8, 50 + intBetween(rng, 0, 250)));
  const stock = new StockIndex();
  for (let s = 0; s < 2000; s++)
    for (let h = intBetween(rng, 2, 12); h > 0; h--) stock.set(network[intBetween(rng, 0, 199)]!.id, `S${s}`, intBetween(rng, 5, 60));
  const orders: OrderToSource[] = Array.from({ length: n }, () => ({
    channel: 'web',
    orderType: 'delivery',
    shipTo: { lat: -30 - rng() * 8, lng: -57 - rng() * 8 },
    lines: [...new Set(Array.from({ length: intBetween(rng, 1, 3) }, () => `S${Math.floor(rng() ** 2 * 2000)}`))].map((sku) => ({
      sku,
      quantity: 1,
      unitPrice: 20_000,
      weightGrams: 500,
    })),
  }));
  // Orders whose stock ran out are left unsourced: the backlog is those sourced.
  const backlog = firstDecisions(orders, network, stock);
  const bySku = new Map<string, number[]>();
  backlog.forEach((b, i) => b.order.lines.forEach((l) => bySku.set(l.sku, [...(bySku.get(l.sku) ?? []), i])));
  const times: number[] = [];
  let moved = 0;
  const t0 = performance.now();
  for (let start = 0; start < backlog.length; start += batch) {
    const focus = backlog.slice(start, start + batch);
    const partners = new Set<number>();
    for (const f of focus)
      for (const l of f.order.lines)
        for (const i of bySku.get(l.sku) ?? []) {
          if (partners.size >= batch * 2) break;
          if (i < start || i >= start + batch) partners.add(i);
        }
    const group = [...focus, ...[...partners].map((i) => ({ ...backlog[i]!, focus: false }))];
    const s = performance.now();
    moved += reoptimiseJointly(group, network, stock, { now: NOW, maxMoves: 100 }).moves.length;
    times.push(performance.now() - s);
  }
  const seconds = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    waitingOrders: n,
    sourced: backlog.length,
    batch,
    passes: times.length,
    secondsToExamineAll: round(seconds, 100),
    // With a pass every periodSeconds (the profile's default), every waiting order is examined within:
    minutesToExamineAllAtDefaultPeriod: round((times.length * spec.reoptimisation.periodSeconds) / 60, 10),
    passP50ms: round(times[Math.floor(times.length / 2)] ?? 0, 10),
    passP99ms: round(times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0, 10),
    moved,
  };
}

/**
 * The pass as the engine runs it, on a real Postgres holding `n` waiting orders (sourced, one or
 * two lines, reserved at a random holder of each SKU among 200 locations, so many can move): the
 * first `passes` passes of `batch` orders each — taking the batch, loading it with its partners,
 * solving, applying the moves — timed one by one.
 */
async function dbPasses(n: number, batch: number, passes: number) {
  const db = await createTestDatabase();
  try {
    await migrateTestDatabase(db.url);
    console.error(`bench sourcing: re-optimisation passes on Postgres over ${n} waiting orders`);
    await db.pool.query(`
      INSERT INTO locations (id, code, name, kind, city, lat, lng, daily_capacity)
      SELECT 'r-' || g, 'R-' || g, 'Reopt ' || g, 'store', 'City ' || g, -30 - (g * 7919 % 800) / 100.0, -57 - (g * 104729 % 800) / 100.0, 1000000
      FROM generate_series(1, 200) g`);
    await db.pool.query(
      `INSERT INTO products (sku, name, price, weight_grams) SELECT 'R' || g, 'Product ' || g, 1000, 500 FROM generate_series(0, 1999) g`,
    );
    await db.pool.query(`
      INSERT INTO stock (location_id, sku, on_hand)
      SELECT DISTINCT ON (loc, sku) loc, sku, 1000 FROM (
        SELECT 'r-' || (1 + (hashint4(g * 31 + k) & 2147483647) % 200) AS loc, 'R' || g AS sku FROM generate_series(0, 1999) g, generate_series(1, 8) k) t`);
    await db.pool.query(`
      CREATE TEMP TABLE made AS
      SELECT gen_random_uuid() AS id, g, 'R' || (hashint4(g) & 2147483647) % 2000 AS sku1,
             CASE WHEN g % 3 = 0 THEN 'R' || (hashint4(g * 7) & 2147483647) % 2000 END AS sku2
      FROM generate_series(1, ${n}) g;
      UPDATE made SET sku2 = NULL WHERE sku2 = sku1;
      INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, raw, payload_hash, created_at, updated_at)
      SELECT id, 'web', 'reopt-' || g, 'sourced', '{"name":"b"}',
             jsonb_build_object('line1', 'x', 'city', 'x', 'country', 'AR', 'lat', -30 - (g % 800) / 100.0, 'lng', -57 - (g * 13 % 800) / 100.0),
             'ARS', 1, '{}', 'h', now() - interval '1 hour', now() - interval '1 hour'
      FROM made;
      INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
      SELECT id, 1, sku1, 1, 20000 FROM made UNION ALL SELECT id, 2, sku2, 1, 20000 FROM made WHERE sku2 IS NOT NULL;
      CREATE TEMP TABLE placed AS
      SELECT l.order_id, l.sku, (SELECT s.location_id FROM stock s WHERE s.sku = l.sku ORDER BY hashint4(hashtext(l.order_id::text || s.location_id)) LIMIT 1) AS loc
      FROM order_lines l JOIN made m ON m.id = l.order_id;
      CREATE TEMP TABLE fos AS SELECT DISTINCT order_id, loc, gen_random_uuid() AS fo FROM (SELECT DISTINCT order_id, loc FROM placed) d;
      INSERT INTO fulfilment_orders (id, order_id, location_id, status, created_at) SELECT fo, order_id, loc, 'assigned', now() - interval '1 hour' FROM fos;
      INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
      SELECT p.order_id, f.fo, p.loc, p.sku, 1, 'reserved', 'web' FROM placed p JOIN fos f ON f.order_id = p.order_id AND f.loc = p.loc;
      UPDATE stock s SET reserved = r.q FROM (SELECT location_id, sku, count(*)::int AS q FROM reservations GROUP BY 1, 2) r
      WHERE s.location_id = r.location_id AND s.sku = r.sku;
      INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, actor)
      SELECT location_id, sku, on_hand, reserved, 'initial', 'bench' FROM stock;
      ANALYZE;`);
    const ds = await openDatabase({ url: db.url, poolSize: 4 });
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const deps = { ds, log, queue: {} as JobQueue };
    const times: number[] = [];
    let moved = 0;
    for (let i = 0; i < passes; i++) {
      const t0 = performance.now();
      const r = await reoptimisePass(deps, { limit: batch, minAgeMs: 0 });
      times.push(performance.now() - t0);
      moved += r.changed;
    }
    await ds.destroy();
    const sorted = [...times].sort((a, b) => a - b);
    const perPass = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return {
      waitingOrders: n,
      batch,
      passesTimed: passes,
      passP50ms: round(perPass, 10),
      passMaxms: round(sorted[sorted.length - 1] ?? 0, 10),
      moved,
      passesToExamineAll: Math.ceil(n / batch),
      // Every waiting order is examined within this many minutes at the profile's default period (a pass takes far less than a period).
      minutesToExamineAllAtDefaultPeriod: round((Math.ceil(n / batch) * spec.reoptimisation.periodSeconds) / 60, 10),
    };
  } finally {
    await db.drop();
  }
}

/** The re-optimisation section of `npm run bench sourcing`. */
export async function reoptimisationSection(
  seed: number,
  opts: { instances: number; backlogs: number[]; batch: number; dbPasses: number },
) {
  console.error(
    `bench sourcing: re-optimisation on ${opts.instances} small instances, then passes over ${opts.backlogs.join(', ')} waiting orders`,
  );
  const onDatabase = [];
  if (opts.dbPasses > 0) for (const n of opts.backlogs) onDatabase.push(await dbPasses(n, opts.batch, opts.dbPasses));
  return {
    quality: onSmallInstances(seed, opts.instances),
    solverPasses: opts.backlogs.map((n) => passTimes(seed + n, n, opts.batch)),
    onDatabase,
    note: "solverPasses: the solver alone, in memory, walking the whole backlog; onDatabase: the engine's pass on a real Postgres (take the batch, load it with its partners, solve, apply the moves), the first passes timed",
  };
}
