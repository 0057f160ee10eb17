import { describe, expect, it } from 'vitest';
import { AppError, type FloorRow } from '../../../../shared';
import { createFloorStore, pickReport, selectConcernsFloor } from './floor.store';

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

function fakeApi() {
  let rows = [row('o1'), row('o2')];
  const calls: [string, Record<string, unknown>][] = [];
  const api = {
    call: (async (endpoint: string, input: Record<string, unknown>) => {
      calls.push([endpoint, input]);
      if (endpoint === 'floor.openFulfilments')
        return { location: { id: input.locationId, name: 'Tienda', kind: 'store', city: 'X' }, rows, total: rows.length };
      if (endpoint === 'fulfilment.shortPick') {
        const picked = input.picked as { sku: string; quantity: number }[];
        const short = picked.some((p) => p.quantity < (p.sku === 'A' ? 3 : 1));
        rows = rows.filter((r) => r.orderId !== input.orderId);
        return {
          order: {},
          outcome: short ? 'remainder_sourced' : 'picked',
          shortfall: [],
          note: short ? 'the remainder is sourced from loc-quilmes' : null,
          remainderAt: short ? ['loc-quilmes'] : [],
          backorder: null,
        };
      }
      if (endpoint === 'fulfilment.reject') {
        if (input.orderId === 'gone')
          throw new AppError(
            'ILLEGAL_TRANSITION',
            'Only an order assigned to a location and not yet picked can be rejected; this one is "picked"',
          );
        rows = rows.filter((r) => r.orderId !== input.orderId);
        return { order: {}, locationId: input.locationId, stock: [], blockedUntil: null };
      }
      throw new Error(endpoint);
    }) as never,
  };
  return { api, calls };
}

describe('floor store', () => {
  it('loads nothing until a location is chosen, then its open work', async () => {
    const { api, calls } = fakeApi();
    const store = createFloorStore(api);
    await store.getState().refreshRequested();
    expect(calls).toEqual([]);
    await store.getState().locationChosen('loc-palermo');
    expect(calls).toEqual([['floor.openFulfilments', { locationId: 'loc-palermo' }]]);
    expect(store.getState().page?.rows.map((r) => r.orderId)).toEqual(['o1', 'o2']);
  });

  it('"picked" reports every line here in full, for this location; a short pick reports what was found and shows what became of the rest', async () => {
    const { api, calls } = fakeApi();
    const store = createFloorStore(api);
    await store.getState().locationChosen('loc-palermo');
    await store.getState().pickedAll(row('o1'));
    expect(calls.find(([e]) => e === 'fulfilment.shortPick')![1]).toEqual({
      orderId: 'o1',
      locationId: 'loc-palermo',
      picked: [
        { sku: 'A', quantity: 3 },
        { sku: 'B', quantity: 1 },
      ],
    });
    expect(store.getState().outcomes.o1).toEqual({ kind: 'picked' });
    await store.getState().shortPicked(row('o2'), { A: 1 });
    expect(calls.filter(([e]) => e === 'fulfilment.shortPick')[1]![1]).toEqual({
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
    const { api, calls } = fakeApi();
    const store = createFloorStore(api);
    await store.getState().locationChosen('loc-palermo');
    await store.getState().rejected(row('o1'), { reasonCode: 'damaged', sku: 'A', quantity: 2, note: '  caja rota ' });
    await store.getState().rejected(row('o2'), { reasonCode: 'no_capacity', sku: 'A', quantity: 2, note: '' });
    expect(calls.filter(([e]) => e === 'fulfilment.reject').map(([, i]) => i)).toEqual([
      { orderId: 'o1', reasonCode: 'damaged', locationId: 'loc-palermo', sku: 'A', quantity: 2, note: 'caja rota' },
      { orderId: 'o2', reasonCode: 'no_capacity', locationId: 'loc-palermo' },
    ]);
    expect(store.getState().outcomes.o1).toEqual({ kind: 'rejected' });
  });

  it("shows the engine's refusal on that order", async () => {
    const { api } = fakeApi();
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
    const { api, calls } = fakeApi();
    let t = 0;
    const store = createFloorStore(api, () => (t += 1000));
    const ev = (orderId: string, locationId: string | null) => ({
      type: 'order.changed' as const,
      orderId,
      number: 1,
      status: 'sourced' as const,
      fromStatus: 'received' as const,
      locationId,
      at: '',
    });
    store.getState().orderEventReceived(ev('x', 'loc-palermo'));
    await settle();
    expect(calls).toEqual([]);
    await store.getState().locationChosen('loc-palermo');
    calls.length = 0;
    store.getState().orderEventReceived(ev('x', 'loc-quilmes'));
    await settle();
    expect(calls).toEqual([]);
    store.getState().orderEventReceived(ev('x', 'loc-palermo'));
    await settle();
    expect(calls.map(([e]) => e)).toEqual(['floor.openFulfilments']);
    expect(selectConcernsFloor(store.getState(), { orderId: 'o1', locationId: null })).toBe(true);
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
