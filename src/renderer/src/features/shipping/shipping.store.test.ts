import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent, type Shipment, type ShippingDecision } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aPrintJob } from '../../test-support/floor-fixtures';
import { aDecision, aRateOption, aShipment, SHIPMENT_1 } from '../../test-support/shipping-fixtures';
import { createShippingStore, selectHasShipping, selectShipmentsAt } from './shipping.store';

const shippingChanged = (orderId: string): EngineEvent => ({
  type: 'shipping.changed',
  shipmentId: SHIPMENT_1,
  orderId,
  locationId: 'loc-1',
  status: 'in_transit',
  alert: null,
  at: '2026-01-02T10:00:00Z',
});

/** An engine with one order (o1): a decision at loc-1 and one shipment; `choose` switches carriers. */
function shippingDesk(over: { failQuote?: boolean } = {}) {
  let decisions: ShippingDecision[] = [aDecision()];
  let shipments: Shipment[] = [aShipment()];
  return fakeDesk({
    'shipping.forOrder': ({ orderId }) => (orderId === 'o1' ? { decisions, shipments } : { decisions: [], shipments: [] }),
    'shipping.quote': () => {
      if (over.failQuote) throw new AppError('UNAVAILABLE', 'OCA did not answer; try again in a minute');
      return aDecision().options;
    },
    'shipping.choose': (input) => {
      const d = aDecision({ carrierAccountId: input.carrierAccountId, service: input.service, overridden: true, reason: input.reason });
      decisions = [d];
      shipments = [aShipment({ carrierAccountId: input.carrierAccountId, carrier: 'oca', carrierName: 'OCA', status: 'label_pending' })];
      return d;
    },
    'shipping.printLabel': () => aPrintJob({ docType: 'shipping_label', printerName: 'Zebra muelle' }),
    'shipping.retryLabel': ({ shipmentId }) => {
      throw new AppError('UNAVAILABLE', `Andreani is not answering (shipment ${shipmentId}); the label is retried on its own`);
    },
    'shipping.cancel': ({ shipmentId }) => {
      shipments = shipments.map((s) => (s.id === shipmentId ? { ...s, status: 'cancelled' as const } : s));
      return shipments[0]!;
    },
  });
}

describe('shipping store', () => {
  it('loads the shown order’s decisions and shipments; another order starts empty', async () => {
    const api = shippingDesk();
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    expect(api.inputsOf('shipping.forOrder')).toEqual([{ orderId: 'o1' }]);
    expect(store.getState().decisions).toHaveLength(1);
    expect(selectShipmentsAt(store.getState(), 'loc-1').map((s) => s.id)).toEqual([SHIPMENT_1]);
    expect(selectShipmentsAt(store.getState(), 'loc-2')).toEqual([]);
    expect(selectHasShipping(store.getState())).toBe(true);
    await store.getState().orderShown('o1');
    expect(api.inputsOf('shipping.forOrder')).toHaveLength(1);
    await store.getState().orderShown('o2');
    expect(store.getState().shipments).toEqual([]);
    expect(selectHasShipping(store.getState())).toBe(false);
  });

  it('refreshes on shipping.changed and order.changed of its order only, and on a resync', async () => {
    let t = 0;
    const api = shippingDesk();
    const store = createShippingStore(api, () => t);
    await store.getState().orderShown('o1');
    store.getState().liveEventReceived(shippingChanged('o9'));
    expect(api.inputsOf('shipping.forOrder')).toHaveLength(1);
    t = 10_000;
    store.getState().liveEventReceived(shippingChanged('o1'));
    expect(api.inputsOf('shipping.forOrder')).toHaveLength(2);
    t = 20_000;
    store.getState().liveEventReceived({ type: 'desk.resync' });
    expect(api.inputsOf('shipping.forOrder')).toHaveLength(3);
  });

  it('a supervisor changes carrier: live quotes preset to the current choice, then the picked one with the reason', async () => {
    const api = shippingDesk();
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    await store.getState().changeOpened('loc-1');
    expect(api.inputsOf('shipping.quote')).toEqual([{ orderId: 'o1', locationId: 'loc-1' }]);
    expect(store.getState().change).toMatchObject({ loading: false, picked: 'andreani-ar/standard', error: null });
    expect(store.getState().change?.options).toHaveLength(3);
    store.getState().optionPicked('oca-ar/pp');
    expect(await store.getState().carrierChosen('  Andreani has no pickups this week  ')).toBe(true);
    expect(api.inputsOf('shipping.choose')).toEqual([
      { orderId: 'o1', locationId: 'loc-1', carrierAccountId: 'oca-ar', service: 'pp', reason: 'Andreani has no pickups this week' },
    ]);
    expect(store.getState().change).toBeNull();
    expect(store.getState().decisions[0]).toMatchObject({ carrierAccountId: 'oca-ar', overridden: true });
    expect(store.getState().shipments[0]).toMatchObject({ carrierName: 'OCA', status: 'label_pending' });
  });

  it('a quote that fails says why in the dialog; nothing is chosen without a picked option', async () => {
    const api = shippingDesk({ failQuote: true });
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    await store.getState().changeOpened('loc-1');
    expect(store.getState().change).toMatchObject({ loading: false, error: 'OCA did not answer; try again in a minute' });
    expect(await store.getState().carrierChosen('reason enough')).toBe(false);
    expect(api.inputsOf('shipping.choose')).toEqual([]);
    store.getState().changeClosed();
    expect(store.getState().change).toBeNull();
  });

  it('an engine refusal of the choice stays in the dialog', async () => {
    const api = fakeDesk({
      'shipping.forOrder': () => ({ decisions: [aDecision()], shipments: [] }),
      'shipping.quote': () => [aRateOption()],
      'shipping.choose': () => {
        throw new AppError('ILLEGAL_TRANSITION', 'The parcel is already with Andreani: it cannot change carrier');
      },
    });
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    await store.getState().changeOpened('loc-1');
    expect(await store.getState().carrierChosen('customer asked')).toBe(false);
    expect(store.getState().changeError).toBe('The parcel is already with Andreani: it cannot change carrier');
    expect(store.getState().change).not.toBeNull();
    expect(store.getState().busy).toEqual({});
  });

  it('printing a label again sends the reason and names the printer; a refusal is the shipment’s notice, not the section’s', async () => {
    const api = shippingDesk();
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    expect(await store.getState().labelPrinted(SHIPMENT_1, ' torn label ')).toBe(true);
    expect(api.inputsOf('shipping.printLabel')).toEqual([{ shipmentId: SHIPMENT_1, reason: 'torn label' }]);
    expect(store.getState().notices[SHIPMENT_1]).toEqual({ kind: 'printed', printer: 'Zebra muelle' });
    expect(await store.getState().labelRetried(SHIPMENT_1)).toBe(false);
    expect(store.getState().notices[SHIPMENT_1]).toMatchObject({ kind: 'error', message: expect.stringContaining('retried on its own') });
    expect(store.getState().error).toBeNull();
    expect(store.getState().busy).toEqual({});
  });

  it('cancelling sends the reason and shows the shipment cancelled after the reload', async () => {
    const api = shippingDesk();
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    expect(await store.getState().shipmentCancelled(SHIPMENT_1, 'customer cancelled by phone')).toBe(true);
    expect(api.inputsOf('shipping.cancel')).toEqual([{ shipmentId: SHIPMENT_1, reason: 'customer cancelled by phone' }]);
    expect(store.getState().shipments[0]?.status).toBe('cancelled');
  });

  it('a section that cannot load says why and keeps nothing stale', async () => {
    const api = fakeDesk({
      'shipping.forOrder': () => {
        throw new AppError('UNAVAILABLE', 'not built yet');
      },
    });
    const store = createShippingStore(api);
    await store.getState().orderShown('o1');
    expect(store.getState()).toMatchObject({ loaded: false, loading: false, error: 'not built yet', shipments: [] });
  });
});
