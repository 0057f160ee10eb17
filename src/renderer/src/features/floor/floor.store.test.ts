import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent, type FloorRow } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { anOrder } from '../../test-support/fixtures';
import { fakeDesk } from '../../test-support/fake-desk';
import { createFloorStore, FLOOR_REFETCH_MS, pickReport, selectConcernsFloor, selectFloorLocations } from './floor.store';

const row = (orderId: string, over: Partial<FloorRow> = {}): FloorRow => ({
  fulfilmentOrderId: `fo-${orderId}`,
  orderId,
  number: 1,
  channel: 'web',
  customerName: 'Ana',
  customerTier: null,
  status: 'assigned',
  orderStatus: 'sourced',
  assignedAt: '2026-01-01T10:00:00Z',
  promisedAt: null,
  lines: [
    { sku: 'A', productName: 'Producto A', quantity: 3 },
    { sku: 'B', productName: null, quantity: 1 },
  ],
  elsewhere: [],
  orderLines: [
    { sku: 'A', quantity: 3 },
    { sku: 'B', quantity: 1 },
  ],
  actionable: true,
  ...over,
});
const settle = () => new Promise((r) => setTimeout(r, 0));

/** The floor's engine: two open orders at the chosen location; a pick or a rejection takes one off the list. */
function floorDesk() {
  let rows = [row('o1'), row('o2')];
  return fakeDesk({
    'floor.openFulfilments': ({ locationId }) => ({
      location: { id: locationId, name: 'Tienda', kind: 'store', city: 'X' },
      rows,
      total: rows.length,
    }),
    'fulfilment.shortPick': ({ orderId, picked }) => {
      const short = picked.some((p) => p.quantity < (p.sku === 'A' ? 3 : 1));
      rows = rows.filter((r) => r.orderId !== orderId);
      return {
        order: anOrder({ id: orderId, status: short ? 'sourced' : 'picked' }),
        outcome: short ? 'remainder_sourced' : 'picked',
        shortfall: [],
        note: short ? 'the remainder is sourced from loc-quilmes' : null,
        remainderAt: short ? ['loc-quilmes'] : [],
        backorder: null,
      };
    },
    'fulfilment.reject': ({ orderId, locationId }) => {
      if (orderId === 'gone')
        throw new AppError(
          'ILLEGAL_TRANSITION',
          'Only an order assigned to a location and not yet picked can be rejected; this one is "picked"',
        );
      rows = rows.filter((r) => r.orderId !== orderId);
      return { order: anOrder({ id: orderId, status: 'received' }), locationId: locationId ?? 'l1', stock: [], blockedUntil: null };
    },
  });
}
const changed = (orderId: string, locationId: string | null): Extract<EngineEvent, { type: 'order.changed' }> => ({
  type: 'order.changed',
  orderId,
  number: 1,
  status: 'sourced',
  fromStatus: 'received',
  locationId,
  at: '',
});

describe('floor store', () => {
  it('loads nothing until a location is chosen, then its open work', async () => {
    const api = floorDesk();
    const store = createFloorStore(api);
    await store.getState().refreshRequested();
    expect(api.calls).toEqual([]);
    await store.getState().locationChosen('loc-palermo');
    expect(api.calls).toEqual([['floor.openFulfilments', { locationId: 'loc-palermo' }]]);
    expect(store.getState().page?.rows.map((r) => r.orderId)).toEqual(['o1', 'o2']);
  });

  it('"picked" reports every line here in full, for this location; a short pick reports what was found and shows what became of the rest', async () => {
    const api = floorDesk();
    const store = createFloorStore(api);
    await store.getState().locationChosen('loc-palermo');
    await store.getState().pickedAll(row('o1'));
    expect(api.inputsOf('fulfilment.shortPick')[0]).toEqual({
      orderId: 'o1',
      locationId: 'loc-palermo',
      picked: [
        { sku: 'A', quantity: 3 },
        { sku: 'B', quantity: 1 },
      ],
    });
    expect(store.getState().outcomes.o1).toEqual({ kind: 'picked' });
    await store.getState().shortPicked(row('o2'), { A: 1 });
    expect(api.inputsOf('fulfilment.shortPick')[1]).toEqual({
      orderId: 'o2',
      locationId: 'loc-palermo',
      picked: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ],
    });
    expect(store.getState().outcomes.o2).toEqual({ kind: 'remainder', how: 'sourced', at: ['loc-quilmes'], backorder: null });
    expect(store.getState().page?.rows).toEqual([]);
    expect(store.getState().busy).toEqual({});
  });

  it('a rejection names this location and sends only what its reason allows', async () => {
    const api = floorDesk();
    const store = createFloorStore(api);
    await store.getState().locationChosen('loc-palermo');
    await store.getState().rejected(row('o1'), { reasonCode: 'damaged', sku: 'A', quantity: 2, note: '  caja rota ' });
    await store.getState().rejected(row('o2'), { reasonCode: 'no_capacity', sku: 'A', quantity: 2, note: '' });
    expect(api.inputsOf('fulfilment.reject')).toEqual([
      { orderId: 'o1', reasonCode: 'damaged', locationId: 'loc-palermo', sku: 'A', quantity: 2, note: 'caja rota' },
      { orderId: 'o2', reasonCode: 'no_capacity', locationId: 'loc-palermo' },
    ]);
    expect(store.getState().outcomes.o1).toEqual({ kind: 'rejected' });
  });

  it("shows the engine's refusal on that order", async () => {
    const api = floorDesk();
    const store = createFloorStore(api);
    await store.getState().locationChosen('loc-palermo');
    await store.getState().rejected(row('gone'), { reasonCode: 'not_in_stock' });
    expect(store.getState().outcomes.gone).toEqual({
      error: 'Only an order assigned to a location and not yet picked can be rejected; this one is "picked"',
    });
  });

  it('reports only the lines held here (lines elsewhere are reported by their own floor), clamped to what is held here', () => {
    const split = row('o3', {
      lines: [{ sku: 'A', productName: null, quantity: 3 }],
      elsewhere: [{ sku: 'B', quantity: 1, locationId: 'loc-quilmes' }],
    });
    expect(pickReport(split, { A: 7 })).toEqual([{ sku: 'A', quantity: 3 }]);
    expect(pickReport(split, { A: -2 })).toEqual([{ sku: 'A', quantity: 0 }]);
  });

  it('refetches live only for orders at this location or listed here', async () => {
    const api = floorDesk();
    let t = 0;
    const store = createFloorStore(api, () => (t += 1000));
    store.getState().orderEventReceived(changed('x', 'loc-palermo'));
    await settle();
    expect(api.calls).toEqual([]);
    await store.getState().locationChosen('loc-palermo');
    store.getState().orderEventReceived(changed('x', 'loc-quilmes'));
    await settle();
    expect(api.endpoints()).toEqual(['floor.openFulfilments']);
    store.getState().orderEventReceived(changed('x', 'loc-palermo'));
    await settle();
    expect(api.endpoints()).toEqual(['floor.openFulfilments', 'floor.openFulfilments']);
    expect(selectConcernsFloor(store.getState(), { orderId: 'o1', locationId: null })).toBe(true);
  });

  it('hears live events through one action: order events as above, and a resync refetches the location shown', async () => {
    const api = floorDesk();
    let t = 0;
    const store = createFloorStore(api, () => (t += 1000));
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.calls).toEqual([]);
    await store.getState().locationChosen('loc-palermo');
    store.getState().liveEventReceived(changed('x', 'loc-quilmes'));
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    await settle();
    expect(api.calls).toHaveLength(1);
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.inputsOf('floor.openFulfilments')).toEqual([{ locationId: 'loc-palermo' }, { locationId: 'loc-palermo' }]);
    store.getState().liveEventReceived(changed('o1', null));
    await settle();
    expect(api.calls).toHaveLength(3);
  });

  it('a resync right after a refetch is throttled, not lost', async () => {
    const api = floorDesk();
    let t = 1000;
    const store = createFloorStore(api, () => t);
    await store.getState().locationChosen('loc-palermo');
    store.getState().liveEventReceived(changed('o1', null));
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.calls).toHaveLength(2);
    t += FLOOR_REFETCH_MS;
    await new Promise((r) => setTimeout(r, FLOOR_REFETCH_MS));
    expect(api.calls).toHaveLength(3);
  });
});

describe('floor actions in the order detail', () => {
  it('are offered to the floor and planners while the order is assigned and not yet picked', async () => {
    const { selectCanReportFloor } = await import('./order-floor-actions');
    expect(selectCanReportFloor('planner', 'sourced')).toBe(true);
    expect(selectCanReportFloor('associate', 'sourced')).toBe(true);
    expect(selectCanReportFloor('planner', 'picked')).toBe(false);
    expect(selectCanReportFloor('integrator', 'sourced')).toBe(false);
    expect(selectCanReportFloor(undefined, 'sourced')).toBe(false);
  });
});

describe('the floors a user may work', () => {
  const locations = [{ id: 'loc-a' }, { id: 'loc-b' }, { id: 'loc-c' }];
  it('offers a store associate their own locations only, and the central desk every one', () => {
    expect(selectFloorLocations(locations, { id: 'u', role: 'associate', locations: ['loc-b'] })).toEqual([{ id: 'loc-b' }]);
    expect(selectFloorLocations(locations, { id: 'u', role: 'associate', locations: [] })).toEqual([]);
    expect(selectFloorLocations(locations, { id: 'u', role: 'planner', locations: [] })).toEqual(locations);
    expect(selectFloorLocations(locations, null)).toEqual([]);
  });
});

describe('the floor benches', () => {
  it('keeps the chosen bench, and a floor event at this location (a pack, a wave) refetches the list', async () => {
    const api = floorDesk();
    const store = createFloorStore(api);
    expect(store.getState().tab).toBe('pick');
    store.getState().tabChosen('pack');
    expect(store.getState().tab).toBe('pack');
    await store.getState().locationChosen('loc-1');
    store.getState().liveEventReceived({ type: 'floor.changed', locationId: 'loc-2', kind: 'pack', refId: 'o1', at: '' });
    await settle();
    expect(api.calls).toHaveLength(1);
    store.getState().liveEventReceived({ type: 'floor.changed', locationId: 'loc-1', kind: 'pack', refId: 'o1', at: '' });
    await settle();
    expect(api.calls).toHaveLength(2);
  });
});
