import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared';
import { createLocationsStore } from '../features/map/locations.store';
import { createOrdersStore } from '../features/orders/orders.store';
import { fakeDesk } from '../test-support/fake-desk';
import type { DeskEvent } from './desk-client';
import { createLiveHub } from './live-hub';

type Changed = Extract<EngineEvent, { type: 'order.changed' }>;
const changed = (n: number): Changed => ({
  type: 'order.changed',
  orderId: `o${n}`,
  number: n,
  status: 'sourced',
  fromStatus: 'received',
  locationId: `loc-${n % 3}`,
  at: '2026-01-01T00:00:00Z',
});

/** A transport and frames the test drives by hand (a fake requestAnimationFrame). */
function liveRig() {
  const listeners = new Set<(e: DeskEvent) => void>();
  let frames: (() => void)[] = [];
  const hub = createLiveHub(
    { onDeskEvent: (l) => (listeners.add(l), () => void listeners.delete(l)) },
    { frame: (f) => void frames.push(f) },
  );
  return {
    hub,
    emit: (e: DeskEvent) => listeners.forEach((l) => l(e)),
    frame: () => {
      const now = frames;
      frames = [];
      now.forEach((f) => f());
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a burst of live events through the hub into the stores', () => {
  it('a frame of 200 order events is one store update and one page fetch, not 200', async () => {
    let answering: (() => void) | undefined;
    const api = fakeDesk({
      'orders.list': (input) =>
        new Promise((ok) => (answering = () => ok({ rows: [], total: 1, page: input.page ?? 0, pageSize: input.pageSize ?? 50 }))),
      'orders.page': (input) =>
        new Promise((ok) => (answering = () => ok({ rows: [], page: input.page ?? 0, pageSize: input.pageSize ?? 50 }))),
      'orders.counts': () => ({ total: 1, counts: { byStatus: {}, late: 0, atRisk: 0, asOf: '2026-01-01T00:00:00Z' } }),
    });
    /** Page reads, with their counts or alone (a live refetch soon after counts reads the page alone). */
    const reads = () => api.inputsOf('orders.list').length + api.inputsOf('orders.page').length;
    const orders = createOrdersStore(api);
    let updates = 0;
    orders.subscribe(() => updates++);
    const rig = liveRig();
    rig.hub.subscribeBatch((batch) => orders.getState().orderEventsReceived(batch.filter((e): e is Changed => e.type === 'order.changed')));

    for (let n = 0; n < 200; n++) rig.emit(changed(n));
    expect(updates).toBe(0); // nothing before the frame
    rig.frame();
    // One set() for the 200 highlights, one for the fetch starting.
    expect(Object.keys(orders.getState().changedAt)).toHaveLength(200);
    expect(updates).toBe(2);
    expect(reads()).toBe(1);

    // More frames while that fetch is out: they are one more fetch after it, not one each.
    for (let f = 0; f < 5; f++) {
      rig.emit(changed(1000 + f));
      rig.frame();
    }
    expect(reads()).toBe(1);
    answering!();
    await settle();
    await settle();
    expect(reads()).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 300)); // the refetch interval
    expect(reads()).toBe(2);
    answering!();
    await settle();
  });

  it('the map hears a frame of events as one pulse update for every location in it', () => {
    const api = fakeDesk({ 'locations.list': () => [] });
    const locations = createLocationsStore(api, () => 1000);
    let updates = 0;
    locations.subscribe(() => updates++);
    const rig = liveRig();
    rig.hub.subscribeBatch((batch) =>
      locations.getState().locationsEventsReceived(batch.map((e) => (e.type === 'order.changed' ? e.locationId : null))),
    );
    for (let n = 0; n < 30; n++) rig.emit(changed(n));
    rig.frame();
    expect(updates).toBe(1);
    expect(locations.getState().activityAt).toEqual({ 'loc-0': 1000, 'loc-1': 1000, 'loc-2': 1000 });
    expect(api.inputsOf('locations.list')).toHaveLength(1);
  });
});
