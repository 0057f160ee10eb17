import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/engine';
import { inTransaction } from '../../../src/engine/db/data-source';
import { applyCarrierEvents } from '../../../src/engine/modules/shipping/apply-tracking';
import { pollDueShipments, watchDelays } from '../../../src/engine/modules/shipping/workflows/tracking-loops';
import type { AppError, DelayReason, ShipmentStatus } from '../../../src/shared';
import { ASSOCIATE, PLANNER } from '../../support/engine-under-test';
import { eventually } from '../../support/test-database';
import { startTrackingWorld, type TrackingWorld } from '../../support/tracking-fixture';

const SUPERVISOR: Actor = { id: 'u-super', name: 'Sofía Supervisora', role: 'supervisor' };
const DAY = 86_400_000;

/**
 * Delays against real Postgres: the delay watch raises an alert per rule that fires (once; the order
 * event for notifications), resolves it when the rule stops firing, keeps a person's resolution;
 * the late board groups open alerts by reason and carrier; a failed delivery attempt raises a
 * carrier exception that delivery resolves; polling stops 90 days after the last event.
 */
describe('tracking: delays, alerts and the late board', () => {
  let w: TrackingWorld;

  beforeAll(async () => {
    // Parcels to postcodes 94xx meet a failed delivery attempt at the simulator.
    w = await startTrackingWorld([{ location: 'loc-palermo', sku: 'DLY', onHand: 100 }], { rules: '94:attempt_failed' });
  }, 60_000);
  afterAll(async () => w?.close());

  /** A labelled parcel the engine's poller leaves alone (the test says what the carrier reported). */
  async function quietParcel(): Promise<{ orderId: string; id: string; tn: string }> {
    const { orderId, shipmentIds } = await w.packedOrder('DLY');
    const id = shipmentIds[0]!;
    await w.db.pool.query(
      `UPDATE shipments SET next_poll_at = NULL, promised_at = now() + interval '30 days', eta_at = NULL, previous_eta_at = NULL WHERE id = $1`,
      [id],
    );
    return { orderId, id, tn: (await w.shipment(id)).tracking_number };
  }
  const scan = (id: string, tn: string, code: string, status: ShipmentStatus | null, at: Date, etaAt?: Date) =>
    inTransaction(w.ctx.ds, (m) =>
      applyCarrierEvents(
        m,
        id,
        [{ trackingNumber: tn, status, reason: null, carrierCode: code, carrierText: code, occurredAt: at, ...(etaAt ? { etaAt } : {}) }],
        'poll',
      ),
    );
  const alerts = async (id: string) =>
    (
      await w.db.pool.query(`SELECT reason, status, resolved_by FROM shipment_alerts WHERE shipment_id = $1 ORDER BY raised_at, reason`, [
        id,
      ])
    ).rows as { reason: DelayReason; status: string; resolved_by: string | null }[];
  const open = async (id: string) =>
    (await alerts(id))
      .filter((a) => a.status === 'open')
      .map((a) => a.reason)
      .sort();
  const refused = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as AppError,
    );

  it('no first scan a business day after the cut-off raises an alert once (order event shipment.delayed); the first scan resolves it', async () => {
    const { orderId, id, tn } = await quietParcel();
    await w.db.pool.query(`UPDATE shipments SET created_at = now() - interval '10 days' WHERE id = $1`, [id]);
    await w.db.pool.query(`UPDATE shipping_decisions SET cutoff_at = now() - interval '10 days' WHERE order_id = $1`, [orderId]);
    await watchDelays(w.ctx);
    await watchDelays(w.ctx);
    expect(await alerts(id)).toEqual([{ reason: 'no_first_scan', status: 'open', resolved_by: null }]);
    const delayed = (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).timeline.filter((e) => e.type === 'shipment.delayed');
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.data).toMatchObject({ shipmentId: id, reason: 'no_first_scan', trackingNumber: tn });

    const board = await w.engine.dispatch('shipping.lateBoard', {}, PLANNER);
    expect(board.groups).toContainEqual(
      expect.objectContaining({ reason: 'no_first_scan', carrier: 'simulator', carrierName: 'Correo Simulado' }),
    );
    const mine = board.alerts.find((a) => a.shipmentId === id);
    expect(mine).toMatchObject({
      reason: 'no_first_scan',
      status: 'open',
      orderId,
      trackingNumber: tn,
      region: 'CABA',
      carrierName: 'Correo Simulado',
    });
    expect(mine!.detail).toMatch(/No carrier scan a business day after/);
    expect((await w.engine.dispatch('shipping.alerts', {}, SUPERVISOR)).map((a) => a.id)).toContain(mine!.id);

    await scan(id, tn, 'ADM', 'in_transit', new Date());
    await watchDelays(w.ctx);
    expect(await alerts(id)).toEqual([{ reason: 'no_first_scan', status: 'resolved', resolved_by: 'Atalaya' }]);
    expect((await w.engine.dispatch('shipping.alerts', { status: 'resolved' }, PLANNER)).map((a) => a.id)).toContain(mine!.id);
  });

  it('a stalled parcel, a slipping ETA and a passed promise raise their alerts; a new scan resolves the stall only', async () => {
    const { id, tn } = await quietParcel();
    const now = Date.now();
    await scan(id, tn, 'ADM', 'in_transit', new Date(now - 10 * DAY), new Date(now - 8 * DAY));
    await w.db.pool.query(`UPDATE shipments SET promised_at = now() - interval '2 days' WHERE id = $1`, [id]);
    await watchDelays(w.ctx);
    expect(await open(id)).toEqual(['promise_passed', 'stalled']);
    // A hub scan (same status) is activity; its ETA is later than the one before.
    await scan(id, tn, 'HUB', 'in_transit', new Date(now - 60_000), new Date(now + 3 * DAY));
    await watchDelays(w.ctx);
    expect(await open(id)).toEqual(['eta_after_promise', 'eta_slipping', 'promise_passed']);
    expect((await alerts(id)).find((a) => a.reason === 'stalled')).toMatchObject({ status: 'resolved', resolved_by: 'Atalaya' });
  });

  it('a planner resolves an alert with a note: in their name, on the timeline, in the audit log — and the watch does not raise it again until the parcel moves', async () => {
    const { orderId, id, tn } = await quietParcel();
    await scan(id, tn, 'ADM', 'in_transit', new Date(Date.now() - 60_000));
    await w.db.pool.query(`UPDATE shipments SET promised_at = now() - interval '1 day' WHERE id = $1`, [id]);
    await watchDelays(w.ctx);
    const alert = (await w.engine.dispatch('shipping.alerts', {}, PLANNER)).find(
      (a) => a.shipmentId === id && a.reason === 'promise_passed',
    )!;
    expect(alert).toBeDefined();

    expect(await refused(w.engine.dispatch('shipping.resolveAlert', { alertId: alert.id }, ASSOCIATE))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const done = await w.engine.dispatch(
      'shipping.resolveAlert',
      { alertId: alert.id, note: 'Llamé a la clienta: llega el lunes' },
      PLANNER,
    );
    expect(done).toMatchObject({ id: alert.id, status: 'resolved', resolvedBy: 'Paula Planner' });
    // Again (a second desk, a double click): the same answer, nothing more.
    expect(await w.engine.dispatch('shipping.resolveAlert', { alertId: alert.id }, SUPERVISOR)).toMatchObject({
      resolvedBy: 'Paula Planner',
    });
    expect(
      await refused(w.engine.dispatch('shipping.resolveAlert', { alertId: '00000000-0000-4000-8000-000000000000' }, PLANNER)),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const timeline = (await w.engine.dispatch('orders.get', { id: orderId }, PLANNER)).timeline;
    expect(timeline.filter((e) => e.type === 'shipment.alert_resolved')).toEqual([
      expect.objectContaining({ actor: 'Paula Planner', reason: 'Llamé a la clienta: llega el lunes' }),
    ]);
    const audit = await eventually(async () => {
      const r = await w.db.pool.query(
        `SELECT user_name, order_id, after FROM audit_log WHERE action = 'shipping.resolveAlert' AND outcome = 'ok'`,
      );
      return r.rows.length ? r.rows : undefined;
    }, 'the audit row');
    expect(audit[0]).toMatchObject({
      user_name: 'Paula Planner',
      order_id: orderId,
      after: { status: 'resolved', alert: 'promise_passed' },
    });

    await watchDelays(w.ctx);
    expect(await open(id)).not.toContain('promise_passed');
    // The parcel moves on and is still late: the rule speaks again.
    await scan(id, tn, 'OFD', 'out_for_delivery', new Date());
    await watchDelays(w.ctx);
    expect(await open(id)).toContain('promise_passed');
  });

  it('polling stops 90 days after the last event; a parcel heard from 89 days ago is still polled', async () => {
    const quiet = await quietParcel();
    const recent = await quietParcel();
    await scan(quiet.id, quiet.tn, 'ADM', 'in_transit', new Date(Date.now() - 91 * DAY));
    await scan(recent.id, recent.tn, 'ADM', 'in_transit', new Date(Date.now() - 89 * DAY));
    await w.due(quiet.id, recent.id);
    await pollDueShipments(w.ctx);
    await eventually(
      async () => ((await w.shipment(quiet.id)).next_poll_at === null ? true : undefined),
      'polling of the quiet parcel stopped',
    );
    expect((await w.shipment(recent.id)).next_poll_at).not.toBeNull();
    expect((await w.shipment(quiet.id)).status).toBe('in_transit');
  });

  it('a failed delivery attempt raises a carrier exception; delivery resolves it', async () => {
    const { shipmentIds } = await w.packedOrder('DLY', { postalCode: '9401' });
    const id = shipmentIds[0]!;
    await w.advance(4.5); // first scan, hub, out for delivery, then "customer absent"
    await w.due(id);
    await pollDueShipments(w.ctx);
    await eventually(async () => ((await w.shipment(id)).status === 'attempt_failed' ? true : undefined), 'the failed attempt');
    const raised = (await w.engine.dispatch('shipping.alerts', {}, PLANNER)).find((a) => a.shipmentId === id);
    expect(raised).toMatchObject({ reason: 'carrier_exception', status: 'open' });
    expect(raised!.detail).toMatch(/failed delivery attempt \(AUS, customer_absent\)/);
    expect((await w.engine.dispatch('shipping.lateBoard', {}, PLANNER)).groups).toContainEqual(
      expect.objectContaining({ reason: 'carrier_exception', carrier: 'simulator' }),
    );
    await w.advance(2); // out again, delivered
    await w.due(id);
    await pollDueShipments(w.ctx);
    await eventually(async () => ((await w.shipment(id)).status === 'delivered' ? true : undefined), 'the delivery');
    expect(await alerts(id)).toEqual([{ reason: 'carrier_exception', status: 'resolved', resolved_by: 'Atalaya' }]);
  });
});
