import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine';
import { businessCalendar } from '../../src/engine/core/shipping/business-calendar';
import { sourcedOrderPromise } from '../../src/engine/core/shipping/promise-date';
import { openDatabase } from '../../src/engine/db/data-source';
import { SYSTEM_ACTOR } from '../../src/engine/kernel/context';
import { promiseSourcedOrder } from '../../src/engine/modules/shipping/promise.store';
import type { OrderDetail } from '../../src/shared';
import { migrateTestDatabase, PLANNER, startTestEngine } from '../support/engine-under-test';
import { anOrder, FIXTURE_LOCATIONS, seedFixture } from '../support/fixtures';
import { waitForStatus } from '../support/sourcing-ops';
import { createTestDatabase, eventually, type TestDatabase } from '../support/test-database';

/**
 * The delivery promise at sourcing, on real Postgres: an order the channel sent without a promise
 * gets one from its location's carrier cut-off, the shipping policy's handling hours and holidays,
 * and the transit days by distance — recorded in its timeline; an order with the channel's promise
 * keeps it.
 */
describe('promise at sourcing', () => {
  let db: TestDatabase;
  let engine: Engine;
  const calendar = businessCalendar('AR');
  const palermo = FIXTURE_LOCATIONS.find((l) => l.id === 'loc-palermo')!;
  const cordoba = FIXTURE_LOCATIONS.find((l) => l.id === 'loc-cordoba')!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateTestDatabase(db.url);
    await seedFixture(db.pool, [
      { location: 'loc-palermo', sku: 'PR-HOME', onHand: 10 },
      { location: 'loc-palermo', sku: 'PR-CHANNEL', onHand: 10 },
      { location: 'loc-palermo', sku: 'PR-PICKUP', onHand: 10 },
      { location: 'loc-cordoba', sku: 'PR-FAR', onHand: 10 },
    ]);
    // Palermo hands over to the carrier at 16:00; handling takes 6 hours.
    await db.pool.query(`UPDATE locations SET carrier_cutoff = '16:00' WHERE id = 'loc-palermo'`);
    await db.pool.query(`UPDATE shipping_policy SET handling_hours = 6, holiday_country = 'AR'`);
    engine = await startTestEngine(db.url, { redisUrl: process.env.REDIS_URL });
  });
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
  });

  /** Creates an order and waits until it is sourced and its promise (if one is coming) is in its timeline. */
  async function sourced(
    input: Parameters<typeof anOrder>[0],
    promised: boolean,
  ): Promise<{ detail: OrderDetail; before: Date; after: Date }> {
    const before = new Date();
    const { order } = await engine.dispatch('orders.create', { order: anOrder(input) }, PLANNER);
    await waitForStatus(engine, order.id, 'sourced');
    const detail = promised
      ? await eventually(async () => {
          const d = await engine.dispatch('orders.get', { id: order.id }, PLANNER);
          return d.timeline.some((e) => e.type === 'order.promised') ? d : undefined;
        }, `order ${order.number} to be promised`)
      : await engine.dispatch('orders.get', { id: order.id }, PLANNER);
    return { detail, before, after: new Date() };
  }

  /** The promise the engine may have computed at any moment between the two instants (it is a whole local day). */
  const expectedBetween = (
    before: Date,
    after: Date,
    origin: { lat: number; lng: number; carrierCutoff: string | null },
    kind: 'homeDelivery' | 'storePickup',
  ) =>
    [before, after].map((from) =>
      sourcedOrderPromise({ from, handlingHours: 6, calendar, shipTo: anOrder().shipTo, origins: [origin] })[kind].toISOString(),
    );

  it('an order without a promise gets one after sourcing, from the cut-off, handling, holidays and distance, in its timeline', async () => {
    const { detail, before, after } = await sourced({ lines: [{ sku: 'PR-HOME', quantity: 1, unitPrice: 1000 }] }, true);
    expect(detail.locationId).toBe('loc-palermo');
    expect(detail.intake.promisedAt).not.toBeNull();
    expect(expectedBetween(before, after, { ...palermo, carrierCutoff: '16:00' }, 'homeDelivery')).toContain(detail.intake.promisedAt);
    // The end of a business day in Buenos Aires (02:59:59.999Z the next day).
    const promisedAt = new Date(detail.intake.promisedAt!);
    expect(promisedAt.toISOString()).toMatch(/T02:59:59\.999Z$/);
    expect(calendar.isBusinessDay(promisedAt)).toBe(true);
    expect(promisedAt.getTime()).toBeGreaterThan(before.getTime());
    const ev = detail.timeline.filter((e) => e.type === 'order.promised');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.data).toEqual({ promisedAt: detail.intake.promisedAt, source: 'computed' });
    expect(ev[0]!.actor).toBe('Atalaya');
  });

  it('a far location promises more transit days (Córdoba → Buenos Aires is ~650 km: three)', async () => {
    const { detail, before, after } = await sourced({ lines: [{ sku: 'PR-FAR', quantity: 1, unitPrice: 1000 }] }, true);
    expect(detail.locationId).toBe('loc-cordoba');
    expect(expectedBetween(before, after, { ...cordoba, carrierCutoff: null }, 'homeDelivery')).toContain(detail.intake.promisedAt);
    const nearest = expectedBetween(before, after, { ...palermo, carrierCutoff: '16:00' }, 'homeDelivery');
    expect(new Date(detail.intake.promisedAt!).getTime()).toBeGreaterThan(new Date(nearest[1]!).getTime());
  });

  it('an order with the channel’s promise keeps it, and no computed promise is recorded', async () => {
    const channelPromise = '2027-03-05T18:00:00.000Z';
    const { detail } = await sourced({ lines: [{ sku: 'PR-CHANNEL', quantity: 1, unitPrice: 1000 }], promisedAt: channelPromise }, false);
    expect(detail.intake.promisedAt).toBe(channelPromise);
    expect(detail.timeline.map((e) => e.type)).not.toContain('order.promised');
    // And it stays so: the order's row says the same after sourcing settled.
    const { rows } = await db.pool.query<{ promised_at: Date }>('SELECT promised_at FROM orders WHERE id = $1', [detail.id]);
    expect(rows[0]!.promised_at.toISOString()).toBe(channelPromise);
    // The promise runs after sourcing commits: called again (as a late or repeated run would), it keeps the channel's.
    const ds = await openDatabase({ url: db.url, poolSize: 2 });
    try {
      const origin = { ...palermo, carrierCutoff: '16:00' };
      expect(await promiseSourcedOrder(ds, { id: detail.id, shipTo: anOrder().shipTo }, [origin], SYSTEM_ACTOR)).toBeNull();
      const after = await engine.dispatch('orders.get', { id: detail.id }, PLANNER);
      expect(after.intake.promisedAt).toBe(channelPromise);
      expect(after.timeline.map((e) => e.type)).not.toContain('order.promised');
    } finally {
      await ds.destroy();
    }
  });

  it('a store pickup is promised for the end of the business day its handling ends (no carrier)', async () => {
    const { detail, before, after } = await sourced(
      { lines: [{ sku: 'PR-PICKUP', quantity: 1, unitPrice: 1000 }], deliveryType: 'store_pickup', pickupLocationId: 'loc-palermo' },
      true,
    );
    expect(detail.locationId).toBe('loc-palermo');
    expect(expectedBetween(before, after, { ...palermo, carrierCutoff: '16:00' }, 'storePickup')).toContain(detail.intake.promisedAt);
  });
});
