import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { Order } from '../../src/shared';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, seedFixture } from '../support/fixtures';
import { testQueuePrefix } from '../support/queue-keys';
import { createTestDatabase, eventually, queueBackends, type TestDatabase } from '../support/test-database';

/**
 * Two orders never get the same unit: many orders race for a few units through the real queue
 * workers (two engines on one database, as two desks would be) and exactly the units on hand
 * are reserved — never more.
 */
describe.each(queueBackends('no oversell'))('no oversell under concurrency (queues on $name)', ({ redisUrl }) => {
  let db: TestDatabase;
  let engines: Engine[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'HOT', onHand: 5 },
      { location: 'loc-quilmes', sku: 'HOT', onHand: 4, safety: 1 },
      { location: 'loc-cordoba', sku: 'HOT', onHand: 2 },
    ]);
    const prefix = testQueuePrefix('ov');
    engines = [await startTestEngine(db.url, { redisUrl, prefix }), await startTestEngine(db.url, { redisUrl, prefix })];
  });
  afterAll(async () => {
    for (const e of engines ?? []) await e.close();
    await db?.drop();
  });

  it('60 one-unit orders for 10 promisable units: exactly 10 sourced, 50 unfillable', async () => {
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        engines[i % 2]!.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'HOT', quantity: 1 }] }) }, PLANNER),
      ),
    );
    const ids = created.map((c) => (c.order as Order).id);
    const final = await eventually(
      async () => {
        const r = await db.pool.query(
          `SELECT status, count(*)::int AS n FROM orders WHERE id = ANY($1) AND status IN ('sourced','unfillable') GROUP BY status`,
          [ids],
        );
        const by = Object.fromEntries(r.rows.map((x: { status: string; n: number }) => [x.status, x.n]));
        return (by.sourced ?? 0) + (by.unfillable ?? 0) === 60 ? by : undefined;
      },
      'all 60 orders to be decided',
      60_000,
    );
    expect(final).toEqual({ sourced: 10, unfillable: 50 });
    const stock = await db.pool.query(
      `SELECT location_id, on_hand, reserved, safety_stock FROM stock WHERE sku = 'HOT' ORDER BY location_id`,
    );
    expect(stock.rows).toEqual([
      { location_id: 'loc-cordoba', on_hand: 2, reserved: 2, safety_stock: 0 },
      { location_id: 'loc-palermo', on_hand: 5, reserved: 5, safety_stock: 0 },
      { location_id: 'loc-quilmes', on_hand: 4, reserved: 3, safety_stock: 1 },
    ]);
    const perOrder = await db.pool.query(
      `SELECT order_id, sum(quantity)::int q FROM reservations WHERE status = 'reserved' GROUP BY order_id HAVING sum(quantity) <> 1`,
    );
    expect(perOrder.rows).toEqual([]);
  });
});
