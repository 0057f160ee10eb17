import { describe, expect, it } from 'vitest';
import { RESYNC, type DeskEvent } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { createOrderEntryStore, selectMovesAvailability } from './order-entry.store';

const settle = () => new Promise((r) => setTimeout(r, 0));
const inboxChanged: DeskEvent = { type: 'inbox.changed', inboxId: '1', channelId: null, status: 'quarantined', at: '' };

/** Every SKU has 4 units in the network, at one store. */
function availabilityDesk() {
  return fakeDesk({
    'availability.query': ({ skus }) =>
      skus.map((sku) => ({
        sku,
        networkAvailable: 4,
        locations: [{ locationId: 'l1', code: 'ST-1', name: 'Palermo', kind: 'store', city: 'CABA', available: 4, distanceKm: null }],
      })),
  });
}

describe('order entry store', () => {
  it('refreshes the availability shown after orders or locations change and after a resync, throttled', async () => {
    const api = availabilityDesk();
    const store = createOrderEntryStore(api);
    store.getState().itemAdded({ sku: 'SKU-1', name: 'Mate', category: null, price: 10 });
    await settle();
    expect(api.calls).toEqual([['availability.query', { skus: ['SKU-1'], near: undefined, limit: 20, channel: 'call_center' }]]);
    expect(store.getState().availability['SKU-1']?.networkAvailable).toBe(4);
    store.getState().liveEventReceived(inboxChanged);
    store.getState().liveEventReceived(RESYNC);
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    await settle();
    expect(api.calls).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 320));
    expect(api.calls).toHaveLength(2);
  });

  it('names the events that may move availability', () => {
    expect(selectMovesAvailability(RESYNC)).toBe(true);
    expect(selectMovesAvailability({ type: 'order.changed' })).toBe(true);
    expect(selectMovesAvailability({ type: 'locations.changed' })).toBe(true);
    expect(selectMovesAvailability(inboxChanged)).toBe(false);
    expect(selectMovesAvailability({ type: 'import.progress' })).toBe(false);
  });
});
