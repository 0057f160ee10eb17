import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../src/engine';
import { simulatorCarrier } from '../../../src/engine/adapters/carriers/simulator.carrier';
import type { TestDatabase } from '../../support/test-database';
import {
  ADMIN,
  ASSOCIATE,
  PLANNER,
  SUPERVISOR,
  packedOrder,
  refused,
  shipmentsIn,
  simulatorAccount,
  startShippingEngine,
} from './shipping-fixture';

/**
 * What people do with shipments: live quotes; a supervisor changes the carrier (labels not handed
 * over are cancelled at the old carrier and re-bought from the new one, refused by name once a
 * parcel is with the carrier; planners and associates are refused); cancel; the close-out
 * (manifest and pickup); the dock; branches; an associate sees only their locations.
 */
describe('shipping: quotes, choosing the carrier, cancel and close-out', () => {
  let db: TestDatabase;
  let engine: Engine;

  beforeAll(async () => {
    ({ db, engine } = await startShippingEngine());
    await simulatorAccount(engine, 'sim-a', { priceBase: '1000', pricePerKg: '100', services: 'standard' }, { name: 'Correo A' });
    await simulatorAccount(engine, 'sim-b', { priceBase: '8000', pricePerKg: '800' }, { name: 'Correo B' });
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  it('quotes live, and a supervisor re-buys with another carrier: the old labels cancelled there and here, the decision overridden with the reason', async () => {
    const { order } = await packedOrder(engine, 2, {}, false);
    const first = await shipmentsIn(engine, order.id, 'ready', 2);
    expect(first.every((s) => s.carrierAccountId === 'sim-a')).toBe(true); // the cheap one wins the rate shop

    const quotes = await engine.dispatch('shipping.quote', { orderId: order.id }, PLANNER);
    expect(
      quotes
        .filter((q) => !q.excluded)
        .map((q) => `${q.carrierAccountId}/${q.service}`)
        .sort(),
    ).toEqual(['sim-a/standard', 'sim-b/express', 'sim-b/standard']);

    const input = { orderId: order.id, carrierAccountId: 'sim-b', service: 'express', reason: 'el cliente pagó envío rápido' };
    for (const actor of [PLANNER, ASSOCIATE]) {
      expect(await refused(engine.dispatch('shipping.choose', input, actor))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const cancel = vi.spyOn(simulatorCarrier, 'cancel');
    try {
      const decision = await engine.dispatch('shipping.choose', input, SUPERVISOR);
      expect(decision).toMatchObject({
        carrierAccountId: 'sim-b',
        service: 'express',
        overridden: true,
        reason: 'el cliente pagó envío rápido',
        decidedBy: SUPERVISOR.name,
      });
      expect(decision.options[0]).toMatchObject({ carrierAccountId: 'sim-b', service: 'express' });
      expect(decision.explanation).toContain('el cliente pagó envío rápido');
      expect(cancel.mock.calls.map((c) => c[1]).sort()).toEqual(first.map((s) => s.trackingNumber).sort());
    } finally {
      cancel.mockRestore();
    }
    const rebought = await shipmentsIn(engine, order.id, 'ready', 2);
    expect(rebought.every((s) => s.carrierAccountId === 'sim-b' && s.service === 'express')).toBe(true);
    expect(rebought.map((s) => s.parcelId).sort()).toEqual(first.map((s) => s.parcelId).sort());
    const { shipments, decisions } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(
      shipments
        .filter((s) => s.status === 'cancelled')
        .map((s) => s.id)
        .sort(),
    ).toEqual(first.map((s) => s.id).sort());
    expect(decisions).toHaveLength(1);
    expect(decisions[0]!.overridden).toBe(true);
    const timeline = (await engine.dispatch('orders.get', { id: order.id }, PLANNER)).timeline.map((e) => e.type);
    expect(timeline).toContain('shipping.chosen');
    expect(timeline.filter((t) => t === 'shipment.cancelled')).toHaveLength(2);
    const audit = await db.pool.query(`SELECT reason, order_id FROM audit_log WHERE action = 'shipping.choose' AND outcome = 'ok'`);
    expect(audit.rows).toEqual([{ reason: 'el cliente pagó envío rápido', order_id: order.id }]);
  });

  it('refuses to re-buy once a parcel is with the carrier, naming the shipment', async () => {
    const { order } = await packedOrder(engine, 2, {}, false);
    const [a] = await shipmentsIn(engine, order.id, 'ready', 2);
    // The carrier scanned the first parcel (as tracking would record it).
    await db.pool.query(`UPDATE shipments SET status = 'in_transit' WHERE id = $1`, [a!.id]);
    const e = await refused(
      engine.dispatch(
        'shipping.choose',
        { orderId: order.id, carrierAccountId: 'sim-b', service: 'standard', reason: 'probar otro' },
        SUPERVISOR,
      ),
    );
    expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(e.message).toContain(a!.id);
    expect(e.message).toContain('with the carrier');
    const { shipments } = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(shipments.filter((s) => s.status === 'cancelled')).toEqual([]);
    expect(await refused(engine.dispatch('shipping.cancel', { shipmentId: a!.id, reason: 'ya no' }, SUPERVISOR))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('a supervisor cancels a ready shipment at the carrier and here; cancelling again changes nothing', async () => {
    const { order } = await packedOrder(engine, 1, {}, false);
    const [s] = await shipmentsIn(engine, order.id, 'ready', 1);
    expect(await refused(engine.dispatch('shipping.cancel', { shipmentId: s!.id, reason: 'pedido anulado' }, PLANNER))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const cancel = vi.spyOn(simulatorCarrier, 'cancel');
    try {
      const out = await engine.dispatch('shipping.cancel', { shipmentId: s!.id, reason: 'pedido anulado' }, SUPERVISOR);
      expect(out.status).toBe('cancelled');
      expect(out.events.at(-1)).toMatchObject({ status: 'cancelled', source: 'manual' });
      expect(cancel).toHaveBeenCalledTimes(1);
      expect((await engine.dispatch('shipping.cancel', { shipmentId: s!.id, reason: 'pedido anulado' }, SUPERVISOR)).status).toBe(
        'cancelled',
      );
      expect(cancel).toHaveBeenCalledTimes(1);
    } finally {
      cancel.mockRestore();
    }
    expect(await refused(engine.dispatch('shipping.retryLabel', { shipmentId: s!.id }, ASSOCIATE))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('close-out: the dock lists ready shipments; a manifest moves them to manifested, with a pickup booked', async () => {
    const { order } = await packedOrder(engine, 2, {}, false);
    const ready = await shipmentsIn(engine, order.id, 'ready', 2);
    const dock = await engine.dispatch('shipping.dock', { locationId: 'loc-palermo' }, ASSOCIATE);
    for (const s of ready) expect(dock.map((d) => d.id)).toContain(s.id);
    const manifest = await engine.dispatch(
      'shipping.manifest',
      { locationId: 'loc-palermo', carrierAccountId: 'sim-a', bookPickup: true },
      ASSOCIATE,
    );
    expect(manifest).toMatchObject({ carrierAccountId: 'sim-a', locationId: 'loc-palermo', createdBy: ASSOCIATE.name });
    expect(manifest.externalId).toMatch(/^SIM-MF-/);
    expect(manifest.pickupConfirmation).toMatch(/^SIM-PU-\d{8}-/);
    expect(manifest.shipments).toBeGreaterThanOrEqual(2);
    const after = await engine.dispatch('shipping.forOrder', { orderId: order.id }, PLANNER);
    expect(after.shipments.every((s) => s.status === 'manifested')).toBe(true);
    const row = await db.pool.query(`SELECT shipment_ids FROM shipping_manifests WHERE id = $1`, [manifest.id]);
    expect(row.rows[0].shipment_ids).toEqual(expect.arrayContaining(ready.map((s) => s.id)));
    // Nothing left to close out.
    expect(
      await refused(
        engine.dispatch('shipping.manifest', { locationId: 'loc-palermo', carrierAccountId: 'sim-a', bookPickup: false }, ASSOCIATE),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('branches from the carrier; an associate of another location sees nothing of this one', async () => {
    const branches = await engine.dispatch('shipping.branches', { carrierAccountId: 'sim-a', postalCode: '1414' }, ASSOCIATE);
    expect(branches.length).toBeGreaterThan(0);
    expect(branches[0]).toMatchObject({ postalCode: '1414' });

    const { order } = await packedOrder(engine, 1, {}, false);
    await shipmentsIn(engine, order.id, 'ready', 1);
    const elsewhere = { id: 'u-cba', name: 'Carla Córdoba', role: 'associate' as const, locations: ['loc-cordoba'] };
    expect(await refused(engine.dispatch('shipping.forOrder', { orderId: order.id }, elsewhere))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(engine.dispatch('shipping.dock', { locationId: 'loc-palermo' }, elsewhere))).toMatchObject({ code: 'FORBIDDEN' });
    const mine = await engine.dispatch('shipping.forOrder', { orderId: order.id }, ASSOCIATE);
    expect(mine.shipments).toHaveLength(1);
    expect(await engine.dispatch('carriers.list', {}, ADMIN)).toHaveLength(2);
  });
});
