import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { AppError } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { ledgerMismatches, placeOrder, stockOf, SUPERVISOR, waitForStatus } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

const refused = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

/**
 * A supervisor moves an order to another location: released there and reserved here in one
 * transaction behind the same guard as the engine (never oversold, even when supervisors race for
 * the last units), audited with the engine's choice beside the override; only supervisors may.
 */
describe('supervisor override', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'OVR', onHand: 3 },
        { location: 'loc-quilmes', sku: 'OVR', onHand: 2 },
        { location: 'loc-cordoba', sku: 'OVR', onHand: 5, safety: 1 },
        // OVR's network again, once for each case that moves or refuses an order: the first case counts OVR's units.
        { location: 'loc-palermo', sku: 'OVR-MOVE', onHand: 3 },
        { location: 'loc-quilmes', sku: 'OVR-MOVE', onHand: 2 },
        { location: 'loc-cordoba', sku: 'OVR-MOVE', onHand: 5, safety: 1 },
        { location: 'loc-palermo', sku: 'OVR-REFUSE', onHand: 3 },
        { location: 'loc-quilmes', sku: 'OVR-REFUSE', onHand: 2 },
        { location: 'loc-cordoba', sku: 'OVR-REFUSE', onHand: 5, safety: 1 },
        { location: 'loc-palermo', sku: 'RACE', onHand: 8 },
        { location: 'loc-cordoba', sku: 'RACE', onHand: 3 },
        { location: 'loc-palermo', sku: 'PA', onHand: 2 },
        { location: 'loc-palermo', sku: 'PB', onHand: 2 },
        { location: 'loc-quilmes', sku: 'PB', onHand: 1 },
        { location: 'loc-palermo', sku: 'QA', onHand: 1 },
        { location: 'loc-palermo', sku: 'QB', onHand: 1 },
        { location: 'loc-dc-ezeiza', sku: 'QA', onHand: 1 },
        { location: 'loc-dc-ezeiza', sku: 'QB', onHand: 1 },
        { location: 'loc-palermo', sku: 'RA', onHand: 1 },
        { location: 'loc-palermo', sku: 'RB', onHand: 1 },
        { location: 'loc-quilmes', sku: 'RB', onHand: 3 },
        { location: 'loc-cordoba', sku: 'RA', onHand: 1 },
        { location: 'loc-cordoba', sku: 'RB', onHand: 1 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it("lists the engine's ranked candidates and every other location with stock", async () => {
    const o = await placeOrder(engine, 'OVR', 2);
    expect(o.locationId).toBe('loc-palermo');
    const opts = await engine.dispatch('sourcing.overrideOptions', { orderId: o.id }, SUPERVISOR);
    expect(opts.engineChoice).toEqual({ locationId: 'loc-palermo', locationName: 'Tienda Palermo' });
    expect(opts.options.map((x) => [x.locationId, x.engineRank, x.available, x.canFill, x.current])).toEqual([
      ['loc-quilmes', 2, 2, true, false],
      ['loc-cordoba', 3, 4, true, false],
      ['loc-palermo', 1, 1, false, true],
    ]);
    expect(opts.options[0]!.distanceKm).toBeGreaterThan(10);
    expect(opts.options[0]!.lines).toEqual([{ sku: 'OVR', needed: 2, available: 2 }]);
  });

  it('moves the order, stock follows, and the timeline keeps engine choice and override side by side', async () => {
    const o = await placeOrder(engine, 'OVR-MOVE', 1);
    expect(o.locationId).toBe('loc-palermo');
    const before = await stockOf(db.pool, 'OVR-MOVE');
    const res = await engine.dispatch(
      'sourcing.override',
      { orderId: o.id, locationId: 'loc-cordoba', reason: '  customer will collect in Córdoba  ' },
      SUPERVISOR,
    );
    expect(res.order).toMatchObject({ status: 'sourced', locationId: 'loc-cordoba', locationName: 'Tienda Córdoba' });
    expect(res.engineChoice).toEqual({ locationId: 'loc-palermo', locationName: 'Tienda Palermo' });
    expect(res.previousLocationId).toBe('loc-palermo');
    const after = await stockOf(db.pool, 'OVR-MOVE');
    expect(after['loc-palermo']!.reserved).toBe(before['loc-palermo']!.reserved - 1);
    expect(after['loc-cordoba']!.reserved).toBe(before['loc-cordoba']!.reserved + 1);

    const d = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    // The computed promise (order.promised, written just after sourcing commits) may land anywhere among these.
    const steps = d.timeline.filter((e) => e.type !== 'order.promised');
    expect(steps.map((e) => e.type)).toEqual(['order.received', 'order.sourced', 'order.overridden', 'order.sourced']);
    const ov = steps[2]!;
    expect(ov).toMatchObject({ actor: SUPERVISOR.name, reason: 'customer will collect in Córdoba' });
    expect(ov.data).toMatchObject({
      engineChoice: { locationId: 'loc-palermo', locationName: 'Tienda Palermo' },
      override: { locationId: 'loc-cordoba', locationName: 'Tienda Córdoba' },
      previousLocationId: 'loc-palermo',
      released: 1,
    });
    expect(steps[3]).toMatchObject({ fromStatus: 'sourced', toStatus: 'sourced', actor: SUPERVISOR.name });
    expect(steps[3]!.data).toMatchObject({ strategy: 'supervisor-override', chosen: 'loc-cordoba', engineChoice: 'loc-palermo' });
    const audit = await db.pool.query(
      `SELECT from_location_id, to_location_id, engine_location_id, reason, actor_id FROM sourcing_overrides WHERE order_id = $1`,
      [o.id],
    );
    expect(audit.rows).toEqual([
      {
        from_location_id: 'loc-palermo',
        to_location_id: 'loc-cordoba',
        engine_location_id: 'loc-palermo',
        reason: 'customer will collect in Córdoba',
        actor_id: SUPERVISOR.id,
      },
    ]);
    const fos = await db.pool.query(`SELECT location_id, status FROM fulfilment_orders WHERE order_id = $1 ORDER BY created_at`, [o.id]);
    expect(fos.rows).toEqual([
      { location_id: 'loc-palermo', status: 'cancelled' },
      { location_id: 'loc-cordoba', status: 'assigned' },
    ]);
    // The audit is append-only.
    await expect(db.pool.query(`DELETE FROM sourcing_overrides WHERE order_id = $1`, [o.id])).rejects.toThrow(/append-only/);
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('only supervisors may override, a reason is required, and a refusal changes nothing', async () => {
    const o = await placeOrder(engine, 'OVR-REFUSE', 1);
    const input = { orderId: o.id, locationId: 'loc-quilmes', reason: 'closer to the carrier hub' };
    expect(await refused(engine.dispatch('sourcing.override', input, PLANNER))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('sourcing.override', input, ASSOCIATE))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('sourcing.overrideOptions', { orderId: o.id }, PLANNER))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('sourcing.override', { ...input, reason: '   ' }, SUPERVISOR))).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'reason' }],
    });
    expect(await refused(engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-quilmes' }, SUPERVISOR))).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'reason' }],
    });
    expect(await refused(engine.dispatch('sourcing.override', { ...input, locationId: o.locationId }, SUPERVISOR))).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'locationId' }],
    });
    expect(await refused(engine.dispatch('sourcing.override', { ...input, locationId: 'loc-nowhere' }, SUPERVISOR))).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'locationId' }],
    });
    // Ezeiza holds none of it: the guard refuses and the order keeps its reservation where it was.
    const before = await stockOf(db.pool, 'OVR-REFUSE');
    expect(await refused(engine.dispatch('sourcing.override', { ...input, locationId: 'loc-dc-ezeiza' }, SUPERVISOR))).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'locationId' }],
    });
    expect(await stockOf(db.pool, 'OVR-REFUSE')).toEqual(before);
    const d = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(d).toMatchObject({ status: 'sourced', locationId: o.locationId });
    expect(d.timeline.filter((e) => e.type !== 'order.promised').map((e) => e.type)).toEqual(['order.received', 'order.sourced']);
    // Picked orders are on the floor: no override.
    await engine.dispatch('orders.advance', { id: o.id, to: 'picked' }, PLANNER);
    expect(await refused(engine.dispatch('sourcing.override', input, SUPERVISOR))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('supervisors racing to move eight orders onto three units: exactly three move, nothing oversold', async () => {
    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await placeOrder(engine, 'RACE', 1));
    expect(new Set(orders.map((o) => o.locationId))).toEqual(new Set(['loc-palermo']));
    const results = await Promise.allSettled(
      orders.map((o) =>
        engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-cordoba', reason: 'balance the network' }, SUPERVISOR),
      ),
    );
    const moved = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(moved).toHaveLength(3);
    expect(failed.map((f) => (f.reason as AppError).code)).toEqual(Array(5).fill('VALIDATION_FAILED'));
    expect(await stockOf(db.pool, 'RACE')).toEqual({
      'loc-palermo': { onHand: 8, reserved: 5 },
      'loc-cordoba': { onHand: 3, reserved: 3 },
    });
    const held = await db.pool.query(
      `SELECT order_id, count(*)::int AS n FROM reservations WHERE sku = 'RACE' AND status = 'reserved' GROUP BY order_id`,
    );
    expect(held.rows).toHaveLength(8);
    expect(held.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('moves part of an order: those lines ship from the new location, the rest stays, and it ships as one order', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'PA', quantity: 1 },
            { sku: 'PB', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    const o = await waitForStatus(engine, order.id, 'sourced');
    expect(o.locationId).toBe('loc-palermo');
    // Quilmes cannot take the whole order (no PA), but can take the PB line.
    const whole = await refused(
      engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-quilmes', reason: 'split it' }, SUPERVISOR),
    );
    expect(whole).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'locationId' }] });
    expect(
      await refused(
        engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-quilmes', reason: 'x', skus: ['NOPE'] }, SUPERVISOR),
      ),
    ).toMatchObject({ issues: [{ path: 'skus' }] });
    expect(
      await refused(
        engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-palermo', reason: 'x', skus: ['PB'] }, SUPERVISOR),
      ),
    ).toMatchObject({ issues: [{ path: 'skus' }] });

    const res = await engine.dispatch(
      'sourcing.override',
      { orderId: o.id, locationId: 'loc-quilmes', reason: 'PB is on the shelf in Quilmes', skus: ['PB'] },
      SUPERVISOR,
    );
    expect(res.order).toMatchObject({ status: 'sourced', locationId: 'loc-palermo' });
    const held = await db.pool.query(
      `SELECT r.location_id, r.sku, r.quantity, f.status FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id WHERE r.order_id = $1 AND r.status = 'reserved' ORDER BY r.sku`,
      [o.id],
    );
    expect(held.rows).toEqual([
      { location_id: 'loc-palermo', sku: 'PA', quantity: 1, status: 'assigned' },
      { location_id: 'loc-quilmes', sku: 'PB', quantity: 1, status: 'assigned' },
    ]);
    expect(await stockOf(db.pool, 'PB')).toEqual({ 'loc-palermo': { onHand: 2, reserved: 0 }, 'loc-quilmes': { onHand: 1, reserved: 1 } });
    const d = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'order.overridden', reason: 'PB is on the shelf in Quilmes' });
    expect(d.timeline.at(-1)!.data).toMatchObject({
      partial: true,
      lines: [{ sku: 'PB', quantity: 1 }],
      override: { locationId: 'loc-quilmes' },
      previousLocationId: 'loc-palermo',
    });

    // Córdoba has no PA: refused, nothing changed.
    expect(
      await refused(
        engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-cordoba', reason: 'no', skus: ['PA'] }, SUPERVISOR),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await engine.dispatch('orders.get', { id: o.id }, PLANNER)).locationId).toBe('loc-palermo');
    expect((await stockOf(db.pool, 'PA'))['loc-palermo']).toEqual({ onHand: 2, reserved: 1 });

    // The split order walks the floor as one: both parts picked, then shipped (units leave on hand).
    await engine.dispatch('orders.advance', { id: o.id, to: 'picked' }, PLANNER);
    await engine.dispatch('orders.advance', { id: o.id, to: 'packed' }, PLANNER);
    await engine.dispatch('orders.advance', { id: o.id, to: 'shipped' }, PLANNER);
    const fos = await db.pool.query(`SELECT location_id, status FROM fulfilment_orders WHERE order_id = $1 ORDER BY location_id`, [o.id]);
    expect(fos.rows).toEqual([
      { location_id: 'loc-palermo', status: 'shipped' },
      { location_id: 'loc-quilmes', status: 'shipped' },
    ]);
    expect(await stockOf(db.pool, 'PB')).toEqual({ 'loc-palermo': { onHand: 2, reserved: 0 }, 'loc-quilmes': { onHand: 0, reserved: 0 } });
    expect((await stockOf(db.pool, 'PA'))['loc-palermo']).toEqual({ onHand: 1, reserved: 0 });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('when every line has moved off a location, its part is cancelled and the order follows', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'QA', quantity: 1 },
            { sku: 'QB', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    const o = await waitForStatus(engine, order.id, 'sourced');
    expect(o.locationId).toBe('loc-palermo');
    await engine.dispatch(
      'sourcing.override',
      { orderId: o.id, locationId: 'loc-dc-ezeiza', reason: 'first half', skus: ['QA'] },
      SUPERVISOR,
    );
    const res = await engine.dispatch(
      'sourcing.override',
      { orderId: o.id, locationId: 'loc-dc-ezeiza', reason: 'second half', skus: ['QB'] },
      SUPERVISOR,
    );
    expect(res.order.locationId).toBe('loc-dc-ezeiza');
    const fos = await db.pool.query(`SELECT location_id, status FROM fulfilment_orders WHERE order_id = $1 ORDER BY created_at`, [o.id]);
    // One part per location: the second line joined the open Ezeiza part.
    expect(fos.rows).toEqual([
      { location_id: 'loc-palermo', status: 'cancelled' },
      { location_id: 'loc-dc-ezeiza', status: 'assigned' },
    ]);
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });

  it('a split order rejected by one of its locations: stock corrected there, the whole order sourced again', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: anOrder({
          lines: [
            { sku: 'RA', quantity: 1 },
            { sku: 'RB', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    const o = await waitForStatus(engine, order.id, 'sourced');
    expect(o.locationId).toBe('loc-palermo');
    await engine.dispatch('sourcing.override', { orderId: o.id, locationId: 'loc-quilmes', reason: 'split', skus: ['RB'] }, SUPERVISOR);
    expect(
      await refused(engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged', locationId: 'loc-dc-ezeiza' }, ASSOCIATE)),
    ).toMatchObject({ issues: [{ path: 'locationId' }] });
    expect(
      await refused(
        engine.dispatch('fulfilment.reject', { orderId: o.id, reasonCode: 'damaged', locationId: 'loc-quilmes', sku: 'RA' }, ASSOCIATE),
      ),
    ).toMatchObject({ issues: [{ path: 'sku' }] });
    const res = await engine.dispatch(
      'fulfilment.reject',
      { orderId: o.id, reasonCode: 'not_in_stock', locationId: 'loc-quilmes' },
      ASSOCIATE,
    );
    expect(res.stock).toEqual([{ sku: 'RB', onHandDelta: -3 }]);
    // Quilmes is out of it; Palermo is not excluded and still has both lines.
    const again = await waitForStatus(engine, o.id, 'sourced');
    expect(again.locationId).toBe('loc-palermo');
    expect(await stockOf(db.pool, 'RB')).toMatchObject({
      'loc-quilmes': { onHand: 0, reserved: 0 },
      'loc-palermo': { onHand: 1, reserved: 1 },
    });
    expect(await ledgerMismatches(db.pool)).toEqual([]);
  });
});
