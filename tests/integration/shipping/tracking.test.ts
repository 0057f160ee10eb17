import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorWebhook } from '../../../src/engine/adapters/carriers/simulator.carrier';
import { inTransaction } from '../../../src/engine/db/data-source';
import { applyCarrierEvents, applyCarrierEventsBatch } from '../../../src/engine/modules/shipping/apply-tracking';
import { pollDueShipments, processWebhooks } from '../../../src/engine/modules/shipping/workflows/tracking-loops';
import type { CarrierTrackingEvent, InboundCarrierRequest } from '../../../src/engine/ports/carrier.port';
import type { ShipmentStatus } from '../../../src/shared';
import { PLANNER } from '../../support/engine-under-test';
import { ledgerMismatches } from '../../support/sourcing-ops';
import { eventually } from '../../support/test-database';
import { ADMIN, startTrackingWorld, STEP_MS, type TrackingWorld } from '../../support/tracking-fixture';

/**
 * Tracking against real Postgres and Redis, through the real HTTP host and the engine's own loops:
 * a carrier webhook is a hint (verified, kept raw, re-fetched, applied, de-duplicated), polling moves
 * a simulator parcel along, the order follows its shipments, and events never move a shipment back.
 */
describe('tracking: webhooks, polling, the order following its shipments', () => {
  let w: TrackingWorld;

  beforeAll(async () => {
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'TRK', onHand: 100 }]);
  }, 60_000);
  afterAll(async () => w?.close());

  const post = (req: InboundCarrierRequest, account = w.accountId) =>
    w.app.inject({
      method: 'POST',
      url: `/api/v1/carriers/${account}${req.path}`,
      headers: req.headers as Record<string, string>,
      payload: req.rawBody,
    });
  const count = async (sql: string, params: unknown[] = []) => (await w.db.pool.query(sql, params)).rows[0].n as number;
  const timeline = async (orderId: string) => (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).timeline.map((e) => e.type);
  const waitStatus = (id: string, status: ShipmentStatus) =>
    eventually(async () => ((await w.shipment(id)).status === status ? true : undefined), `shipment ${id} ${status}`);
  const pollTo = async (id: string, status: ShipmentStatus) => {
    await w.due(id);
    await pollDueShipments(w.ctx);
    await waitStatus(id, status);
  };

  it('a signed webhook is answered 200 at once, kept raw, re-fetched from the carrier and applied; the order ships', async () => {
    const { orderId, shipmentIds } = await w.packedOrder('TRK');
    const s = await w.shipment(shipmentIds[0]!);
    await w.advance(1.5); // the carrier's first scan (in_transit) has happened
    const hook = simulatorWebhook(w.secret, [s.tracking_number], `dlv-${shipmentIds[0]}`);
    const res = await post(hook);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    const row = (await w.db.pool.query(`SELECT refs, raw, headers FROM carrier_webhooks WHERE dedupe_key = $1`, [`dlv-${shipmentIds[0]}`]))
      .rows[0];
    expect(row.refs).toEqual([s.tracking_number]);
    expect(Buffer.from(row.raw).equals(hook.rawBody)).toBe(true);
    // The signature is a request anyone reading the row could replay: never stored.
    expect(row.headers['x-sim-signature']).toBe('[redacted]');

    // The engine's own processor (woken by the intake) re-fetches and applies it.
    await waitStatus(shipmentIds[0]!, 'in_transit');
    await eventually(
      async () => ((await count(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE processed_at IS NULL`)) === 0 ? true : undefined),
      'the webhook processed',
    );
    const order = await w.engine.dispatch('orders.get', { id: orderId }, PLANNER);
    expect(order.status).toBe('shipped');
    expect(order.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['shipment.ready', 'shipment.in_transit', 'order.shipped']));
    const events = (
      await w.db.pool.query(
        `SELECT carrier_code, status, applied, source FROM tracking_events WHERE shipment_id = $1 ORDER BY occurred_at, id`,
        [shipmentIds[0]],
      )
    ).rows;
    // The label's own event, the carrier's "label made" scan (same status: kept, not applied), the first scan.
    expect(events.filter((e) => e.source === 'webhook')).toEqual([
      { carrier_code: 'LBL', status: 'ready', applied: false, source: 'webhook' },
      { carrier_code: 'ADM', status: 'in_transit', applied: true, source: 'webhook' },
    ]);

    // The same delivery again: 200, a duplicate, nothing written or applied twice.
    const before = await count(`SELECT count(*)::int AS n FROM tracking_events WHERE shipment_id = $1`, [shipmentIds[0]]);
    const again = await post(hook);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, duplicate: true });
    await processWebhooks(w.ctx);
    expect(await count(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE carrier_account_id = $1`, [w.accountId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM tracking_events WHERE shipment_id = $1`, [shipmentIds[0]])).toBe(before);
    expect((await timeline(orderId)).filter((t) => t === 'shipment.in_transit')).toHaveLength(1);
    // A second delivery naming the same shipment re-fetches it: the carrier's history is kept once.
    expect((await post(simulatorWebhook(w.secret, [s.tracking_number], `dlv2-${shipmentIds[0]}`))).json()).toMatchObject({
      duplicate: false,
    });
    await processWebhooks(w.ctx);
    await eventually(
      async () => ((await count(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE processed_at IS NULL`)) === 0 ? true : undefined),
      'the second webhook processed',
    );
    expect(await count(`SELECT count(*)::int AS n FROM tracking_events WHERE shipment_id = $1`, [shipmentIds[0]])).toBe(before);
  });

  it("a forged or altered webhook is refused 401 and nothing is written; a body that is not the carrier's is 400", async () => {
    const rows = () => count(`SELECT count(*)::int AS n FROM carrier_webhooks`);
    const n = await rows();
    const forged = simulatorWebhook('not-the-secret', ['SIM-X'], 'forged-1');
    const r1 = await post(forged);
    expect(r1.statusCode).toBe(401);
    expect(r1.json().error).toMatchObject({ code: 'UNAUTHORIZED' });
    const signed = simulatorWebhook(w.secret, ['SIM-X'], 'altered-1');
    const altered = { ...signed, rawBody: Buffer.from(signed.rawBody.toString().replace('SIM-X', 'SIM-Y')) };
    expect((await post(altered)).statusCode).toBe(401);
    const unsigned = { ...signed, headers: { 'content-type': 'application/json' } };
    expect((await post(unsigned)).statusCode).toBe(401);
    expect(await rows()).toBe(n);
  });

  it('polling moves a parcel in_transit → out_for_delivery → delivered; the order goes shipped → delivered, its timeline says so', async () => {
    const { orderId, shipmentIds } = await w.packedOrder('TRK');
    const id = shipmentIds[0]!;
    await w.advance(1.5);
    await pollTo(id, 'in_transit');
    expect((await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).status).toBe('shipped');
    await w.advance(2); // 3.5 steps after the label
    await pollTo(id, 'out_for_delivery');
    await w.advance(1);
    await pollTo(id, 'delivered');
    const order = await eventually(async () => {
      const o = await w.engine.dispatch('orders.get', { id: orderId }, PLANNER);
      return o.status === 'delivered' ? o : undefined;
    }, 'the order delivered');
    const types = order.timeline.map((e) => e.type);
    const at = (t: string) => types.indexOf(t);
    for (const t of ['shipment.in_transit', 'order.shipped', 'shipment.out_for_delivery', 'shipment.delivered', 'order.delivered'])
      expect(types, t).toContain(t);
    expect(at('shipment.in_transit')).toBeLessThan(at('shipment.out_for_delivery'));
    expect(at('shipment.out_for_delivery')).toBeLessThan(at('shipment.delivered'));
    expect(at('shipment.delivered')).toBeLessThan(at('order.delivered'));
    // Delivered is final: no more polling; the stock left when the order shipped.
    expect((await w.shipment(id)).next_poll_at).toBeNull();
    const moves = await w.db.pool.query(`SELECT sum(on_hand_delta)::int AS n FROM stock_movements WHERE order_id = $1`, [orderId]);
    expect(moves.rows[0].n).toBe(-1);
  });

  it('an order of two parcels ships when both are with the carrier and is delivered when both are; one jumping to delivered does both at once', async () => {
    const { orderId, shipmentIds } = await w.packedOrder('TRK', { parcels: 2 });
    const [a, b] = shipmentIds as [string, string];
    const t0 = Date.now() + 10 * STEP_MS;
    const ev = (tn: string, code: string, status: ShipmentStatus | null, k: number): CarrierTrackingEvent => ({
      trackingNumber: tn,
      status,
      reason: null,
      carrierCode: code,
      carrierText: code,
      occurredAt: new Date(t0 + k * 60_000),
    });
    const apply = (id: string, evs: CarrierTrackingEvent[]) => inTransaction(w.ctx.ds, (m) => applyCarrierEvents(m, id, evs, 'poll'));
    const tnA = (await w.shipment(a)).tracking_number;
    const tnB = (await w.shipment(b)).tracking_number;
    const orderStatus = async () => (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).status;

    expect(await apply(a, [ev(tnA, 'ADM', 'in_transit', 1)])).toMatchObject({
      kept: 1,
      applied: 1,
      status: 'in_transit',
      orderStatus: 'packed',
    });
    expect(await orderStatus()).toBe('packed');
    // B goes straight from ready to delivered: the order ships and is delivered… only once A is delivered too.
    expect(await apply(b, [ev(tnB, 'DLV', 'delivered', 2)])).toMatchObject({ applied: 1, status: 'delivered', orderStatus: 'shipped' });
    expect(await apply(a, [ev(tnA, 'DLV', 'delivered', 3)])).toMatchObject({ applied: 1, status: 'delivered', orderStatus: 'delivered' });
    const types = await timeline(orderId);
    expect(types.filter((t) => t === 'order.shipped')).toHaveLength(1);
    expect(types.filter((t) => t === 'order.delivered')).toHaveLength(1);
  });

  it('out-of-order and repeated events never move a shipment backwards; an early one is applied once the history puts it in place', async () => {
    const { shipmentIds } = await w.packedOrder('TRK');
    const id = shipmentIds[0]!;
    const tn = (await w.shipment(id)).tracking_number;
    const t0 = Date.now() + 20 * STEP_MS;
    const ev = (code: string, status: ShipmentStatus | null, k: number): CarrierTrackingEvent => ({
      trackingNumber: tn,
      status,
      reason: status === 'returning' || status === 'returned' ? 'refused' : null,
      carrierCode: code,
      carrierText: `${code} text`,
      occurredAt: new Date(t0 + k * 60_000),
    });
    const apply = (evs: CarrierTrackingEvent[]) => inTransaction(w.ctx.ds, (m) => applyCarrierEvents(m, id, evs, 'webhook'));

    // "Returned" before anything else: kept, not applied (a ready parcel cannot be returned).
    expect(await apply([ev('RTS', 'returned', 5)])).toMatchObject({ kept: 1, applied: 0, status: 'ready' });
    // The carrier's whole history, shuffled: applied in the order it happened, the early "returned" last.
    const out = await apply([
      ev('REF', 'returning', 4),
      ev('OFD', 'out_for_delivery', 3),
      ev('RTS', 'returned', 5),
      ev('ADM', 'in_transit', 1),
    ]);
    expect(out).toMatchObject({ applied: 4, status: 'returned' });
    // Older events after that change nothing, and neither does the same history again.
    expect(await apply([ev('HUB', 'in_transit', 2), ev('OFD', 'out_for_delivery', 3), ev('NOV77', null, 6)])).toMatchObject({
      applied: 0,
      status: 'returned',
    });
    const rows = (
      await w.db.pool.query(
        `SELECT carrier_code, applied FROM tracking_events WHERE shipment_id = $1 AND source = 'webhook' ORDER BY occurred_at, id`,
        [id],
      )
    ).rows;
    expect(rows).toEqual([
      { carrier_code: 'ADM', applied: true },
      { carrier_code: 'HUB', applied: false },
      { carrier_code: 'OFD', applied: true },
      { carrier_code: 'REF', applied: true },
      { carrier_code: 'RTS', applied: true },
      { carrier_code: 'NOV77', applied: false },
    ]);
    expect((await w.shipment(id)).status).toBe('returned');
    // A return raised a carrier exception for the desk (it stays open: returned is final).
    const alerts = await w.db.pool.query(`SELECT reason, status FROM shipment_alerts WHERE shipment_id = $1`, [id]);
    expect(alerts.rows).toEqual([{ reason: 'carrier_exception', status: 'open' }]);
  });

  it('a batch of shipments applies as each alone would: two parcels of one order, repeats, out of order; concurrent batches over the same orders', async () => {
    const two = await w.packedOrder('TRK', { parcels: 2 });
    const one = await w.packedOrder('TRK');
    const other = await w.packedOrder('TRK');
    const [a, b] = two.shipmentIds as [string, string];
    const c = one.shipmentIds[0]!;
    const d = other.shipmentIds[0]!;
    const tn = async (id: string) => (await w.shipment(id)).tracking_number;
    const t0 = Date.now() + 30 * STEP_MS;
    const ev = async (id: string, code: string, status: ShipmentStatus | null, k: number): Promise<CarrierTrackingEvent> => ({
      trackingNumber: await tn(id),
      status,
      reason: status === 'attempt_failed' ? 'nobody home' : null,
      carrierCode: code,
      carrierText: `${code} text`,
      occurredAt: new Date(t0 + k * 60_000),
    });
    const batch = async (items: { id: string; events: CarrierTrackingEvent[] }[]) =>
      inTransaction(w.ctx.ds, (m) =>
        applyCarrierEventsBatch(
          m,
          items.map((i) => ({ shipmentId: i.id, events: i.events })),
          'poll',
        ),
      );

    const first = await batch([
      // Both parcels of one order delivered in one batch, out of order, one event repeated: the order ships and is delivered once.
      { id: b, events: [await ev(b, 'DLV', 'delivered', 3), await ev(b, 'ADM', 'in_transit', 1), await ev(b, 'ADM', 'in_transit', 1)] },
      { id: a, events: [await ev(a, 'ADM', 'in_transit', 1), await ev(a, 'DLV', 'delivered', 2)] },
      // A failed attempt raises an alert; an unknown code is kept without moving.
      { id: c, events: [await ev(c, 'ADM', 'in_transit', 1), await ev(c, 'VIS', 'attempt_failed', 2), await ev(c, 'ZZ9', null, 3)] },
    ]);
    expect(first.get(a)).toEqual({ kept: 2, applied: 2, status: 'delivered', orderStatus: 'delivered' });
    expect(first.get(b)).toEqual({ kept: 2, applied: 2, status: 'delivered', orderStatus: 'delivered' });
    expect(first.get(c)).toEqual({ kept: 3, applied: 2, status: 'attempt_failed', orderStatus: 'shipped' });
    const types = await timeline(two.orderId);
    expect(types.filter((t) => t === 'order.shipped')).toHaveLength(1);
    expect(types.filter((t) => t === 'order.delivered')).toHaveLength(1);
    expect(types.filter((t) => t === 'shipment.delivered')).toHaveLength(2);
    // Shipping committed the order's reservations: units left on hand, the ledger agrees with stock.
    expect(
      (await w.db.pool.query(`SELECT DISTINCT status FROM reservations WHERE order_id = ANY($1::uuid[])`, [[two.orderId, one.orderId]]))
        .rows,
    ).toEqual([{ status: 'committed' }]);
    expect(
      (await w.engine.dispatch('orders.get', { id: two.orderId }, PLANNER)).timeline.find((e) => e.type === 'order.shipped'),
    ).toBeTruthy();
    expect(await ledgerMismatches(w.db.pool)).toEqual([]);
    expect(await timeline(one.orderId)).toEqual(
      expect.arrayContaining(['shipment.in_transit', 'shipment.attempt_failed', 'order.shipped']),
    );
    expect((await w.db.pool.query(`SELECT reason, status FROM shipment_alerts WHERE shipment_id = $1`, [c])).rows).toEqual([
      { reason: 'carrier_exception', status: 'open' },
    ]);
    const row = (await w.db.pool.query(`SELECT first_scan_at, delivered_at, last_event_at, next_poll_at FROM shipments WHERE id = $1`, [a]))
      .rows[0];
    expect(row.first_scan_at.getTime()).toBe(t0 + 60_000);
    expect(row.delivered_at.getTime()).toBe(t0 + 2 * 60_000);
    expect(row.last_event_at.getTime()).toBe(t0 + 2 * 60_000);
    expect(row.next_poll_at).toBeNull();

    // The same batch again changes nothing.
    const again = await batch([
      { id: a, events: [await ev(a, 'ADM', 'in_transit', 1), await ev(a, 'DLV', 'delivered', 2)] },
      { id: c, events: [await ev(c, 'VIS', 'attempt_failed', 2)] },
    ]);
    expect(again.get(a)).toMatchObject({ kept: 0, applied: 0 });
    expect(again.get(c)).toMatchObject({ kept: 0, applied: 0 });

    // Two batches at once over the same orders, given in opposite orders: both apply (orders and shipments are locked in id order).
    const [x, y] = await Promise.all([
      batch([
        { id: c, events: [await ev(c, 'OFD', 'out_for_delivery', 4)] },
        { id: d, events: [await ev(d, 'ADM', 'in_transit', 4)] },
      ]),
      batch([
        { id: d, events: [await ev(d, 'HUB', 'in_transit', 5)] },
        { id: c, events: [await ev(c, 'DLV', 'delivered', 6)] },
      ]),
    ]);
    expect((x.get(c)?.applied ?? 0) + (y.get(c)?.applied ?? 0)).toBeGreaterThanOrEqual(1);
    expect((await w.shipment(c)).status).toBe('delivered');
    expect((await w.shipment(d)).status).toBe('in_transit');
    // This test's events only (dated from t0 on): the engine's own tracking poller may have read the simulator meanwhile.
    expect(
      await count(`SELECT count(*)::int AS n FROM tracking_events WHERE shipment_id = $1 AND source = 'poll' AND occurred_at >= $2`, [
        c,
        new Date(t0),
      ]),
    ).toBe(5);
    // Delivery resolved the failed attempt's alert.
    expect((await w.db.pool.query(`SELECT status FROM shipment_alerts WHERE shipment_id = $1`, [c])).rows).toEqual([
      { status: 'resolved' },
    ]);
  });

  it('unknown, disabled or webhook-less accounts get 404 with what to do', async () => {
    const hook = simulatorWebhook(w.secret, ['SIM-X'], 'nobody-1');
    const unknown = await post(hook, 'no-such-carrier');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/No carrier account "no-such-carrier".*Carriers/);
    expect((await post(hook, 'Bad_Id!')).statusCode).toBe(404);

    const save = (id: string, kind: 'simulator' | 'andreani', enabled: boolean, settings: Record<string, string> = {}) =>
      w.engine.dispatch(
        'carriers.save',
        {
          id,
          kind,
          name: id,
          enabled,
          settings,
          secrets: kind === 'andreani' ? { username: 'u', password: 'p' } : { webhookSecret: w.secret },
        },
        ADMIN,
      );
    await save('sim-off', 'simulator', false);
    const off = await post(hook, 'sim-off');
    expect(off.statusCode).toBe(404);
    expect(off.json().error.message).toMatch(/disabled.*enables it under Carriers/);

    // Andreani has no webhooks (tracking by polling); disabled again at once so the rate shop never asks it.
    await save('andreani-x', 'andreani', true, { clientCode: 'CL0001', contract: '400006709', baseUrl: 'http://127.0.0.1:9' });
    const none = await post(hook, 'andreani-x');
    await save('andreani-x', 'andreani', false, { clientCode: 'CL0001', contract: '400006709', baseUrl: 'http://127.0.0.1:9' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/does not send webhooks/);
    expect(await count(`SELECT count(*)::int AS n FROM carrier_webhooks WHERE carrier_account_id IN ('sim-off', 'andreani-x')`)).toBe(0);
  });
});
