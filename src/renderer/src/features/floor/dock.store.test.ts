import { describe, expect, it } from 'vitest';
import { AppError, type Shipment } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { aManifest, aShipment, SHIPMENT_1, SHIPMENT_2 } from '../../test-support/shipping-fixtures';
import { createDockStore, selectDockCarriers } from './dock.store';

const SHIPMENT_3 = '33333333-3333-4333-8333-333333333333';

function dockDesk() {
  let dock: Shipment[] = [
    aShipment({ id: SHIPMENT_1, orderNumber: 9, parcelCode: 'AT9-1' }),
    aShipment({ id: SHIPMENT_2, orderNumber: 8, parcelCode: 'AT8-1', status: 'label_pending' }),
    aShipment({ id: SHIPMENT_3, orderNumber: 10, carrierAccountId: 'sim', carrier: 'simulator', carrierName: 'Simulador' }),
  ];
  return fakeDesk({
    'shipping.dock': ({ locationId }) => (locationId === 'loc-1' ? dock : []),
    'shipping.manifest': ({ carrierAccountId, locationId }) => {
      if (carrierAccountId === 'sim') throw new AppError('UNAVAILABLE', 'Simulador did not answer; try the close-out again');
      const n = dock.filter((s) => s.carrierAccountId === carrierAccountId && s.status === 'ready').length;
      dock = dock.filter((s) => !(s.carrierAccountId === carrierAccountId && s.status === 'ready'));
      return aManifest({ carrierAccountId, locationId, shipments: n });
    },
  });
}

describe('dock store', () => {
  it('lists the location’s dock by carrier, the most ready first, orders in number order', async () => {
    const api = dockDesk();
    const store = createDockStore(api);
    await store.getState().locationChosen('loc-1');
    const carriers = selectDockCarriers(store.getState().shipments);
    expect(carriers.map((c) => [c.carrierAccountId, c.ready, c.pending])).toEqual([
      ['andreani-ar', 1, 1],
      ['sim', 1, 0],
    ]);
    expect(carriers[0]!.shipments.map((s) => s.parcelCode)).toEqual(['AT8-1', 'AT9-1']);
    expect(selectDockCarriers([aShipment({ carrierAccountId: null })])).toEqual([]);
  });

  it('closes out one carrier: the manifest is shown and its ready parcels leave the dock', async () => {
    const api = dockDesk();
    const store = createDockStore(api);
    await store.getState().locationChosen('loc-1');
    expect(await store.getState().closedOut('andreani-ar', false)).toBe(true);
    expect(api.inputsOf('shipping.manifest')).toEqual([{ locationId: 'loc-1', carrierAccountId: 'andreani-ar', bookPickup: false }]);
    expect(store.getState().results['andreani-ar']).toMatchObject({ kind: 'done', manifest: { shipments: 1 } });
    expect(store.getState().shipments.map((s) => s.id)).toEqual([SHIPMENT_2, SHIPMENT_3]);
  });

  it('a refused close-out says why on that carrier only', async () => {
    const store = createDockStore(dockDesk());
    await store.getState().locationChosen('loc-1');
    expect(await store.getState().closedOut('sim', true)).toBe(false);
    expect(store.getState().results.sim).toEqual({ kind: 'error', message: 'Simulador did not answer; try the close-out again' });
    expect(store.getState().results['andreani-ar']).toBeUndefined();
    expect(store.getState().busy).toEqual({});
  });

  it('refreshes on shipping changes at its location only', async () => {
    let t = 0;
    const api = dockDesk();
    const store = createDockStore(api, () => t);
    await store.getState().locationChosen('loc-1');
    const ev = (locationId: string) =>
      ({
        type: 'shipping.changed',
        shipmentId: SHIPMENT_1,
        orderId: 'o1',
        locationId,
        status: 'ready',
        alert: null,
        at: '2026-01-01T10:00:00Z',
      }) as const;
    t = 5_000;
    store.getState().liveEventReceived(ev('loc-2'));
    expect(api.inputsOf('shipping.dock')).toHaveLength(1);
    store.getState().liveEventReceived(ev('loc-1'));
    expect(api.inputsOf('shipping.dock')).toHaveLength(2);
  });
});
