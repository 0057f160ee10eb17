import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder, FIXTURE_LOCATIONS, seedFixture } from '../support/fixtures';
import { ledgerMismatches, SUPERVISOR } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

const LOCATIONS = FIXTURE_LOCATIONS.map((l) => l.id);

type Op =
  /** line: move only that line (a split), or null for the whole order. */
  | { kind: 'override'; order: number; location: number; line: 0 | 1 | null }
  /** location: the part giving it back, or null for the order's main location. */
  | { kind: 'reject'; order: number; reason: 'not_in_stock' | 'damaged' | 'no_capacity'; location: number | null }
  | { kind: 'shortPick'; order: number; found: number }
  | { kind: 'cancel'; order: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('override' as const),
      order: fc.nat(5),
      location: fc.nat(LOCATIONS.length - 1),
      line: fc.constantFrom(0 as const, 1 as const, null),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reject' as const),
      order: fc.nat(5),
      reason: fc.constantFrom('not_in_stock' as const, 'damaged' as const, 'no_capacity' as const),
      location: fc.option(fc.nat(LOCATIONS.length - 1), { nil: null }),
    }),
  },
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
    ({ db, engine } = await startFixtureEngine([], { redisUrl: process.env.REDIS_URL }));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('never oversells and keeps orders, reservations and the ledger consistent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { minLength: LOCATIONS.length, maxLength: LOCATIONS.length }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat(2)), { minLength: 6, maxLength: 6 }),
        fc.array(opArb, { minLength: 3, maxLength: 14 }),
        async (onHand, orders, ops) => {
          const skus = [`PROP-${process.pid}-${++run}-A`, `PROP-${process.pid}-${run}-B`];
          await seedFixture(
            db.pool,
            LOCATIONS.flatMap((location, i) => skus.map((sku, k) => ({ location, sku, onHand: onHand[i]![k]! }))),
          );
          // Each order: one line of A, and (second number > 0) a line of B.
          const linesOf = orders.map(([qa, qb]) => [{ sku: skus[0]!, quantity: qa }, ...(qb > 0 ? [{ sku: skus[1]!, quantity: qb }] : [])]);
          const ids: string[] = [];
          for (const lines of linesOf) {
            const { order } = await engine.dispatch('orders.create', { order: anOrder({ lines }) }, PLANNER);
            ids.push(order.id);
          }
          const settled = () =>
            eventually(
              async () => {
                const r = await db.pool.query(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1) AND status = 'received'`, [ids]);
                return r.rows[0].n === 0 ? true : undefined;
              },
              'every order to be decided',
              30_000,
            );
          await settled();

          await Promise.allSettled(
            ops.map((op) => {
              const orderId = ids[op.order]!;
              const lines = linesOf[op.order]!;
              switch (op.kind) {
                case 'override': {
                  const line = op.line === null ? undefined : lines[op.line];
                  return engine.dispatch(
                    'sourcing.override',
                    { orderId, locationId: LOCATIONS[op.location]!, reason: 'property test', ...(line ? { skus: [line.sku] } : {}) },
                    SUPERVISOR,
                  );
                }
                case 'reject':
                  return engine.dispatch(
                    'fulfilment.reject',
                    { orderId, reasonCode: op.reason, ...(op.location === null ? {} : { locationId: LOCATIONS[op.location]! }) },
                    ASSOCIATE,
                  );
                case 'shortPick':
                  // The part waiting at the order's main location reports what it found of each line it holds.
                  return engine.dispatch('orders.get', { id: orderId }, PLANNER).then((d) => {
                    const part =
                      d.parts.find((p) => p.status === 'assigned' && p.locationId === d.locationId) ??
                      d.parts.find((p) => p.status === 'assigned');
                    if (!part) return undefined;
                    return engine.dispatch(
                      'fulfilment.shortPick',
                      {
                        orderId,
                        locationId: part.locationId,
                        picked: part.lines.map((l) => ({ sku: l.sku, quantity: Math.min(op.found, l.quantity) })),
                      },
                      ASSOCIATE,
                    );
                  });
                case 'cancel':
                  return engine.dispatch('orders.cancel', { id: orderId, reason: 'property test' }, PLANNER);
              }
            }),
          );
          await settled();

          expect(await ledgerMismatches(db.pool)).toEqual([]);
          const drift = await db.pool.query(
            `SELECT s.location_id, s.sku, s.reserved, coalesce(sum(r.quantity) FILTER (WHERE r.status = 'reserved'), 0)::int AS open
             FROM stock s LEFT JOIN reservations r ON r.location_id = s.location_id AND r.sku = s.sku
             WHERE s.sku = ANY($1) GROUP BY s.location_id, s.sku, s.reserved HAVING s.reserved <> coalesce(sum(r.quantity) FILTER (WHERE r.status = 'reserved'), 0)`,
            [skus],
          );
          expect(drift.rows).toEqual([]);
          // Per order, in one snapshot: what each line holds, where, under which fulfilment order.
          const state = await db.pool.query(
            `SELECT o.id, o.status,
               (SELECT json_agg(json_build_object('sku', l.sku, 'ordered', l.open_quantity,
                  'held', (SELECT coalesce(sum(r.quantity), 0) FROM reservations r WHERE r.order_id = o.id AND r.sku = l.sku AND r.status = 'reserved'),
                  'parts', (SELECT count(*) FROM reservations r WHERE r.order_id = o.id AND r.sku = l.sku AND r.status = 'reserved'))) FROM order_lines l WHERE l.order_id = o.id) AS lines,
               (SELECT count(*) FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id
                  WHERE r.order_id = o.id AND r.status = 'reserved' AND (f.status = 'cancelled' OR f.location_id <> r.location_id))::int AS orphaned,
               (SELECT count(*) FROM fulfilment_orders f WHERE f.order_id = o.id AND f.status <> 'cancelled')::int AS open_parts,
               (SELECT count(DISTINCT r.location_id) FROM reservations r WHERE r.order_id = o.id AND r.status = 'reserved')::int AS held_at,
               (SELECT count(*) FROM reservations r WHERE r.order_id = o.id AND r.status = 'reserved' AND r.location_id = o.location_id)::int AS at_main,
               (SELECT count(*) FROM fulfilment_orders f WHERE f.order_id = o.id AND f.status <> 'cancelled'
                  AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.fulfilment_order_id = f.id AND r.status = 'reserved'))::int AS empty_parts
             FROM orders o WHERE o.id = ANY($1)`,
            [ids],
          );
          for (const o of state.rows as {
            id: string;
            status: string;
            lines: { sku: string; ordered: number; held: number; parts: number }[];
            orphaned: number;
            open_parts: number;
            held_at: number;
            at_main: number;
            empty_parts: number;
          }[]) {
            const holds = ['sourced', 'picked'].includes(o.status);
            // A line ships whole from one place, except a short pick's remainder, which adds a part elsewhere.
            const expected = o.lines.map((l) => ({
              ...l,
              held: holds ? l.ordered : 0,
              parts: holds ? Math.max(1, Math.min(l.parts, l.ordered)) : 0,
            }));
            expect({
              id: o.id,
              status: o.status,
              lines: o.lines,
              orphaned: o.orphaned,
              emptyParts: o.empty_parts,
              mainHoldsSome: o.at_main > 0,
            }).toEqual({
              id: o.id,
              status: o.status,
              lines: expected,
              orphaned: 0,
              emptyParts: 0,
              mainHoldsSome: holds,
            });
            expect(o.open_parts).toBeGreaterThanOrEqual(o.held_at);
          }
          // Capacity blocks would leak into the next run.
          await db.pool.query(`DELETE FROM location_day_blocks`);
        },
      ),
      { numRuns: 12 },
    );
  });
});
