import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine';
import { openDatabase, type Db } from '../../../src/engine/db/data-source';
import { MIN_DELIVERIES_FOR_RATE, measuredRate, onTimeRates } from '../../../src/engine/modules/shipping/on-time.store';
import { startRawPrinter, type RawPrinter } from '../../support/raw-printer';
import type { TestDatabase } from '../../support/test-database';
import { ADMIN, PLANNER, packedOrder, pickedOrder, shipmentsIn, simulatorAccount, startShippingEngine } from './shipping-fixture';

/**
 * A station whose shipping labels go to a ZPL thermal printer gets the carrier's ZPL, sent to the
 * printer byte for byte; and the carriers' measured on-time rate per account and destination
 * region (what the rate shop weighs and the late board shows), unknown below ten deliveries.
 */
describe('carrier ZPL at the station, and on-time rates', () => {
  let db: TestDatabase;
  let engine: Engine;
  let zebra: RawPrinter;
  let ds: Db;

  beforeAll(async () => {
    ({ db, engine } = await startShippingEngine());
    ds = await openDatabase({ url: db.url, poolSize: 2 });
    zebra = await startRawPrinter();
    const printer = await engine.dispatch(
      'printing.savePrinter',
      { name: 'Zebra expedición', transport: 'raw9100', address: zebra.address, language: 'zpl', dpi: 203 },
      ADMIN,
    );
    await engine.dispatch('printing.setRoute', { docType: 'shipping_label', printerId: printer.id }, ADMIN);
  });
  afterAll(async () => {
    await engine?.close();
    await ds?.destroy();
    await zebra?.close();
    await db?.drop();
  });

  it("asks the carrier for ZPL when the station prints labels on a ZPL printer, and sends the carrier's bytes unchanged", async () => {
    await simulatorAccount(engine, 'sim-zpl', {});
    const { order } = await packedOrder(engine, 1, {}, false);
    const [s] = await shipmentsIn(engine, order.id, 'ready', 1);
    expect(s!.labelFormat).toBe('zpl');
    const label = await db.pool.query<{ format: string; bytes: Buffer }>(
      `SELECT format, bytes FROM shipment_labels WHERE shipment_id = $1`,
      [s!.id],
    );
    expect(label.rows[0]!.format).toBe('zpl');
    const bytes = label.rows[0]!.bytes;
    expect(bytes.toString('utf8')).toMatch(/^\^XA[\s\S]*\^XZ\s*$/);
    expect(bytes.toString('utf8')).toContain(s!.trackingNumber!);
    const [printed] = await zebra.waitForJobs(1);
    expect(printed!.equals(bytes)).toBe(true);
    await engine.dispatch('carriers.save', { id: 'sim-zpl', kind: 'simulator', name: 'Sim sim-zpl', enabled: false, settings: {} }, ADMIN);
  });

  it('measures on-time rates per account and region over 90 days, and calls a rate only from ten deliveries', async () => {
    // Orders without a carrier enabled (none is now): their shipments are written as a carrier's history.
    const north = await pickedOrder(engine, {
      shipTo: { line1: 'Belgrano 1', city: 'Salta', region: 'Salta', country: 'AR', lat: -24.78, lng: -65.41 },
    });
    const south = await pickedOrder(engine, { shipTo: { line1: 'Mitre 2', city: 'Neuquén', country: 'AR', lat: -38.95, lng: -68.06 } });
    await db.pool.query(`INSERT INTO carrier_accounts (id, kind, name, enabled) VALUES ('hist-a', 'simulator', 'Histórico A', false)`);
    const deliver = async (orderId: string, lateHours: number, daysAgo = 3) =>
      db.pool.query(
        `INSERT INTO shipments (id, order_id, location_id, carrier, carrier_account_id, status, promised_at, delivered_at, shipped_at)
         VALUES ($1, $2, 'loc-palermo', 'simulator', 'hist-a', 'delivered', now() - make_interval(days => $3),
                 now() - make_interval(days => $3) + make_interval(hours => $4), now() - make_interval(days => $3 + 2))`,
        [randomUUID(), orderId, daysAgo, lateHours],
      );
    for (let i = 0; i < 9; i++) await deliver(north.id, -2); // on time
    for (let i = 0; i < 3; i++) await deliver(north.id, 5); // late
    await deliver(north.id, 5, 120); // outside the window
    for (let i = 0; i < 3; i++) await deliver(south.id, -1);

    const rows = await onTimeRates(ds.manager, { accountIds: ['hist-a'] });
    expect(rows).toEqual([
      {
        carrierAccountId: 'hist-a',
        carrier: 'simulator',
        carrierName: 'Histórico A',
        region: 'Salta',
        delivered: 12,
        onTime: 9,
        rate: 0.75,
      },
      { carrierAccountId: 'hist-a', carrier: 'simulator', carrierName: 'Histórico A', region: 'unknown', delivered: 3, onTime: 3, rate: 1 },
    ]);
    expect(MIN_DELIVERIES_FOR_RATE).toBe(10);
    expect(measuredRate(rows[0])).toBe(0.75);
    expect(measuredRate(rows[1])).toBeNull();
    expect(await onTimeRates(ds.manager, { region: 'Salta', accountIds: ['hist-a'] })).toHaveLength(1);

    // The quote shows the measured rate beside the options for Salta.
    await simulatorAccount(engine, 'sim-q', {});
    await db.pool.query(`UPDATE shipments SET carrier_account_id = 'sim-q' WHERE carrier_account_id = 'hist-a'`);
    const { order } = await packedOrder(
      engine,
      1,
      {
        shipTo: { line1: 'Belgrano 9', city: 'Salta', region: 'Salta', country: 'AR', lat: -24.78, lng: -65.41 },
      },
      false,
    );
    const quotes = await engine.dispatch('shipping.quote', { orderId: order.id }, PLANNER);
    expect(quotes.filter((q) => q.carrierAccountId === 'sim-q').every((q) => q.onTimeRate === 0.75)).toBe(true);
  });
});
