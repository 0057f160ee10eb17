import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { openDatabase, type Db } from '../../src/engine/db/data-source';
import type { WorkflowDeps } from '../../src/engine/kernel/context';
import { reoptimisePass } from '../../src/engine/modules/sourcing/workflows/reoptimise';
import type { JobQueue } from '../../src/engine/ports/job-queue.port';
import type { Order } from '../../src/shared';
import { PLANNER, startFixtureEngine, startTestEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { SUPERVISOR } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * Issue 18: a split caused by the order in which orders arrived. Palermo (nearest the customer)
 * holds one A and one B, Quilmes one A. The first order [A] takes Palermo's A; the next [A, B]
 * must split. One order at a time nothing improves; together, the first moves to Quilmes and the
 * second ships whole from Palermo — in one transaction, each explained with the other's number.
 */
describe('joint re-optimisation against a real Postgres', () => {
  let db: TestDatabase;
  let engine: Engine;
  let ds: Db;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const deps = (): WorkflowDeps => ({ ds, log, queue: {} as JobQueue });

  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'JA', onHand: 1 },
      { location: 'loc-palermo', sku: 'JB', onHand: 1 },
      { location: 'loc-quilmes', sku: 'JA', onHand: 1 },
    ]));
    ds = await openDatabase({ url: db.url, poolSize: 2 });
  });
  afterEach(async () => {
    await ds?.destroy();
    await engine?.close();
    await db?.drop();
  });

  const place = async (skus: string[]): Promise<Order> => {
    const { order } = await engine.dispatch(
      'orders.create',
      { order: anOrder({ lines: skus.map((sku) => ({ sku, quantity: 1, unitPrice: 20_000 })) }) },
      PLANNER,
    );
    const o = order as Order;
    await eventually(
      async () =>
        (await db.pool.query(`SELECT status FROM orders WHERE id = $1`, [o.id])).rows[0].status === 'sourced' ? true : undefined,
      `order ${o.number} to be sourced`,
      60_000,
    );
    return o;
  };
  const where = async (id: string) =>
    (
      await db.pool.query(`SELECT location_id FROM fulfilment_orders WHERE order_id = $1 AND status = 'assigned' ORDER BY location_id`, [
        id,
      ])
    ).rows.map((r: { location_id: string }) => r.location_id);
  const ledgerDrift = async () =>
    (
      await db.pool.query(`
        SELECT s.location_id, s.sku FROM stock s
        LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
        LEFT JOIN (SELECT location_id, sku, sum(quantity) q FROM reservations WHERE status = 'reserved' GROUP BY 1, 2) r USING (location_id, sku)
        WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0) OR s.reserved <> coalesce(r.q, 0)`)
    ).rows;
  /** The arrival order that splits the second order, then a node without background passes. */
  const splitBySequence = async () => {
    const first = await place(['JA']);
    expect(await where(first.id)).toEqual(['loc-palermo']);
    const second = await place(['JA', 'JB']);
    expect(await where(second.id)).toEqual(['loc-palermo', 'loc-quilmes']);
    await engine.close();
    engine = await startTestEngine(db.url, { workers: false });
    return { first, second };
  };

  it('moves the first order so the second ships whole, both in one step, each naming the other', async () => {
    const { first, second } = await splitBySequence();
    expect(await reoptimisePass(deps(), { limit: 10, minAgeMs: 0 })).toEqual({ examined: 2, changed: 2 });
    expect(await where(first.id)).toEqual(['loc-quilmes']);
    expect(await where(second.id)).toEqual(['loc-palermo']);
    const ev = await db.pool.query(`SELECT order_id, data FROM order_events WHERE type = 'order.reoptimised'`);
    const of = (id: string) => (ev.rows as { order_id: string; data: Record<string, unknown> }[]).find((r) => r.order_id === id)!.data;
    expect(of(second.id)).toMatchObject({
      reoptimised: {
        before: { shipments: 2, locations: ['loc-palermo', 'loc-quilmes'] },
        after: { shipments: 1, locations: ['loc-palermo'] },
        with: [{ id: first.id, number: first.number }],
      },
    });
    expect(of(first.id)).toMatchObject({
      reoptimised: { before: { locations: ['loc-palermo'] }, after: { locations: ['loc-quilmes'] }, with: [{ number: second.number }] },
    });
    // Stock, reservations and the ledger agree; nothing is reserved twice.
    expect(await ledgerDrift()).toEqual([]);
    const stock = await db.pool.query(`SELECT location_id, sku, reserved, on_hand FROM stock ORDER BY 1, 2`);
    for (const s of stock.rows) expect(s.reserved).toBeLessThanOrEqual(s.on_hand);
    // Nothing better is left: the next pass moves nothing.
    await db.pool.query(`UPDATE orders SET reopt_examined_at = NULL`);
    expect(await reoptimisePass(deps(), { limit: 10, minAgeMs: 0 })).toEqual({ examined: 2, changed: 0 });
  });

  it('with re-optimisation off in the profile, the pass examines and moves nothing', async () => {
    const [active] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
    const draft = await engine.dispatch(
      'sourcing.profiles.saveDraft',
      {
        key: 'default',
        name: 'No re-optimisation',
        selector: active!.selector,
        spec: { ...active!.spec, reoptimisation: { ...active!.spec.reoptimisation, enabled: false } },
      },
      SUPERVISOR,
    );
    await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
    const { first, second } = await splitBySequence();
    expect(await reoptimisePass(deps(), { limit: 10, minAgeMs: 0 })).toEqual({ examined: 2, changed: 0 });
    expect(await where(first.id)).toEqual(['loc-palermo']);
    expect(await where(second.id)).toEqual(['loc-palermo', 'loc-quilmes']);
  });

  it('an order the floor has picked never moves, and the order it would have made whole stays split', async () => {
    const { first, second } = await splitBySequence();
    // The floor picked the first order: it is released, no longer the pass's to move.
    await db.pool.query(`UPDATE fulfilment_orders SET status = 'picked' WHERE order_id = $1 AND status = 'assigned'`, [first.id]);
    const r = await reoptimisePass(deps(), { limit: 10, minAgeMs: 0 });
    expect(r.changed).toBe(0);
    expect((await db.pool.query(`SELECT location_id FROM fulfilment_orders WHERE order_id = $1`, [first.id])).rows).toEqual([
      { location_id: 'loc-palermo' },
    ]);
    expect(await where(second.id)).toEqual(['loc-palermo', 'loc-quilmes']);
    expect(await ledgerDrift()).toEqual([]);
  });
});
