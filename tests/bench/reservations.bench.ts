import { parseArgs } from 'node:util';
import type { Actor } from '../../src/engine';
import { createDataSource } from '../../src/engine/db/data-source';
import { holdStock } from '../../src/engine/modules/inventory/stock.store';
import { migrateTestDatabase } from '../support/engine-under-test';
import { createTestDatabase } from '../support/test-database';
import { asRatios, measureYardstick } from './yardstick';

const ACTOR: Actor = { id: 'bench', name: 'bench', role: 'system' };

/**
 * Reservations/s through the guarded single-statement hold (the same guard orders use):
 * - hot: C concurrent clients race for one SKU at one location until it is gone — zero oversell required;
 * - spread: C clients reserve random SKUs among 10,000 (over 10 locations) for a fixed number of holds.
 * Options: --clients 200 --pool 32 --hot-units 20000 --spread-holds 30000
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '200' },
      pool: { type: 'string', default: '32' },
      'hot-units': { type: 'string', default: '20000' },
      'spread-holds': { type: 'string', default: '30000' },
    },
  });
  const clients = Number(values.clients);
  const hotUnits = Number(values['hot-units']);
  const spreadHolds = Number(values['spread-holds']);
  const db = await createTestDatabase();
  await migrateTestDatabase(db.url);
  await db.pool.query(`
    INSERT INTO locations (id, code, name, kind, city, lat, lng) SELECT 'b-' || g, 'B-' || g, 'Bench ' || g, 'store', 'City', -34, -58 FROM generate_series(1, 10) g;
    INSERT INTO products (sku, name) SELECT 'SKU-' || g, 'P' || g FROM generate_series(1, 10000) g;
    INSERT INTO products (sku, name) VALUES ('HOT', 'Hot');`);
  await db.pool.query(
    `WITH s AS (INSERT INTO stock (location_id, sku, on_hand) SELECT 'b-' || (1 + g % 10), 'SKU-' || g, 1000000 FROM generate_series(1, 10000) g
                UNION ALL SELECT 'b-1', 'HOT', $1 RETURNING location_id, sku, on_hand)
     INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) SELECT location_id, sku, on_hand, 'initial', 'bench' FROM s`,
    [hotUnits],
  );
  await db.pool.query('ANALYZE');
  const ds = createDataSource({ url: db.url, poolSize: Number(values.pool) });
  await ds.initialize();
  console.error(
    `bench reservations: ${clients} clients over ${values.pool} connections; hot SKU with ${hotUnits} units; spread ${spreadHolds} holds over 10,000 SKUs`,
  );

  // Hot: every client reserves one unit at a time until refused.
  let held = 0;
  let refused = 0;
  let t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const h = await holdStock(ds.manager, { locationId: 'b-1', sku: 'HOT', quantity: 1, channel: 'web', ref: 'bench' }, ACTOR);
        if (!h) {
          refused++;
          return;
        }
        held++;
      }
    }),
  );
  const hotSeconds = (performance.now() - t0) / 1000;
  const hot = (
    await db.pool.query(
      `SELECT on_hand, reserved, (SELECT sum(quantity)::int FROM reservations WHERE sku = 'HOT' AND status = 'reserved') AS open FROM stock WHERE sku = 'HOT'`,
    )
  ).rows[0];

  // Spread: random SKUs.
  let next = 0;
  let spreadRefused = 0;
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let x = c * 7919 + 1;
      while (next++ < spreadHolds) {
        x = (x * 48271) % 2147483647;
        const g = 1 + (x % 10000);
        const h = await holdStock(
          ds.manager,
          { locationId: `b-${1 + (g % 10)}`, sku: `SKU-${g}`, quantity: 1, channel: 'web', ref: 'bench' },
          ACTOR,
        );
        if (!h) spreadRefused++;
      }
    }),
  );
  const spreadSeconds = (performance.now() - t0) / 1000;
  const check = (
    await db.pool.query(`
    SELECT count(*) FILTER (WHERE reserved > on_hand)::int AS oversold,
           count(*) FILTER (WHERE on_hand <> (SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements m WHERE m.location_id = s.location_id AND m.sku = s.sku))::int AS ledger_mismatch
    FROM stock s`)
  ).rows[0];
  await ds.destroy();
  await db.drop();
  const yardstick = await measureYardstick();
  const hotRate = Math.round(held / hotSeconds);
  const spreadRate = Math.round(spreadHolds / spreadSeconds);
  return {
    bench: 'reservations',
    yardstick,
    ratioToPgbenchTps: asRatios({ hot: hotRate, spread: spreadRate }, yardstick),
    targetRatio: { hot: 0.6, spread: 1.5 },
    clients,
    connections: Number(values.pool),
    hot: {
      units: hotUnits,
      held,
      refused,
      oversold: held - hotUnits > 0 ? held - hotUnits : 0,
      reserved: hot.reserved,
      openReservations: hot.open,
      zeroOversell: hot.reserved === hotUnits && held === hotUnits && hot.open === hotUnits,
      reservationsPerSecond: hotRate,
      seconds: Math.round(hotSeconds * 10) / 10,
    },
    spread: {
      skus: 10_000,
      holds: spreadHolds,
      refused: spreadRefused,
      reservationsPerSecond: spreadRate,
      seconds: Math.round(spreadSeconds * 10) / 10,
    },
    invariants: { rowsOversold: check.oversold, rowsLedgerMismatch: check.ledger_mismatch },
    target: { hotReservationsPerSecond: 1000, spreadReservationsPerSecond: 3000 },
    note: 'each hold is one single-statement transaction that frees the row at commit (synchronous_commit off for that transaction only) and is acknowledged after a durable WAL flush (see holdStock); numbers on a shared 2-core machine are indicative only',
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  };
}
