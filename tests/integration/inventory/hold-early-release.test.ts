import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/engine';
import { createDataSource, inTransaction } from '../../../src/engine/db/data-source';
import { holdStock } from '../../../src/engine/modules/inventory/stock.store';
import { migrateTestDatabase } from '../../support/engine-under-test';
import { seedFixture } from '../../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const ACTOR: Actor = { id: 'u-test', name: 'Test', role: 'system' };

/**
 * holdStock outside a caller's transaction commits its single statement with synchronous_commit
 * off for that transaction only (the hot row is released before the WAL flush) and acknowledges
 * after a durable flush. Real Postgres: the guard still refuses the unit that is not there.
 */
describe('holdStock: early row release, durable acknowledgement', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'HOT-1', onHand: 10 },
      { location: 'loc-palermo', sku: 'TX-1', onHand: 5 },
    ]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('50 concurrent holds on 10 units: exactly 10 held, reserved and ledger agree', async () => {
    const ds = createDataSource({ url: db.url, poolSize: 8 });
    await ds.initialize();
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          holdStock(ds.manager, { locationId: 'loc-palermo', sku: 'HOT-1', quantity: 1, channel: 'web', ref: 'race' }, ACTOR),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(10);
      const row = (await db.pool.query(`SELECT on_hand, reserved FROM stock WHERE location_id = 'loc-palermo' AND sku = 'HOT-1'`)).rows[0];
      expect(row).toEqual({ on_hand: 10, reserved: 10 });
      const open = (
        await db.pool.query(
          `SELECT count(*)::int AS n, sum(quantity)::int AS q FROM reservations WHERE sku = 'HOT-1' AND status = 'reserved'`,
        )
      ).rows[0];
      expect(open).toEqual({ n: 10, q: 10 });
      const ledger = (
        await db.pool.query(`SELECT sum(reserved_delta)::int AS r FROM stock_movements WHERE sku = 'HOT-1' AND reason = 'hold'`)
      ).rows[0];
      expect(ledger.r).toBe(10);
    } finally {
      await ds.destroy();
    }
  });

  it('leaves synchronous_commit on for the pooled connection afterwards, and never touches a caller transaction', async () => {
    const ds = createDataSource({ url: db.url, poolSize: 1 });
    await ds.initialize();
    try {
      const h = await holdStock(ds.manager, { locationId: 'loc-palermo', sku: 'TX-1', quantity: 1, channel: 'web', ref: 'cart' }, ACTOR);
      expect(h).not.toBeNull();
      // The one pooled connection ran the hold: its setting was local to the hold's transaction.
      expect((await ds.query(`SHOW synchronous_commit`))[0].synchronous_commit).toBe('on');
      const inside = await inTransaction(ds, async (m) => {
        const held = await holdStock(m, { locationId: 'loc-palermo', sku: 'TX-1', quantity: 1, channel: 'web', ref: 'cart-2' }, ACTOR);
        const setting = (await m.query(`SHOW synchronous_commit`))[0].synchronous_commit as string;
        return { held, setting };
      });
      expect(inside.held).not.toBeNull();
      expect(inside.setting).toBe('on');
      expect((await db.pool.query(`SELECT reserved FROM stock WHERE location_id = 'loc-palermo' AND sku = 'TX-1'`)).rows[0].reserved).toBe(
        2,
      );
    } finally {
      await ds.destroy();
    }
  });
});
