import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { Actor } from '../../src/engine/engine.types';
import type { OrderDetail } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually, type TestDatabase } from '../support/test-database';

const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };

/**
 * Line splitting on real Postgres: 3 units wanted, 2 + 1 + 1 on hand in Palermo, Quilmes and
 * Córdoba. With the profile's option on, the order is sourced as two fulfilment orders of the same
 * SKU; off, it waits as before.
 */
describe('line splitting across locations on real Postgres', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine([
      { location: 'loc-palermo', sku: 'LS-X', onHand: 2 },
      { location: 'loc-quilmes', sku: 'LS-X', onHand: 1 },
      { location: 'loc-cordoba', sku: 'LS-X', onHand: 1 },
    ]));
  });
  afterEach(async () => {
    await engine?.close();
    await db?.drop();
  });

  const detail = (id: string) => engine.dispatch('orders.get', { id }, PLANNER);
  const waitFor = (id: string, status: string): Promise<OrderDetail> =>
    eventually(async () => ((await detail(id)).status === status ? detail(id) : undefined), `order ${id} to be ${status}`);
  /** One strategy with no clock filters (the test does not depend on the hour), line splitting on or off. */
  const activate = async (lineSplit: boolean) => {
    const [active] = await engine.dispatch('sourcing.profiles.list', {}, PLANNER);
    const draft = await engine.dispatch(
      'sourcing.profiles.saveDraft',
      {
        key: 'default',
        name: lineSplit ? 'Split lines' : 'Whole lines',
        selector: active!.selector,
        spec: {
          ...active!.spec,
          backorder: 'hold',
          strategies: [
            {
              name: 'any-stock',
              filters: { respectDailyCapacity: true },
              maxSplits: 2,
              splitPenalty: 6000,
              lineSplit: { enabled: lineSplit, penalty: 1500 },
            },
          ],
        },
      },
      SUPERVISOR,
    );
    expect(draft.spec.strategies[0]!.lineSplit).toEqual({ enabled: lineSplit, penalty: 1500 });
    await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
  };
  const place = async (quantity: number) =>
    (await engine.dispatch('orders.create', { order: anOrder({ lines: [{ sku: 'LS-X', quantity, unitPrice: 20_000 }] }) }, PLANNER)).order;
  const stock = async () =>
    (await db.pool.query(`SELECT location_id, on_hand, reserved FROM stock WHERE sku = 'LS-X' ORDER BY location_id`)).rows as {
      location_id: string;
      on_hand: number;
      reserved: number;
    }[];
  /** Stock rows whose reserved count disagrees with the ledger or the open reservations, or exceeds on hand. */
  const drift = async () =>
    (
      await db.pool.query(`
        SELECT s.location_id, s.sku FROM stock s
        LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
        LEFT JOIN (SELECT location_id, sku, sum(quantity) q FROM reservations WHERE status = 'reserved' GROUP BY 1, 2) r USING (location_id, sku)
        WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0) OR s.reserved <> coalesce(r.q, 0) OR s.reserved > s.on_hand`)
    ).rows;

  it('sources 3 units over 2 + 1 in two fulfilment orders, explains the split, and the floor picks each part', async () => {
    await activate(true);
    const o = await place(3);
    const d = await waitFor(o.id, 'sourced');
    const res = await db.pool.query(
      `SELECT r.location_id, r.sku, r.quantity, f.location_id AS fo_location, f.status
       FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id WHERE r.order_id = $1 AND r.status = 'reserved' ORDER BY r.location_id`,
      [o.id],
    );
    expect(res.rows).toEqual([
      { location_id: 'loc-palermo', sku: 'LS-X', quantity: 2, fo_location: 'loc-palermo', status: 'assigned' },
      { location_id: 'loc-quilmes', sku: 'LS-X', quantity: 1, fo_location: 'loc-quilmes', status: 'assigned' },
    ]);
    expect(d.locationId).toBe('loc-palermo'); // the part with most units
    expect(await stock()).toEqual([
      { location_id: 'loc-cordoba', on_hand: 1, reserved: 0 },
      { location_id: 'loc-palermo', on_hand: 2, reserved: 2 },
      { location_id: 'loc-quilmes', on_hand: 1, reserved: 1 },
    ]);
    expect(await drift()).toEqual([]);
    const data = d.timeline.find((e) => e.type === 'order.sourced')!.data as {
      chosen: string;
      candidates: { locationId: string; lineSplitPenalty?: number; lineSplits?: { sku: string; text: string }[] }[];
    };
    expect(data.chosen).toBe('loc-palermo+loc-quilmes');
    expect(data.candidates[0]!.lineSplits!.map((s) => s.text)).toEqual(['3 × LS-X split: 2 from Tienda Palermo, 1 from Tienda Quilmes']);
    expect(data.candidates[0]!.lineSplitPenalty).toBe(1500);

    // Each floor sees its own part, and the other part of the same SKU as "elsewhere".
    const quilmes = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-quilmes' }, ASSOCIATE);
    const row = quilmes.rows.find((r) => r.orderId === o.id)!;
    expect(row.lines).toEqual([{ sku: 'LS-X', productName: 'Producto LS-X', quantity: 1 }]);
    expect(row.elsewhere).toEqual([{ sku: 'LS-X', quantity: 2, locationId: 'loc-palermo' }]);

    // A second order finds only Córdoba's unit left: it waits, and nothing is oversold.
    const second = await place(3);
    const waiting = await waitFor(second.id, 'unfillable');
    expect(waiting.unfillableReason).toBe('no location has available stock for every line');
    expect(await drift()).toEqual([]);

    // Quilmes finds nothing: its unit of the split line is sourced again, from Córdoba, as a part of its own.
    const short = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-quilmes', picked: [{ sku: 'LS-X', quantity: 0 }] },
      ASSOCIATE,
    );
    expect(short.outcome).toBe('remainder_sourced');
    expect(short.remainderAt).toEqual(['loc-cordoba']);
    const picked = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-palermo', picked: [{ sku: 'LS-X', quantity: 2 }] },
      ASSOCIATE,
    );
    expect(picked.outcome).toBe('part_picked');
    const last = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-cordoba', picked: [{ sku: 'LS-X', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(last.outcome).toBe('picked');
    const held = await db.pool.query(
      `SELECT location_id, sum(quantity)::int AS q FROM reservations WHERE order_id = $1 AND status = 'reserved' GROUP BY 1 ORDER BY 1`,
      [o.id],
    );
    expect(held.rows).toEqual([
      { location_id: 'loc-cordoba', q: 1 },
      { location_id: 'loc-palermo', q: 2 },
    ]);
    expect(await drift()).toEqual([]);
  });

  it('leaves the order waiting as before when line splitting is off', async () => {
    await activate(false);
    const o = await place(3);
    const d = await waitFor(o.id, 'unfillable');
    expect(d.unfillableReason).toBe('no location has available stock for every line');
    const res = await db.pool.query(`SELECT count(*)::int AS n FROM reservations WHERE order_id = $1`, [o.id]);
    expect(res.rows[0].n).toBe(0);
    expect((await stock()).every((s) => s.reserved === 0)).toBe(true);
    const data = d.timeline.find((e) => e.type === 'order.unfillable')!.data as { tried: { failure: string }[] };
    expect(data.tried).toEqual([{ strategy: 'any-stock', eligible: 0, failure: 'no eligible location has 3 of SKU LS-X' }]);
  });
});
