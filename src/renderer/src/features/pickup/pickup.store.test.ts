import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { anOrderDetail, aPickup, aPrintJob } from '../../test-support/floor-fixtures';
import { anOrder } from '../../test-support/fixtures';
import { createPickupStore, EXPIRING_SOON_MS, selectExpiringSoon, selectRemaining, sortPickups } from './pickup.store';

/** A counter at loc-1: one pickup ready (o1); packed orders o2 (store pickup here) and o3 (home delivery). */
function counterDesk() {
  let pickups = [aPickup()];
  let wrong = 0;
  const packed = [
    anOrder({ id: 'o2', number: 1044, status: 'packed', locationId: 'loc-1' }),
    anOrder({ id: 'o3', number: 1045, status: 'packed', locationId: 'loc-1' }),
  ];
  return fakeDesk({
    'pickup.list': () => pickups,
    'orders.list': () => ({ rows: packed.filter((o) => !pickups.some((p) => p.orderId === o.id)), total: 2, page: 0, pageSize: 50 }),
    'orders.get': ({ id }) =>
      anOrderDetail(
        packed.find((o) => o.id === id)!,
        id === 'o3' ? { deliveryType: 'home_delivery', pickupLocationId: null } : {},
      ),
    'pickup.ready': ({ orderId }) => {
      const pickup = aPickup({ orderId, orderNumber: 1044, code: 'K7Q2M9', qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
      pickups = [...pickups, { ...pickup, code: null, qrSvg: null }];
      return { pickup, printJob: aPrintJob({ docType: 'pickup_label', printerName: 'Zebra' }) };
    },
    'pickup.handover': ({ orderId, code, lines }) => {
      if (code !== 'RIGHT') {
        wrong++;
        throw new AppError('VALIDATION_FAILED', `code: that is not the pickup code of order #1043 (${5 - wrong} tries left)`);
      }
      const all = !lines;
      const p = pickups.find((x) => x.orderId === orderId)!;
      const next = { ...p, status: all ? ('collected' as const) : ('partially_collected' as const) };
      pickups = all ? pickups.filter((x) => x.orderId !== orderId) : pickups.map((x) => (x.orderId === orderId ? next : x));
      return { pickup: next, order: anOrder({ id: orderId, status: all ? 'delivered' : 'packed' }) };
    },
  });
}

describe('pickup store', () => {
  it('lists the counter: ready pickups, and packed store-pickup orders here to make ready (each order asked once)', async () => {
    const api = counterDesk();
    const store = createPickupStore(api);
    await store.getState().locationChosen('loc-1');
    expect(api.inputsOf('pickup.list')).toEqual([{ locationId: 'loc-1' }]);
    expect(api.inputsOf('orders.list')[0]).toMatchObject({ locationId: 'loc-1', status: ['packed'] });
    expect(store.getState().pickups.map((p) => p.orderId)).toEqual(['o1']);
    expect(store.getState().toReady.map((o) => o.id)).toEqual(['o2']);
    await store.getState().refreshRequested();
    expect(api.inputsOf('orders.get')).toHaveLength(2);
  });

  it('making ready shows the code and QR once; the list never carries them', async () => {
    const api = counterDesk();
    const store = createPickupStore(api);
    await store.getState().locationChosen('loc-1');
    await store.getState().readyRequested('o2');
    expect(store.getState().shown).toMatchObject({ pickup: { code: 'K7Q2M9' }, printJob: { printerName: 'Zebra' } });
    expect(store.getState().toReady).toEqual([]);
    expect(store.getState().pickups.find((p) => p.orderId === 'o2')?.code).toBeNull();
    store.getState().shownDismissed();
    expect(store.getState().shown).toBeNull();
  });

  it('a wrong code says the engine’s message with the tries left; the right one hands over everything', async () => {
    const api = counterDesk();
    const store = createPickupStore(api);
    await store.getState().locationChosen('loc-1');
    const p = store.getState().pickups[0]!;
    expect(await store.getState().handoverSubmitted(p, { code: 'NOPE', declineRest: false })).toBe(false);
    expect(store.getState().results.o1).toEqual({
      kind: 'error',
      message: 'code: that is not the pickup code of order #1043 (4 tries left)',
    });
    expect(await store.getState().handoverSubmitted(p, { code: ' RIGHT ', declineRest: false })).toBe(true);
    expect(api.inputsOf('pickup.handover')[1]).toEqual({ orderId: 'o1', code: 'RIGHT', declineRest: false });
    expect(store.getState().results.o1).toMatchObject({ kind: 'done', pickup: { status: 'collected' }, order: { status: 'delivered' } });
    expect(store.getState().pickups).toEqual([]);
  });

  it('a partial hand-over sends the chosen units only', async () => {
    const api = counterDesk();
    const store = createPickupStore(api);
    await store.getState().locationChosen('loc-1');
    const p = store.getState().pickups[0]!;
    await store.getState().handoverSubmitted(p, { code: 'RIGHT', units: { 'SKU-A': 1, 'SKU-B': 0 }, declineRest: true });
    expect(api.inputsOf('pickup.handover')).toEqual([
      { orderId: 'o1', code: 'RIGHT', lines: [{ sku: 'SKU-A', quantity: 1 }], declineRest: true },
    ]);
  });

  it('orders the counter by expiry and flags those about to expire', () => {
    const now = Date.parse('2026-01-02T10:00:00Z');
    const late = aPickup({ orderId: 'a', expiresAt: '2026-01-05T10:00:00Z' });
    const soon = aPickup({ orderId: 'b', expiresAt: new Date(now + EXPIRING_SOON_MS - 1).toISOString() });
    expect(sortPickups([late, soon]).map((p) => p.orderId)).toEqual(['b', 'a']);
    expect(selectExpiringSoon(soon, now)).toBe(true);
    expect(selectExpiringSoon(late, now)).toBe(false);
    expect(selectRemaining(aPickup({ lines: [{ sku: 'X', productName: null, quantity: 3, collected: 1 }] }))).toEqual({ X: 2 });
  });
});
