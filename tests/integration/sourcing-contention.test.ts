import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { Order } from '../../src/shared';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * Sourcing reserves its best option in one statement; when a concurrent change takes one line's
 * stock while that statement runs, it raises and keeps nothing (no half-reserved lines), and the
 * order is sourced again in a transaction. Made deterministic here: a second connection holds the
 * lock on one line's stock row, the sourcing reservation waits on it, and the stock is taken before
 * the lock is released.
 */
describe('a multi-line reservation that fails part-way is undone as a whole', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'CT-A', onHand: 5 },
      { location: 'loc-palermo', sku: 'CT-B', onHand: 5 },
      { location: 'loc-quilmes', sku: 'CT-A', onHand: 5 },
      { location: 'loc-quilmes', sku: 'CT-B', onHand: 5 },
    ]));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('the order goes to the next location whole, and the first location keeps none of its units', async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM stock WHERE location_id = 'loc-palermo' AND sku = 'CT-B' FOR UPDATE`);
      // Palermo is nearest to the order's address: the decision's first option.
      const created = await engine.dispatch(
        'orders.create',
        {
          order: anOrder({
            lines: [
              { sku: 'CT-A', quantity: 2 },
              { sku: 'CT-B', quantity: 2 },
            ],
          }),
        },
        PLANNER,
      );
      const id = (created.order as Order).id;
      await eventually(async () => {
        const r = await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return r.rowCount ? true : undefined;
      }, 'the sourcing reservation to wait on the locked stock row');
      // Another channel's sale takes Palermo's CT-B while sourcing waits (a ledger row: stock follows it).
      await other.query(
        `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-palermo', 'CT-B', -5, 'sold elsewhere', 'test')`,
      );
      await other.query('COMMIT');

      const order = await eventually(async () => {
        const d = await engine.dispatch('orders.get', { id }, PLANNER);
        return d.status === 'sourced' ? d : undefined;
      }, 'the order to be sourced');
      expect(order.locationId).toBe('loc-quilmes');
      const stock = await db.pool.query(`SELECT location_id, sku, on_hand, reserved FROM stock ORDER BY location_id, sku`);
      expect(stock.rows).toEqual([
        { location_id: 'loc-palermo', sku: 'CT-A', on_hand: 5, reserved: 0 },
        { location_id: 'loc-palermo', sku: 'CT-B', on_hand: 0, reserved: 0 },
        { location_id: 'loc-quilmes', sku: 'CT-A', on_hand: 5, reserved: 2 },
        { location_id: 'loc-quilmes', sku: 'CT-B', on_hand: 5, reserved: 2 },
      ]);
      const held = await db.pool.query(
        `SELECT location_id, sku, quantity FROM reservations WHERE order_id = $1 AND status = 'reserved' ORDER BY sku`,
        [id],
      );
      expect(held.rows).toEqual([
        { location_id: 'loc-quilmes', sku: 'CT-A', quantity: 2 },
        { location_id: 'loc-quilmes', sku: 'CT-B', quantity: 2 },
      ]);
      // The ledger agrees with the stock: the undone pass left no movement behind.
      const drift = await db.pool.query(`
        SELECT s.location_id, s.sku FROM stock s
        LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
        WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0)`);
      expect(drift.rows).toEqual([]);
      const events = await db.pool.query(`SELECT type FROM order_events WHERE order_id = $1 ORDER BY id`, [id]);
      expect(events.rows.map((r: { type: string }) => r.type).filter((t: string) => t === 'order.sourced')).toHaveLength(1);
    } finally {
      await other.end();
    }
  });
});
