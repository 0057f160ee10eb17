import { describe, expect, it } from 'vitest';
import { fakeDesk } from '../../test-support/fake-desk';
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
  reoptimised: 0,
  load: [],
};

describe('routing simulator store', () => {
  it('sends the whole days of the range and keeps the side-by-side result', async () => {
    const api = fakeDesk({
      'sourcing.simulate': () => ({
        draft: metrics,
        draftReoptimised: { ...metrics, splitOrders: 0, reoptimised: 1 },
        active: metrics,
        activeProfileId: 'p1',
      }),
    });
    const store = createRoutingSimStore(api, () => Date.parse('2026-11-25T12:00:00Z'));
    expect(store.getState()).toMatchObject({ from: '2026-11-18', to: '2026-11-25' });
    store.getState().rangeChanged({ from: '2026-11-20', to: '2026-11-21' });
    await store.getState().runRequested('p2');
    const [sent] = api.inputsOf('sourcing.simulate');
    expect(sent!.draftId).toBe('p2');
    expect(Date.parse(sent!.to) - Date.parse(sent!.from)).toBe(2 * 86_400_000);
    expect(sent!.releaseAfterMinutes).toBe(120);
    expect(store.getState().result?.active?.splitOrders).toBe(1);
    expect(store.getState().result?.draftReoptimised?.reoptimised).toBe(1);
  });

  it('refuses a range that ends before it starts, without calling the engine', async () => {
    const api = fakeDesk({});
    const store = createRoutingSimStore(api);
    store.getState().rangeChanged({ from: '2026-11-21', to: '2026-11-20' });
    await store.getState().runRequested('p2');
    expect(api.calls).toEqual([]);
    expect(store.getState().error).toMatch(/start date on or before the end date/);
  });
});
