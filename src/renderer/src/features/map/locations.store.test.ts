import { describe, expect, it } from 'vitest';
import type { LocationHealth } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { clusterIcon, iconKey, locationIcon, shapePath } from './location-icons';
import { boundsOf, HEALTH_COLOUR, isHub, markerSize, networkTotals, worstHealth } from './location-health';
import { createLocationsStore, selectLocationById } from './locations.store';
import { createMapSettingsStore } from './map-settings.store';

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
  late: 0,
  stockOuts: 0,
  health: 'ok',
  ...over,
});

describe('location markers', () => {
  it('tells kinds apart by shape, not only colour, and fills them with the grade', () => {
    const shapes = new Set(['store', 'dc', 'dark_store'].map((k) => shapePath(k as LocationHealth['kind'], 20)));
    expect(shapes.size).toBe(3);
    const dc = locationIcon(loc({ id: 'd1', kind: 'dc', health: 'critical' }), false);
    expect(dc.html).toContain('class="atalaya-location atalaya-location-dc"');
    expect(dc.html).toContain(`fill="${HEALTH_COLOUR.critical}"`);
    expect(dc.className).toContain('health-critical');
    expect(locationIcon(loc(), true).className).toContain('selected');
  });

  it('keeps DCs and dark stores out of the store clusters', () => {
    expect([isHub(loc()), isHub(loc({ kind: 'dc' })), isHub(loc({ kind: 'dark_store' }))]).toEqual([false, true, true]);
  });

  it('draws bigger markers for bigger backlogs and for DCs, capped', () => {
    expect(markerSize({ kind: 'store', backlog: 100 })).toBeGreaterThan(markerSize({ kind: 'store', backlog: 4 }));
    expect(markerSize({ kind: 'dc', backlog: 0 })).toBeGreaterThan(markerSize({ kind: 'dark_store', backlog: 0 }));
    expect(markerSize({ kind: 'store', backlog: 1e9 })).toBe(22);
  });

  it('rebuilds an icon only when what it shows changes', () => {
    expect(iconKey(loc({ backlog: 1 }), false)).toBe(iconKey(loc({ backlog: 1, late: 4, assignedToday: 9 }), false));
    expect(iconKey(loc(), false)).not.toBe(iconKey(loc({ health: 'busy' }), false));
    expect(iconKey(loc(), false)).not.toBe(iconKey(loc(), true));
  });

  it('colours a cluster by its worst store', () => {
    expect(worstHealth(['ok', 'paused', 'busy'])).toBe('busy');
    expect(worstHealth(['ok', 'critical', 'busy'])).toBe('critical');
    expect(worstHealth(['paused'])).toBe('paused');
    expect(worstHealth([])).toBe('ok');
    const c = clusterIcon('1.234', 1234, 'critical');
    expect(c.html).toContain('>1.234<');
    expect(c.html).toContain(`stroke="${HEALTH_COLOUR.critical}"`);
    expect(c.size).toBeGreaterThan(clusterIcon('5', 5, 'ok').size);
  });
});

describe('network totals', () => {
  it('sums backlog against the capacity of active locations, late orders and stock-outs that matter', () => {
    const t = networkTotals([
      loc({ backlog: 5, stockOuts: 2, late: 1, health: 'busy' }),
      loc({ id: 'l2', backlog: 150, assignedToday: 3, health: 'critical' }),
      loc({ id: 'l3', active: false, backlog: 4, health: 'paused' }),
    ]);
    expect(t).toEqual({
      locations: 3,
      backlog: 159,
      assignedToday: 3,
      capacity: 200,
      late: 1,
      stockOuts: 2,
      withStockOuts: 1,
      critical: 1,
      paused: 1,
    });
  });

  it('frames the locations', () => {
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

describe('map settings', () => {
  it('keeps online tiles off until this desk turns them on, and remembers the choice', () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const first = createMapSettingsStore(() => storage);
    expect(first.getState().onlineTiles).toBe(false);
    first.getState().onlineTilesToggled(true);
    expect(createMapSettingsStore(() => storage).getState().onlineTiles).toBe(true);
    expect(createMapSettingsStore(() => undefined).getState().onlineTiles).toBe(false);
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

describe('hub declutter', () => {
  it('sets overlapping markers apart on a ring, leaves lone ones where they are', async () => {
    const { declutter } = await import('./hub-declutter');
    const moved = declutter([
      { id: 'dc', x: 100, y: 100, r: 10 },
      { id: 'ds1', x: 104, y: 102, r: 8 },
      { id: 'ds2', x: 97, y: 99, r: 8 },
      { id: 'far', x: 300, y: 300, r: 10 },
    ]);
    expect(moved.has('far')).toBe(false);
    const at = (id: string, x: number, y: number) => ({ x: x + moved.get(id)!.dx, y: y + moved.get(id)!.dy });
    const placed = [at('dc', 100, 100), at('ds1', 104, 102), at('ds2', 97, 99)];
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++)
        expect(Math.hypot(placed[i]!.x - placed[j]!.x, placed[i]!.y - placed[j]!.y)).toBeGreaterThanOrEqual(20);
    // The first (most important) goes on top of the ring.
    expect(placed[0]!.y).toBeLessThan(placed[1]!.y);
  });
});
