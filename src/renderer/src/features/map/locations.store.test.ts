import { describe, expect, it } from 'vitest';
import type { LocationHealth } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { boundsOf, locationHealth, markerRadius, markerStyle, networkTotals, stockOutNorms, zoomScale } from './location-health';
import { createLocationsStore, selectLocationById } from './locations.store';

const loc = (over: Partial<LocationHealth> = {}): LocationHealth => ({
  id: 'l1',
  code: 'ST-1',
  name: 'Tienda',
  kind: 'store',
  city: 'CABA',
  lat: -34.6,
  lng: -58.4,
  dailyCapacity: 100,
  openingHours: {},
  active: true,
  backlog: 0,
  assignedToday: 0,
  stockOuts: 0,
  ...over,
});

describe('location health', () => {
  it('grades load against daily capacity', () => {
    expect(locationHealth(loc({ backlog: 10, assignedToday: 20 }))).toBe('ok');
    expect(locationHealth(loc({ assignedToday: 75 }))).toBe('busy');
    expect(locationHealth(loc({ backlog: 100 }))).toBe('critical');
    expect(locationHealth(loc({ active: false, backlog: 500 }))).toBe('paused');
    expect(locationHealth(loc({ dailyCapacity: 0, backlog: 1 }))).toBe('critical');
  });

  it('judges stock-outs against peers of the same kind, with a floor', () => {
    const stores = [140, 150, 160].map((n, i) => loc({ id: `s${i}`, stockOuts: n }));
    const norms = stockOutNorms([...stores, loc({ id: 'd', kind: 'dc', stockOuts: 0 })]);
    expect(norms).toEqual({ store: 150, dc: 0 });
    expect(locationHealth(loc({ stockOuts: 160 }), norms)).toBe('ok');
    expect(locationHealth(loc({ stockOuts: 230 }), norms)).toBe('busy');
    expect(locationHealth(loc({ stockOuts: 300 }), norms)).toBe('critical');
    expect(locationHealth(loc({ kind: 'dc', stockOuts: 5 }), norms)).toBe('ok');
    expect(locationHealth(loc({ kind: 'dc', stockOuts: 45 }), norms)).toBe('critical');
  });

  it('draws bigger markers for bigger backlogs and for DCs, capped', () => {
    expect(markerRadius({ kind: 'store', backlog: 100 })).toBeGreaterThan(markerRadius({ kind: 'store', backlog: 4 }));
    expect(markerRadius({ kind: 'dc', backlog: 0 })).toBeGreaterThan(markerRadius({ kind: 'store', backlog: 0 }));
    expect(markerRadius({ kind: 'store', backlog: 1e9 })).toBe(13.5);
    expect(markerRadius({ kind: 'store', backlog: 1e9 }, zoomScale(4))).toBeLessThan(
      markerRadius({ kind: 'store', backlog: 1e9 }, zoomScale(10)),
    );
  });

  it('rings a critical location red and a selected one yellow', () => {
    expect(markerStyle(loc({ backlog: 200 }), false).color).toBe('#dc2626');
    expect(markerStyle(loc({ backlog: 200 }), true).color).toBe('#facc15');
  });

  it('sums the network and frames the locations', () => {
    const t = networkTotals([loc({ backlog: 5, stockOuts: 1 }), loc({ id: 'l2', backlog: 150, assignedToday: 3 })]);
    expect(t).toEqual({ locations: 2, backlog: 155, assignedToday: 3, capacity: 200, stockOuts: 1, critical: 1 });
    expect(
      boundsOf([
        { lat: -34, lng: -58 },
        { lat: -54, lng: -68 },
      ]),
    ).toEqual([
      [-54, -68],
      [-34, -58],
    ]);
    expect(boundsOf([])).toBeUndefined();
  });
});

describe('locations store', () => {
  it('loads locations, and coalesces live events into throttled refetches', async () => {
    const api = fakeDesk({ 'locations.list': () => [loc()] });
    const store = createLocationsStore(api, () => 0);
    await store.getState().refreshRequested();
    expect(selectLocationById(store.getState(), 'l1')?.name).toBe('Tienda');
    store.getState().locationsEventReceived('l1');
    store.getState().locationsEventReceived('l1');
    store.getState().locationsEventReceived(null);
    await new Promise((r) => setTimeout(r, 0));
    expect(api.endpoints()).toEqual(['locations.list', 'locations.list']);
    expect(store.getState().activityAt.l1).toBe(0);
  });

  it('keeps the last good locations when a refetch fails', async () => {
    let fail = false;
    const api = fakeDesk({
      'locations.list': () => {
        if (fail) throw new Error('down');
        return [loc()];
      },
    });
    const store = createLocationsStore(api);
    await store.getState().refreshRequested();
    fail = true;
    await store.getState().refreshRequested();
    expect(store.getState().locations).toHaveLength(1);
    expect(store.getState().error).toBe('down');
  });
});

describe('orders in flight', () => {
  it('draws a line from the location only for moving orders, and always for the selected one', async () => {
    const { flightsOf } = await import('./flights');
    const order = (id: string, status: 'received' | 'picked' | 'delivered', locationId: string | null) =>
      ({ id, status, locationId, shipTo: { lat: -31, lng: -64 } }) as Parameters<typeof flightsOf>[0][number];
    const byId = new Map([['l1', { lat: -34, lng: -58 }]]);
    const f = flightsOf(
      [order('a', 'picked', 'l1'), order('b', 'received', null), order('c', 'delivered', 'l1'), order('d', 'delivered', 'l1')],
      byId,
      'd',
    );
    expect(f.map((x) => !!x.from)).toEqual([true, false, false, true]);
    expect(f[0]).toMatchObject({ to: [-31, -64], from: [-34, -58], selected: false });
  });
});
