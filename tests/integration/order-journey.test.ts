import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import type { Order, OrderDetail } from '../../src/shared';
import { API_ACTOR } from '../../src/server/actors';
import { buildHttpApp } from '../../src/server/http-app';
import { signInAs, type TestSession } from '../support/sessions';
import { PLANNER, startFixtureEngine } from '../support/engine-under-test';
import { anOrder } from '../support/fixtures';
import { eventually, queueBackends, type TestDatabase } from '../support/test-database';

describe.each(queueBackends('order journey'))('an order from the REST API to delivery (queues on $name)', ({ redisUrl }) => {
  let db: TestDatabase;
  let engine: Engine;
  let app: FastifyInstance;
  /** Order reads need a session (or a key): a planner reads them here. */
  let planner: TestSession;
  const stockOf = async (loc: string, sku: string) =>
    (await db.pool.query('SELECT on_hand, reserved FROM stock WHERE location_id = $1 AND sku = $2', [loc, sku])).rows[0] as {
      on_hand: number;
      reserved: number;
    };

  beforeAll(async () => {
    ({ db, engine } = await startFixtureEngine(
      [
        { location: 'loc-palermo', sku: 'SKU-A', onHand: 3 },
        { location: 'loc-quilmes', sku: 'SKU-A', onHand: 10 },
        { location: 'loc-dc-ezeiza', sku: 'SKU-A', onHand: 100 },
        { location: 'loc-dc-ezeiza', sku: 'SKU-B', onHand: 100 },
        { location: 'loc-cordoba', sku: 'SKU-B', onHand: 5 },
        // For the roles case: its order holds no SKU-A, whose stock at Palermo the first case counts.
        { location: 'loc-palermo', sku: 'SKU-C', onHand: 5 },
      ],
      { redisUrl },
    ));
    app = await buildHttpApp(engine, { apiActor: API_ACTOR });
    planner = await signInAs(engine, { role: 'planner' });
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
    await db?.drop();
  });

  const waitForStatus = (id: string, statuses: string[]) =>
    eventually(
      async () => {
        const r = await app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: { cookie: planner.cookie } });
        const o = r.json() as OrderDetail;
        return statuses.includes(o.status) ? o : undefined;
      },
      `order ${id} to reach ${statuses.join('/')}`,
    );

  it('is stored, reserved at the nearest location that can fill it, and walked to delivery', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: anOrder({ lines: [{ sku: 'SKU-A', quantity: 2 }] }) });
    expect(res.statusCode).toBe(201);
    const created = res.json() as Order;
    expect(created.status).toBe('received');
    expect(res.headers.location).toBe(`/api/v1/orders/${created.id}`);

    const sourced = await waitForStatus(created.id, ['sourced']);
    expect(sourced.locationId).toBe('loc-palermo');
    expect(await stockOf('loc-palermo', 'SKU-A')).toEqual({ on_hand: 3, reserved: 2 });
    const decision = sourced.timeline.find((e) => e.type === 'order.sourced')!;
    expect(decision.actor).toBe('Atalaya');
    expect((decision.data as { candidates: { locationId: string }[] }).candidates.map((c) => c.locationId)).toEqual([
      'loc-palermo',
      'loc-quilmes',
      'loc-dc-ezeiza',
    ]);

    for (const to of ['picked', 'packed', 'shipped', 'delivered'] as const) {
      const o = await engine.dispatch('orders.advance', { id: created.id, to }, PLANNER);
      expect(o.status).toBe(to);
    }
    expect(await stockOf('loc-palermo', 'SKU-A')).toEqual({ on_hand: 1, reserved: 0 });
    const done = await engine.dispatch('orders.get', { id: created.id }, PLANNER);
    // The computed promise (order.promised) lands beside these steps, not as one.
    expect(done.timeline.filter((e) => e.type !== 'order.promised').map((e) => e.toStatus)).toEqual([
      'received',
      'sourced',
      'picked',
      'packed',
      'shipped',
      'delivered',
    ]);
    expect(done.timeline.filter((e) => e.actor === PLANNER.name)).toHaveLength(4);
    const shipment = await db.pool.query(
      `SELECT s.status FROM shipments s JOIN fulfilment_orders f ON f.id = s.fulfilment_order_id WHERE f.order_id = $1`,
      [created.id],
    );
    expect(shipment.rows).toEqual([{ status: 'delivered' }]);
  });

  it('skips a nearer location that lacks one of the lines', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: anOrder({
        lines: [
          { sku: 'SKU-A', quantity: 1 },
          { sku: 'SKU-B', quantity: 1 },
        ],
      }),
    });
    const o = await waitForStatus((res.json() as Order).id, ['sourced']);
    expect(o.locationId).toBe('loc-dc-ezeiza');
    const excluded = (o.timeline.find((e) => e.type === 'order.sourced')!.data as { excluded: { locationId: string; reason: string }[] })
      .excluded;
    expect(excluded.find((e) => e.locationId === 'loc-palermo')?.reason).toMatch(/no stock of SKU SKU-B/);
  });

  it('cancel releases the reservation and is final', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: anOrder({
        lines: [{ sku: 'SKU-B', quantity: 4 }],
        shipTo: { line1: 'Bv. San Juan 100', city: 'Córdoba', country: 'AR', lat: -31.42, lng: -64.19 },
      }),
    });
    const o = await waitForStatus((res.json() as Order).id, ['sourced']);
    expect(o.locationId).toBe('loc-cordoba');
    expect((await stockOf('loc-cordoba', 'SKU-B')).reserved).toBe(4);
    await engine.dispatch('orders.advance', { id: o.id, to: 'picked' }, PLANNER);
    const cancelled = await engine.dispatch('orders.cancel', { id: o.id, reason: 'Cliente se arrepintió' }, PLANNER);
    expect(cancelled.status).toBe('cancelled');
    expect(await stockOf('loc-cordoba', 'SKU-B')).toEqual({ on_hand: 5, reserved: 0 });
    await expect(engine.dispatch('orders.advance', { id: o.id, to: 'packed' }, PLANNER)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    const detail = await engine.dispatch('orders.get', { id: o.id }, PLANNER);
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'order.cancelled', reason: 'Cliente se arrepintió', actor: PLANNER.name });
  });

  it('on hand always equals the ledger, and reserved equals open reservations', async () => {
    const drift = await db.pool.query(`
      SELECT s.location_id, s.sku FROM stock s
      LEFT JOIN (SELECT location_id, sku, sum(on_hand_delta) oh, sum(reserved_delta) rs FROM stock_movements GROUP BY 1, 2) l USING (location_id, sku)
      LEFT JOIN (SELECT location_id, sku, sum(quantity) q FROM reservations WHERE status = 'reserved' GROUP BY 1, 2) r USING (location_id, sku)
      WHERE s.on_hand <> coalesce(l.oh, 0) OR s.reserved <> coalesce(l.rs, 0) OR s.reserved <> coalesce(r.q, 0)`);
    expect(drift.rows).toEqual([]);
  });

  it('an order nobody can fill is stored as unfillable with the reason; an unknown SKU is refused at the door', async () => {
    const r1 = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: anOrder({ lines: [{ sku: 'SKU-A', quantity: 500 }] }) });
    expect(r1.statusCode).toBe(201);
    const o1 = await waitForStatus((r1.json() as Order).id, ['unfillable']);
    expect(o1.unfillableReason).toBe('no location has available stock for every line');
    // The same reason as a code, for a client that says it in its own language.
    expect(o1.unfillableReasonCodes).toEqual([{ code: 'sourcing.no_stock', params: {} }]);
    // As the channel inbox quarantines it: the line named, nothing stored.
    const r2 = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: anOrder({ lines: [{ sku: 'NOPE-1', quantity: 1 }] }) });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.issues).toEqual([{ path: 'lines.0.sku', message: expect.stringMatching(/SKU "NOPE-1" is not in the catalog/) }]);
  });

  it('a planner cannot set engine-owned statuses nor skip steps; an associate cannot cancel', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: anOrder({ lines: [{ sku: 'SKU-C', quantity: 1 }] }) });
    const o = await waitForStatus((res.json() as Order).id, ['sourced']);
    await expect(engine.dispatch('orders.advance', { id: o.id, to: 'sourced' }, PLANNER)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(engine.dispatch('orders.advance', { id: o.id, to: 'shipped' }, PLANNER)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(
      engine.dispatch('orders.cancel', { id: o.id, reason: 'x' }, { id: 'a', name: 'A', role: 'associate' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the map numbers follow the orders: backlog, assigned today, stock-outs', async () => {
    const health = async (id: string) => (await engine.dispatch('locations.list', {}, PLANNER)).find((l) => l.id === id)!;
    const before = await health('loc-quilmes');
    // Ship to Quilmes: the nearest store there has SKU-A.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: anOrder({
        shipTo: { line1: 'Rivadavia 100', city: 'Quilmes', country: 'AR', lat: -34.7206, lng: -58.2546 },
        lines: [{ sku: 'SKU-A', quantity: 10 }],
      }),
    });
    const o = await waitForStatus((res.json() as Order).id, ['sourced']);
    expect(o.locationId).toBe('loc-quilmes');
    const after = await health('loc-quilmes');
    expect(after.backlog - before.backlog).toBe(1);
    expect(after.assignedToday - before.assignedToday).toBe(1);
    // All 10 units of SKU-A there are now reserved: one more SKU with nothing to promise.
    expect(after.stockOuts - before.stockOuts).toBe(1);
    await engine.dispatch('orders.cancel', { id: o.id, reason: 'test' }, PLANNER);
    expect((await health('loc-quilmes')).backlog).toBe(before.backlog);
  });
});
