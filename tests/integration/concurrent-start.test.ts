import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, startEngine, type Engine } from '../../src/engine';
import { migrations } from '../../src/engine/db/migrations';
import { readDemoLocations } from '../../src/engine/modules/demo/seed.store';
import { PLANNER } from '../support/engine-under-test';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const NODES = 6;

/**
 * Nodes started together on an empty shared database (an intake node, worker nodes, desks) all
 * come up: one migrates — the migrations, the SQL functions, BullMQ's own schema — and seeds the
 * demo retailer while the others wait for it, then find nothing left to do.
 */
describe(`${NODES} engines started at once on one empty database`, () => {
  let db: TestDatabase | undefined;
  const engines: Engine[] = [];
  afterAll(async () => {
    for (const e of engines) await e.close();
    await db?.drop();
  });

  it('all come up, and the migrations and the demo seed ran exactly once', async () => {
    db = await createTestDatabase();
    const prefix = testQueuePrefix('race');
    const started = await Promise.allSettled(
      Array.from({ length: NODES }, (_, i) =>
        startEngine(
          loadConfig(
            {},
            {
              databaseUrl: db!.url,
              demo: 'seed',
              workers: i % 2 === 0,
              logLevel: 'warn',
              simulatorRate: 0,
              queuePrefix: prefix,
              dbPoolSize: 2,
              workerConcurrency: 1,
            },
          ),
        ),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') engines.push(s.value);
    expect(started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);

    const q = async (sql: string) => (await db!.pool.query(sql)).rows;
    const applied = await q(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
    expect(applied).toHaveLength(migrations.length);
    expect(applied.filter((r) => r.n !== 1)).toEqual([]);

    expect(await q(`SELECT count(*)::int AS n FROM locations`)).toEqual([{ n: readDemoLocations().length }]);
    expect(await q(`SELECT count(*)::int AS n FROM products`)).toEqual([{ n: 3000 }]);
    // One opening ledger row per stock row the seed filled, none twice.
    const [ledger] = await q(
      `SELECT count(*)::int AS n, count(DISTINCT (location_id, sku))::int AS distinct_rows FROM stock_movements WHERE actor = 'demo-seed'`,
    );
    expect(ledger.n).toBe(ledger.distinct_rows);
    expect(await q(`SELECT count(*)::int AS n FROM stock WHERE on_hand <> 0`)).toEqual([{ n: ledger.n }]);

    // Every node answers.
    for (const e of engines) expect((await e.dispatch('locations.list', {}, PLANNER)).length).toBe(readDemoLocations().length);
  });
});
