import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { AppError } from '../../src/shared';
import { ASSOCIATE, PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { placeOrder, SUPERVISOR, waitForResourced } from '../support/sourcing-ops';
import type { TestDatabase } from '../support/test-database';

/** The floor's query on real Postgres: a location's open fulfilment orders, oldest first, with its part of each order. */
describe('floor.openFulfilments', () => {
  let db: TestDatabase;
  let engine: Engine;

  // A location's floor is one list for every order there: each case starts from an empty one, on a database of its own.
  beforeEach(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'FL-A', onHand: 10 },
        { location: 'loc-palermo', sku: 'FL-B', onHand: 10 },
        { location: 'loc-quilmes', sku: 'FL-B', onHand: 10 },
        { location: 'loc-quilmes', sku: 'FL-A', onHand: 10 },
        { location: 'loc-palermo', sku: 'FL-C', onHand: 5 },
        { location: 'loc-palermo', sku: 'FL-D', onHand: 5 },
        { location: 'loc-quilmes', sku: 'FL-D', onHand: 5 },
      ],
      { redisUrl: process.env.REDIS_URL },
    ));
  });
  afterEach(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('lists assigned and picked work oldest first, drops what left the floor, and follows a rejection', async () => {
    const first = await placeOrder(engine, 'FL-A', 2);
    const second = await placeOrder(engine, 'FL-B', 1);
    const third = await placeOrder(engine, 'FL-A', 1);
    expect([first.locationId, second.locationId, third.locationId]).toEqual(['loc-palermo', 'loc-palermo', 'loc-palermo']);
    await engine.dispatch('orders.advance', { id: second.id, to: 'picked' }, ASSOCIATE);

    const page = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, ASSOCIATE);
    expect(page.location).toMatchObject({ id: 'loc-palermo', name: 'Tienda Palermo' });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.orderId)).toEqual([first.id, second.id, third.id]);
    expect(page.rows[0]).toMatchObject({
      status: 'assigned',
      orderStatus: 'sourced',
      actionable: true,
      lines: [{ sku: 'FL-A', productName: 'Producto FL-A', quantity: 2 }],
      elsewhere: [],
      orderLines: [{ sku: 'FL-A', quantity: 2 }],
    });
    expect(page.rows[1]).toMatchObject({ status: 'picked', orderStatus: 'picked', actionable: false });

    // Packed leaves the floor's list; a rejection takes the order away and the next location lists it.
    await engine.dispatch('orders.advance', { id: second.id, to: 'packed' }, PLANNER);
    await engine.dispatch('fulfilment.reject', { orderId: first.id, reasonCode: 'not_in_stock', locationId: 'loc-palermo' }, ASSOCIATE);
    await waitForResourced(engine, first.id, 'loc-palermo');
    const after = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo', limit: 1 }, PLANNER);
    expect(after.rows.map((r) => r.orderId)).toEqual([third.id]);
    expect(after.total).toBe(1);
    const quilmes = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-quilmes' }, SUPERVISOR);
    expect(quilmes.rows.map((r) => r.orderId)).toEqual([first.id]);
  });

  it('shows the lines that ship from elsewhere on a split order', async () => {
    const { order } = await engine.dispatch(
      'orders.create',
      {
        order: (await import('../support/fixtures')).anOrder({
          lines: [
            { sku: 'FL-C', quantity: 1 },
            { sku: 'FL-D', quantity: 1 },
          ],
        }),
      },
      PLANNER,
    );
    const sourced = await waitForResourced(engine, order.id, 'none');
    expect(sourced.locationId).toBe('loc-palermo');
    await engine.dispatch(
      'sourcing.override',
      { orderId: order.id, locationId: 'loc-quilmes', reason: 'split for the test', skus: ['FL-D'] },
      SUPERVISOR,
    );
    const palermo = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, ASSOCIATE);
    const row = palermo.rows.find((r) => r.orderId === order.id)!;
    expect(row.lines).toEqual([{ sku: 'FL-C', productName: 'Producto FL-C', quantity: 1 }]);
    expect(row.elsewhere).toEqual([{ sku: 'FL-D', quantity: 1, locationId: 'loc-quilmes' }]);
    const quilmes = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-quilmes' }, ASSOCIATE);
    expect(quilmes.rows.find((r) => r.orderId === order.id)!.lines.map((l) => l.sku)).toEqual(['FL-D']);
  });

  it('refuses an unknown location naming the field, a missing one, and roles without floor work', async () => {
    const unknown = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-nowhere' }, PLANNER).catch((e: AppError) => e);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', message: 'No location with id loc-nowhere' });
    // An associate is told it is not one of theirs (whether it exists is not theirs to learn).
    const notTheirs = await engine.dispatch('floor.openFulfilments', { locationId: 'loc-nowhere' }, ASSOCIATE).catch((e: AppError) => e);
    expect(notTheirs).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/; this is loc-nowhere$/) });
    const missing = await engine.dispatch('floor.openFulfilments', { locationId: ' ' }, ASSOCIATE).catch((e: AppError) => e);
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(JSON.stringify(missing)).toContain('locationId');
    const integrator = await engine
      .dispatch('floor.openFulfilments', { locationId: 'loc-palermo' }, { id: 'i', name: 'Int', role: 'integrator' })
      .catch((e: AppError) => e);
    expect(integrator).toMatchObject({ code: 'FORBIDDEN' });
  });
});
