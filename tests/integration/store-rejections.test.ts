import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { AppError } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { ledgerMismatches, placeOrder, stockOf, SUPERVISOR, waitForResourced, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

/**
 * A store gives an order back with a reason code: each reason's effect on stock (through the
 * ledger), the location excluded for the order, and the order re-sourced elsewhere by the real
 * queue workers. Short picks source only the remainder (see partial-fulfilment.test.ts). Real Postgres, one database.
 */
describe('store rejections and short picks', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'NIS', onHand: 5 },
        { location: 'loc-quilmes', sku: 'NIS', onHand: 3 },
        { location: 'loc-palermo', sku: 'DMG', onHand: 6 },
        { location: 'loc-quilmes', sku: 'DMG', onHand: 2 },
        { location: 'loc-palermo', sku: 'CAP', onHand: 4 },
        { location: 'loc-dc-ezeiza', sku: 'CAP', onHand: 4 },
        { location: 'loc-palermo', sku: 'CAP2', onHand: 4 },
        { location: 'loc-cordoba', sku: 'CAP2', onHand: 4 },
        { location: 'loc-palermo', sku: 'ONLY', onHand: 2 },
        { location: 'loc-palermo', sku: 'SP', onHand: 4, safety: 0 },
        { location: 'loc-quilmes', sku: 'SP', onHand: 5 },
        { location: 'loc-palermo', sku: 'FULL', onHand: 2 },
        { location: 'loc-palermo', sku: 'REFUSE', onHand: 2 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('not_in_stock: nothing left to promise there, the ledger says why, the order goes elsewhere', async () => {
    const a = await placeOrder(engine, 'NIS', 1);
    const b = await placeOrder(engine, 'NIS', 1);
    expect([a.locationId, b.locationId]).toEqual(['loc-palermo', 'loc-palermo']);

    const res = await engine.dispatch('fulfilment.reject', { orderId: a.id, reasonCode: 'not_in_stock', note: 'shelf empty' }, ASSOCIATE);
    expect(res.order.status).toBe('received');
    expect(res.locationId).toBe('loc-palermo');
    // 5 on hand, 2 reserved; A's unit released, then on hand falls to what B still holds.
    expect(res.stock).toEqual([{ sku: 'NIS', onHandDelta: -4 }]);
    const moved = await waitForResourced(engine, a.id, 'loc-palermo');
    expect(moved).toMatchObject({ status: 'sourced', locationId: 'loc-quilmes' });
    expect(await stockOf(db.pool, 'NIS')).toEqual({ 'loc-palermo': { onHand: 1, reserved: 1 }, 'loc-quilmes': { onHand: 3, reserved: 1 } });
    const ledger = await db.pool.query(
      `SELECT reason, on_hand_delta, reserved_delta FROM stock_movements WHERE order_id = $1 AND location_id = 'loc-palermo' ORDER BY id`,
      [a.id],
    );
    expect(ledger.rows).toEqual([
      { reason: 'reserve', on_hand_delta: 0, reserved_delta: 1 },
      { reason: 'release', on_hand_delta: 0, reserved_delta: -1 },
      { reason: 'rejection:not_in_stock', on_hand_delta: -4, reserved_delta: 0 },
    ]);
    // The timeline: rejected (with the reason), then the new decision naming why not Palermo.
    // (The computed promise, order.promised, is written just after sourcing commits: not one of these steps.)
    const steps = moved.timeline.filter((e) => e.type !== 'order.promised');
    expect(steps.map((e) => e.type)).toEqual(['order.received', 'order.sourced', 'order.rejected', 'order.sourced']);
    const rejected = steps[2]!;
    expect(rejected).toMatchObject({
      fromStatus: 'sourced',
      toStatus: 'received',
      actor: ASSOCIATE.name,
      reason: 'rejected by the store: not in stock: shelf empty',
    });
    const excluded = (steps[3]!.data as { excluded: { locationId: string; reason: string }[] }).excluded;
    // The order-level exclusion is the first filter, so its words stand alone (no stock there is the ledger's story above).
    expect(excluded[0]).toMatchObject({ locationId: 'loc-palermo', reason: 'rejected by the store: not in stock: shelf empty' });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('damaged: removes the damaged units and sends the order elsewhere even if some are left', async () => {
    const o = await placeOrder(engine, 'DMG', 1);
    expect(o.locationId).toBe('loc-palermo');
    const res = await engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged', quantity: 2 }, ASSOCIATE);
    expect(res.stock).toEqual([{ sku: 'DMG', onHandDelta: -2 }]);
    const moved = await waitForResourced(engine, o.id, 'loc-palermo');
    expect(moved.locationId).toBe('loc-quilmes');
    expect(await stockOf(db.pool, 'DMG')).toEqual({ 'loc-palermo': { onHand: 4, reserved: 0 }, 'loc-quilmes': { onHand: 2, reserved: 1 } });
    // A supervisor still sees why the engine keeps it away from Palermo, and may send it back.
    const options = await engine.dispatch('sourcing.overrideOptions', { orderId: o.id }, SUPERVISOR);
    expect(options.options.find((x) => x.locationId === 'loc-palermo')).toMatchObject({
      canFill: true,
      excludedReason: 'rejected by the store: stock damaged',
    });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('no_capacity: stock untouched, the location takes no new orders for the rest of its day', async () => {
    const o = await placeOrder(engine, 'CAP', 1);
    expect(o.locationId).toBe('loc-palermo');
    const res = await engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'no_capacity' }, PLANNER);
    expect(res.stock).toEqual([]);
    expect(new Date(res.blockedUntil!).getTime()).toBeGreaterThan(Date.now());
    const moved = await waitForResourced(engine, o.id, 'loc-palermo');
    expect(moved.locationId).toBe('loc-dc-ezeiza');
    expect((await stockOf(db.pool, 'CAP'))['loc-palermo']).toEqual({ onHand: 4, reserved: 0 });
    // Excluded by the day block (for every order), not for this order for good.
    expect((await db.pool.query(`SELECT 1 FROM sourcing_exclusions WHERE order_id = $1`, [o.id])).rows).toEqual([]);
    // Another order, another SKU that Palermo has: not Palermo today.
    const other = await placeOrder(engine, 'CAP2', 1);
    expect(other.locationId).toBe('loc-cordoba');
    const excluded = (
      other.timeline.find((e) => e.type === 'order.sourced')!.data as { excluded: { locationId: string; reason: string }[] }
    ).excluded;
    expect(excluded[0]!.locationId).toBe('loc-palermo');
    expect(excluded[0]!.reason).toMatch(/^no capacity today \(order #\d+\) \(until \d\d:\d\d\)$/);
    await db.pool.query(`DELETE FROM location_day_blocks`);
  });

  it('a rejection with nowhere else to go leaves the order unroutable, saying why', async () => {
    const o = await placeOrder(engine, 'ONLY', 1);
    await engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged' }, ASSOCIATE);
    const d = await waitForStatus(engine, o.id, 'unfillable');
    expect(d.unfillableReason).toBe('no location has available stock for every line');
    expect((await stockOf(db.pool, 'ONLY'))['loc-palermo']).toEqual({ onHand: 1, reserved: 0 });
    const excluded = (d.timeline.at(-1)!.data as { excluded: { locationId: string; reason: string }[] }).excluded;
    expect(excluded[0]).toMatchObject({ locationId: 'loc-palermo', reason: 'rejected by the store: stock damaged' });
  });

  it('a short pick removes the units not found, keeps the units found, and sources the remainder elsewhere', async () => {
    const o = await placeOrder(engine, 'SP', 3);
    expect(o.locationId).toBe('loc-palermo');
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'SP', quantity: 1 }] }, ASSOCIATE);
    expect(res).toMatchObject({ outcome: 'remainder_sourced', remainderAt: ['loc-quilmes'] });
    expect(res.shortfall).toEqual([{ sku: 'SP', ordered: 3, picked: 1 }]);
    expect(res.note).toMatch(/remainder is sourced from loc-quilmes/);
    // Palermo: 2 not found leave on hand, 1 stays reserved (picked); Quilmes holds the other 2.
    expect(await stockOf(db.pool, 'SP')).toEqual({ 'loc-palermo': { onHand: 2, reserved: 1 }, 'loc-quilmes': { onHand: 5, reserved: 2 } });
    const d = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(d.timeline.find((e) => e.type === 'order.short_picked')).toMatchObject({ reason: 'short pick: SP 1/3', toStatus: null });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('a full pick is just the picked step', async () => {
    const o = await placeOrder(engine, 'FULL', 2);
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'FULL', quantity: 2 }] }, ASSOCIATE);
    expect(res).toMatchObject({ outcome: 'picked', shortfall: [], note: null });
    expect(res.order.status).toBe('picked');
  });

  it('refuses what does not fit, naming the field, and changes nothing', async () => {
    const o = await placeOrder(engine, 'REFUSE', 1);
    const refused = async (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    const quantityWithWrongReason = await refused(
      engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'not_in_stock', quantity: 2 }, ASSOCIATE),
    );
    expect(quantityWithWrongReason).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'quantity' }] });
    const badCode = await refused(engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'lost' }, ASSOCIATE));
    expect(badCode).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'reasonCode' }] });
    const wrongSku = await refused(
      engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'not_in_stock', sku: 'DMG' }, ASSOCIATE),
    );
    expect(wrongSku).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'sku' }] });
    const overPick = await refused(
      engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'REFUSE', quantity: 2 }] }, ASSOCIATE),
    );
    expect(overPick).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'picked.0.quantity' }] });
    const integrator = await refused(
      engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged' }, { id: 'api', name: 'API', role: 'integrator' }),
    );
    expect(integrator).toMatchObject({ code: 'FORBIDDEN' });
    const after = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(after).toMatchObject({ status: 'sourced', locationId: o.locationId });
    // Once picked, it can no longer be rejected.
    await engine.dispatch('orders.advance', { id: o.id, to: 'picked' }, ASSOCIATE);
    const late = await refused(engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'no_capacity' }, ASSOCIATE));
    expect(late).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });
});
