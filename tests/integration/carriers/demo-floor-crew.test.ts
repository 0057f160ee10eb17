import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startEngine, type Engine } from '../../../src/engine';
import { openDatabase } from '../../../src/engine/db/data-source';
import { seedDemoIfEmpty } from '../../../src/engine/modules/demo/seed.store';
import { migrateTestDatabase } from '../../support/engine-under-test';
import { TEST_ADMIN as ADMIN } from '../../support/sessions';
import { testQueuePrefix } from '../../support/queue-keys';
import { createTestDatabase, eventually, type TestDatabase } from '../../support/test-database';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The demo shows live tracking by itself: with the order simulator on, the floor crew picks and
 * packs through the floor endpoints, the rate shop buys the simulator's labels, and the parcels
 * travel. (A small demo catalogue keeps the seed quick; the locations and carriers are the demo's.)
 */
describe('the demo floor crew', () => {
  let db: TestDatabase;
  let engine: Engine | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = await openDatabase({ url: db.url, poolSize: 2 });
    try {
      await migrateTestDatabase(db.url);
      expect(await seedDemoIfEmpty(ds, quiet, 40)).toBe(true);
    } finally {
      await ds.destroy();
    }
    engine = await startEngine(
      loadConfig(
        {},
        {
          databaseUrl: db.url,
          demo: 'seed',
          workers: true,
          logLevel: 'warn',
          simulatorRate: 0,
          queuePrefix: testQueuePrefix(),
          dbPoolSize: 10,
        },
      ),
    );
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('picks and packs simulated orders as a supervisor would, and their parcels get carrier labels', async () => {
    await engine!.dispatch('demo.simulate', { ordersPerMinute: 240 }, ADMIN);
    const labelled = await eventually(
      async () => {
        const r = await db.pool.query(
          `SELECT s.carrier_account_id, s.tracking_number, o.status
             FROM shipments s JOIN orders o ON o.id = s.order_id
            WHERE s.carrier_account_id LIKE 'sim-%' AND s.tracking_number IS NOT NULL`,
        );
        return r.rows.length ? r.rows : undefined;
      },
      'a simulated order picked and packed by the crew, with a simulator label',
      120_000,
    );
    await engine!.dispatch('demo.simulate', { ordersPerMinute: 0 }, ADMIN);
    expect(labelled[0].tracking_number).toMatch(/^SIM-/);
    expect(['packed', 'shipped', 'delivered']).toContain(labelled[0].status);

    // Every step went through the endpoints, in the crew's name, and is in the audit log.
    const audited = (
      await db.pool.query(`SELECT DISTINCT action FROM audit_log WHERE user_id = 'demo-floor-crew' AND outcome = 'ok' ORDER BY action`)
    ).rows.map((r) => r.action);
    expect(audited).toEqual(expect.arrayContaining(['packing.pack', 'picking.completeWave', 'picking.releaseWave', 'picking.scan']));
    // Nothing the crew completed was short-picked: it scanned every unit of its waves.
    const short = await db.pool.query(
      `SELECT count(*)::int AS n FROM order_events WHERE type IN ('order.short_picked', 'order.resourcing') AND actor_id = 'demo-floor-crew'`,
    );
    expect(short.rows[0].n).toBe(0);
  }, 150_000);
});
