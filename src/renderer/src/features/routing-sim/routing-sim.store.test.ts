import { describe, expect, it } from 'vitest';
import { createRoutingSimStore } from './routing-sim.store';

const metrics = {
  orders: 3,
  sourced: 3,
  unfillable: 0,
  totalCost: 9,
  avgCost: 3,
  splitOrders: 1,
  splitRate: 0.3333,
  shipments: 4,
  avgDistanceKm: 12,
  promiseHitRate: 1,
  load: [],
};

describe('routing simulator store', () => {
  it('sends the whole days of the range and keeps the side-by-side result', async () => {
    const calls: Record<string, unknown>[] = [];
    const api = {
      call: (async (_e: string, input: Record<string, unknown>) => (
        calls.push(input),
        { draft: metrics, active: metrics, activeProfileId: 'p1' }
      )) as never,
    };
    const store = createRoutingSimStore(api, () => Date.parse('2026-11-25T12:00:00Z'));
    expect(store.getState()).toMatchObject({ from: '2026-11-18', to: '2026-11-25' });
    store.getState().rangeChanged({ from: '2026-11-20', to: '2026-11-21' });
    await store.getState().runRequested('p2');
    expect(calls[0]!.draftId).toBe('p2');
    expect(Date.parse(calls[0]!.to as string) - Date.parse(calls[0]!.from as string)).toBe(2 * 86_400_000);
    expect(store.getState().result?.active?.splitOrders).toBe(1);
  });

  it('refuses a range that ends before it starts, without calling the engine', async () => {
    let called = false;
    const api = { call: (async () => ((called = true), null)) as never };
    const store = createRoutingSimStore(api);
    store.getState().rangeChanged({ from: '2026-11-21', to: '2026-11-20' });
    await store.getState().runRequested('p2');
    expect(called).toBe(false);
    expect(store.getState().error).toMatch(/start date on or before the end date/);
  });
});
