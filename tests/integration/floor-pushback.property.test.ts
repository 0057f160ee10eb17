import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { ASSOCIATE, migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, FIXTURE_LOCATIONS, seedFixture } from '../support/fixtures';
import { ledgerMismatches, SUPERVISOR } from '../support/sourcing-ops';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

const LOCATIONS = FIXTURE_LOCATIONS.map((l) => l.id);

type Op =
  | { kind: 'override'; order: number; location: number }
  | { kind: 'reject'; order: number; reason: 'not_in_stock' | 'damaged' | 'no_capacity' }
  | { kind: 'shortPick'; order: number; found: number }
  | { kind: 'cancel'; order: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('override' as const), order: fc.nat(5), location: fc.nat(LOCATIONS.length - 1) }),
  fc.record({ kind: fc.constant('reject' as const), order: fc.nat(5), reason: fc.constantFrom('not_in_stock' as const, 'damaged' as const, 'no_capacity' as const) }),
  fc.record({ kind: fc.constant('shortPick' as const), order: fc.nat(5), found: fc.nat(2) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(5) }),
);

/**
 * Property, on real Postgres with the real workers: whatever mix of supervisor overrides, store
 * rejections, short picks and cancellations hits a handful of orders at once (and the re-sourcing
 * they trigger), stock is never oversold and nothing is half-applied — on hand and reserved equal
 * their ledger sums, reserved equals the open reservations, and every order holds exactly its
 * lines where it is assigned (or nothing, when it is not). fast-check prints a replayable seed.
 */
describe('the floor pushing back, concurrently (property)', () => {
  let db: TestDatabase;
  let engine: Engine;
  let run = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, []);
    engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL });
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('never oversells and keeps orders, reservations and the ledger consistent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(6), { minLength: LOCATIONS.length, maxLength: LOCATIONS.length }),
        fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 6, maxLength: 6 }),
        fc.array(opArb, { minLength: 3, maxLength: 14 }),
        async (onHand, quantities, ops) => {
          const sku = `PROP-${process.pid}-${++run}`;
          await seedFixture(db.pool, LOCATIONS.map((location, i) => ({ location, sku, onHand: onHand[i]! })));
          const ids: string[] = [];
          for (const quantity of quantities) {
            const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku, quantity }] }) }, PLANNER);
            ids.push(order.id);
          }
          const settled = () =>
            eventually(async () => {
              const r = await db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND status = 'received'`, [ids]);
              return r.rows[0].n === 0 ? true : undefined;
            }, 'every order to be decided', 30_000);
          await settled();

          await Promise.allSettled(
            ops.map((op) => {
              const orderId = ids[op.order]!;
              switch (op.kind) {
                case 'override':
                  return engine.dispatch('sourcing.override', { orderId, locationId: LOCATIONS[op.location]!, reason: 'property test' }, SUPERVISOR);
                case 'reject':
                  return engine.dispatch('fulfilment.reject', { orderId, reasonCode: op.reason }, ASSOCIATE);
                case 'shortPick':
                  return engine.dispatch('fulfilment.shortPick', { orderId, picked: [{ sku, quantity: Math.min(op.found, quantities[op.order]!) }] }, ASSOCIATE);
                case 'cancel':
                  return engine.dispatch('orders.cancel', { id: orderId, reason: 'property test' }, PLANNER);
              }
            }),
          );
          await settled();

          expect(await ledgerMismatches(db.pool)).toEqual([]);
          const drift = await db.pool.query(
            `SELECT s.location_id, s.reserved, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'reserved'), 0)::int AS open
             FROM stock s LEFT JOIN reservations r ON r.location_id = s.location_id AND r.sku = s.sku
             WHERE s.sku = $1 GROUP BY s.location_id, s.reserved HAVING s.reserved <> coalesce(sum(r.quantity) FILTER (WHERE r.status = 'reserved'), 0)`,
            [sku],
          );
          expect(drift.rows).toEqual([]);
          const holdings = await db.pool.query(
            `SELECT o.id, o.status, o.location_id, l.quantity AS ordered,
               coalesce((SELECT sum(r.quantity) FROM reservations r WHERE r.order_id = o.id AND r.status = 'reserved'), 0)::int AS held,
               coalesce((SELECT sum(r.quantity) FROM reservations r WHERE r.order_id = o.id AND r.status = 'reserved' AND r.location_id IS DISTINCT FROM o.location_id), 0)::int AS held_elsewhere,
               (SELECT count(*) FROM fulfilment_orders f WHERE f.order_id = o.id AND f.status <> 'cancelled')::int AS open_fulfilments
             FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ANY($1)`,
            [ids],
          );
          for (const h of holdings.rows as { id: string; status: string; location_id: string | null; ordered: number; held: number; held_elsewhere: number; open_fulfilments: number }[]) {
            const holds = ['sourced', 'picked'].includes(h.status);
            expect({ id: h.id, status: h.status, held: h.held, elsewhere: h.held_elsewhere, fulfilments: h.open_fulfilments }).toEqual({
              id: h.id, status: h.status, held: holds ? h.ordered : 0, elsewhere: 0, fulfilments: holds ? 1 : 0,
            });
          }
          // Capacity blocks would leak into the next run.
          await db.pool.query(`DELETE FROM location_day_blocks`);
        },
      ),
      { numRuns: 10 },
    );
  });
});
