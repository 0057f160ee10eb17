import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { BackorderPolicy, OrderDetail } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { ledgerMismatches, placeOrder, stockOf, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import { eventually, type TestDatabase } from '../support/test-database';

/**
 * Partial fulfilment on real Postgres with the real queue workers: a short pick keeps the units
 * found where they are and sources only the remainder; when nowhere has the remainder (or, at
 * first sourcing, part of the order) the profile's backorder policy decides — ship complete
 * (`hold`), ship what is available and backorder the rest (`ship_available`, filled from the
 * unroutable queue when stock arrives), or cancel what nobody has (`cancel_unavailable`).
 */
describe('partial fulfilment: short-pick remainders and backorder policies', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'REM', onHand: 4 },
        { location: 'loc-quilmes', sku: 'REM', onHand: 5 },
        { location: 'loc-palermo', sku: 'SOLE', onHand: 3 },
        { location: 'loc-palermo', sku: 'SOLE2', onHand: 3 },
        { location: 'loc-quilmes', sku: 'SOLE2', onHand: 0 },
        { location: 'loc-palermo', sku: 'SOLE3', onHand: 3 },
        { location: 'loc-palermo', sku: 'HAVE', onHand: 5 },
        { location: 'loc-palermo', sku: 'NONE', onHand: 0 },
        { location: 'loc-palermo', sku: 'FEW', onHand: 3 },
        { location: 'loc-palermo', sku: 'SPL-A', onHand: 2 },
        { location: 'loc-quilmes', sku: 'SPL-B', onHand: 2 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  /** Makes `policy` the default profile's backorder policy (a new version, activated by a supervisor). */
  const usePolicy = async (policy: BackorderPolicy) => {
    const active = (await engine.dispatch('sourcing.profiles.list', {}, SUPERVISOR)).find(
      (p) => p.key === 'default' && p.status === 'active',
    )!;
    if (active.spec.backorder === policy) return;
    const draft = await engine.dispatch(
      'sourcing.profiles.saveDraft',
      { key: 'default', name: active.name, selector: active.selector, spec: { ...active.spec, backorder: policy } },
      SUPERVISOR,
    );
    await engine.dispatch('sourcing.profiles.activate', { id: draft.id }, SUPERVISOR);
  };
  const detail = (id: string) => engine.dispatch('orders.get', { id }, PLANNER);
  const parts = (d: OrderDetail) => d.parts.map((p) => ({ at: p.locationId, status: p.status, lines: p.lines }));

  it('a short pick keeps the units found, sources only the remainder elsewhere, and the order is picked when every part is', async () => {
    await usePolicy('hold');
    const o = await placeOrder(engine, 'REM', 3);
    expect(o.locationId).toBe('loc-palermo');
    const res = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-palermo', picked: [{ sku: 'REM', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(res).toMatchObject({
      outcome: 'remainder_sourced',
      remainderAt: ['loc-quilmes'],
      shortfall: [{ sku: 'REM', ordered: 3, picked: 1 }],
      backorder: null,
    });
    expect(res.order.status).toBe('sourced');
    // Palermo keeps 1 reserved (picked) and lost the 2 not found; Quilmes holds the remainder.
    expect(await stockOf(db.pool, 'REM')).toEqual({ 'loc-palermo': { onHand: 2, reserved: 1 }, 'loc-quilmes': { onHand: 5, reserved: 2 } });
    const d = await detail(o.id);
    expect(parts(d)).toEqual([
      { at: 'loc-palermo', status: 'picked', lines: [{ sku: 'REM', quantity: 1 }] },
      { at: 'loc-quilmes', status: 'assigned', lines: [{ sku: 'REM', quantity: 2 }] },
    ]);
    const sourcedEvent = d.timeline.find((e) => e.type === 'order.remainder_sourced');
    expect(sourcedEvent?.data).toMatchObject({ chosen: 'loc-quilmes', remainder: [{ sku: 'REM', quantity: 2 }] });
    expect((sourcedEvent?.data as { excluded: { locationId: string; reason: string }[] }).excluded[0]).toMatchObject({
      locationId: 'loc-palermo',
      reason: 'short pick: REM 1/3',
    });

    // Palermo's part is done: it cannot report again; Quilmes picks its part and the order is picked.
    await expect(
      engine.dispatch(
        'fulfilment.shortPick',
        { orderId: o.id, locationId: 'loc-palermo', picked: [{ sku: 'REM', quantity: 1 }] },
        ASSOCIATE,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'locationId', message: 'its parts to pick are at loc-quilmes' }],
    });
    const done = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'REM', quantity: 2 }] }, ASSOCIATE);
    expect(done.outcome).toBe('picked');
    await engine.dispatch('orders.advance', { id: o.id, to: 'packed' }, ASSOCIATE);
    await engine.dispatch('orders.advance', { id: o.id, to: 'shipped' }, ASSOCIATE);
    expect(await stockOf(db.pool, 'REM')).toEqual({ 'loc-palermo': { onHand: 1, reserved: 0 }, 'loc-quilmes': { onHand: 3, reserved: 0 } });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('hold (ship complete): when nowhere has the remainder, the whole order goes back to sourcing and waits', async () => {
    await usePolicy('hold');
    const o = await placeOrder(engine, 'SOLE', 3);
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'SOLE', quantity: 2 }] }, ASSOCIATE);
    expect(res.outcome).toBe('resourcing');
    expect(res.note).toMatch(/ships complete orders only/);
    const waiting = await waitForStatus(engine, o.id, 'unfillable');
    expect(waiting.parts).toEqual([]);
    expect(await stockOf(db.pool, 'SOLE')).toEqual({ 'loc-palermo': { onHand: 2, reserved: 0 } });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('ship_available: the units found ship now; the remainder waits on a backorder that stock arriving fills', async () => {
    await usePolicy('ship_available');
    const o = await placeOrder(engine, 'SOLE2', 3);
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'SOLE2', quantity: 2 }] }, ASSOCIATE);
    expect(res.outcome).toBe('remainder_backordered');
    expect(res.order.status).toBe('picked');
    const parent = await detail(o.id);
    expect(parent.lines).toMatchObject([{ sku: 'SOLE2', quantity: 3, backorderedQuantity: 1, cancelledQuantity: 0 }]);
    expect(parent.backorders).toEqual([{ id: res.backorder!.id, number: res.backorder!.number, status: 'unfillable' }]);
    const child = await detail(res.backorder!.id);
    expect(child).toMatchObject({
      status: 'unfillable',
      channel: parent.channel,
      customer: parent.customer,
      totalUnits: 1,
      backorderOf: { id: o.id, number: o.number },
    });
    expect(child.lines).toMatchObject([{ sku: 'SOLE2', quantity: 1 }]);
    expect(child.externalId).toBe(`${parent.externalId}/backorder-1`);
    // The unroutable queue lists it; stock arrives at Quilmes and the retry loop sources it there.
    const queue = await engine.dispatch('unroutable.list', {}, PLANNER);
    expect(queue.rows.map((r) => r.orderId)).toContain(child.id);
    await db.pool.query(
      `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reason, actor) VALUES ('loc-quilmes', 'SOLE2', 4, 'receipt', 'test')`,
    );
    const filled = await waitForStatus(engine, child.id, 'sourced', 30_000);
    expect(filled.locationId).toBe('loc-quilmes');
    expect(await stockOf(db.pool, 'SOLE2')).toEqual({
      'loc-palermo': { onHand: 2, reserved: 2 },
      'loc-quilmes': { onHand: 4, reserved: 1 },
    });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('cancel_unavailable: the units nobody has are cancelled on the line and the order goes on with the rest', async () => {
    await usePolicy('cancel_unavailable');
    const o = await placeOrder(engine, 'SOLE3', 3);
    const res = await engine.dispatch('fulfilment.shortPick', { orderId: o.id, picked: [{ sku: 'SOLE3', quantity: 1 }] }, ASSOCIATE);
    expect(res.outcome).toBe('remainder_cancelled');
    expect(res.order.status).toBe('picked');
    const d = await detail(o.id);
    expect(d.lines).toMatchObject([{ sku: 'SOLE3', quantity: 3, cancelledQuantity: 2, backorderedQuantity: 0 }]);
    expect(d.backorders).toEqual([]);
    expect(d.timeline.find((e) => e.type === 'order.units_cancelled')?.reason).toMatch(/^2 × SOLE3 cancelled/);
    expect(await stockOf(db.pool, 'SOLE3')).toEqual({ 'loc-palermo': { onHand: 1, reserved: 1 } });
  });

  it('at first sourcing, ship_available sources what it can and backorders the rest; cancelling the order cancels its backorder', async () => {
    await usePolicy('ship_available');
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'HAVE', quantity: 2, unitPrice: 100 },
            { sku: 'NONE', quantity: 3, unitPrice: 50 },
          ],
        }),
      },
      PLANNER,
    );
    const parent = await waitForStatus(engine, order.id, 'sourced');
    expect(parts(parent)).toEqual([{ at: 'loc-palermo', status: 'assigned', lines: [{ sku: 'HAVE', quantity: 2 }] }]);
    expect(parent.lines).toMatchObject([
      { sku: 'HAVE', backorderedQuantity: 0 },
      { sku: 'NONE', quantity: 3, backorderedQuantity: 3 },
    ]);
    expect(parent.timeline.find((e) => e.type === 'order.sourced')?.data).toMatchObject({
      partial: { policy: 'ship_available', missing: [{ sku: 'NONE', quantity: 3 }] },
    });
    const child = await detail(parent.backorders[0]!.id);
    expect(child).toMatchObject({ status: 'unfillable', totalUnits: 3, totalAmount: 150, backorderOf: { id: order.id } });
    // The floor sees only what ships now.
    const floor = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(floor.rows.find((r) => r.orderId === order.id)).toMatchObject({
      lines: [{ sku: 'HAVE', quantity: 2 }],
      orderLines: [{ sku: 'HAVE', quantity: 2 }],
    });

    await engine.dispatch('orders.cancel', { id: order.id, reason: 'customer changed their mind' }, PLANNER);
    expect((await detail(child.id)).status).toBe('cancelled');
    expect((await detail(child.id)).timeline.at(-1)).toMatchObject({
      type: 'order.cancelled',
      reason: expect.stringMatching(/was cancelled: customer changed their mind/),
    });
    expect(await stockOf(db.pool, 'HAVE')).toEqual({ 'loc-palermo': { onHand: 5, reserved: 0 } });
  });

  it('at first sourcing, cancel_unavailable ships as much of a line as one location has and cancels the rest', async () => {
    await usePolicy('cancel_unavailable');
    const o = await placeOrder(engine, 'FEW', 5);
    expect(parts(o)).toEqual([{ at: 'loc-palermo', status: 'assigned', lines: [{ sku: 'FEW', quantity: 3 }] }]);
    expect(o.lines).toMatchObject([{ sku: 'FEW', quantity: 5, cancelledQuantity: 2 }]);
    expect(await stockOf(db.pool, 'FEW')).toEqual({ 'loc-palermo': { onHand: 3, reserved: 3 } });
  });

  it('a split order is picked part by part: the order is picked when its last part is', async () => {
    await usePolicy('hold');
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'SPL-A', quantity: 1 },
            { sku: 'SPL-B', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    const o = await waitForStatus(engine, order.id, 'sourced');
    expect(
      parts(o)
        .map((p) => p.at)
        .sort(),
    ).toEqual(['loc-palermo', 'loc-quilmes']);
    const first = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-quilmes', picked: [{ sku: 'SPL-B', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(first.outcome).toBe('part_picked');
    expect(first.order.status).toBe('sourced');
    // A report for lines another location holds is refused, naming the line.
    await expect(
      engine.dispatch(
        'fulfilment.shortPick',
        { orderId: o.id, locationId: 'loc-palermo', picked: [{ sku: 'SPL-B', quantity: 1 }] },
        ASSOCIATE,
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'picked.0.sku' }],
    });
    // Picking has started: the order can no longer be moved by an override.
    await expect(
      engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-dc-ezeiza', reason: 'test' }, SUPERVISOR),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const last = await engine.dispatch(
      'fulfilment.shortPick',
      { orderId: o.id, locationId: 'loc-palermo', picked: [{ sku: 'SPL-A', quantity: 1 }] },
      ASSOCIATE,
    );
    expect(last.outcome).toBe('picked');
    await eventually(async () => ((await detail(o.id)).parts.every((p) => p.status === 'picked') ? true : undefined), 'every part picked');
  });
});
