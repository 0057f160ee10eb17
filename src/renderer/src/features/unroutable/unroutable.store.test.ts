import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent, type UnroutableRow } from '../../../../shared';
import { RESYNC } from '../../api/desk-client';
import { fakeDesk } from '../../test-support/fake-desk';
import { createUnroutableStore, selectConcernsQueue, UNROUTABLE_REFETCH_MS } from './unroutable.store';

const row = (orderId: string, priority: number): UnroutableRow => ({
  orderId,
  number: priority,
  channel: 'web',
  customerName: 'Ana',
  customerTier: null,
  promisedAt: null,
  createdAt: '2026-01-01T10:00:00Z',
  totalUnits: 1,
  reason: 'no location has available stock for every line',
  attempts: 1,
  lastAttemptAt: null,
  priority,
});
const settle = () => new Promise((r) => setTimeout(r, 0));

/** The queue's engine: two waiting orders; "retry now" sources one (and takes it off the queue). */
function unroutableDesk() {
  let rows = [row('o1', 1), row('o2', 2)];
  return fakeDesk({
    'unroutable.list': () => ({ rows, total: rows.length }),
    'unroutable.retry': ({ orderId }) => {
      if (orderId === 'gone')
        throw new AppError('ILLEGAL_TRANSITION', 'The order is "sourced", not waiting in the unroutable queue; refresh the list');
      rows = rows.filter((r) => r.orderId !== orderId);
      return { orderId, status: 'sourced', locationId: 'l1', reason: null };
    },
  });
}
const changed = (
  status: 'sourced' | 'unfillable' | 'picked',
  fromStatus: 'received' | 'unfillable' | 'sourced',
): Extract<EngineEvent, { type: 'order.changed' }> => ({
  type: 'order.changed',
  orderId: 'x',
  number: 1,
  status,
  fromStatus,
  locationId: null,
  at: '',
});

describe('unroutable store', () => {
  it('loads the queue in the engine order and drops an order that "retry now" sourced', async () => {
    const api = unroutableDesk();
    const store = createUnroutableStore(api);
    await store.getState().refreshRequested();
    expect(store.getState().rows.map((r) => r.orderId)).toEqual(['o1', 'o2']);
    await store.getState().retryRequested('o1');
    expect(store.getState().outcomes.o1).toMatchObject({ status: 'sourced', locationId: 'l1' });
    expect(store.getState().rows.map((r) => r.orderId)).toEqual(['o2']);
    expect(store.getState().retrying).toEqual({});
  });

  it("shows the engine's refusal for that order", async () => {
    const api = unroutableDesk();
    const store = createUnroutableStore(api);
    await store.getState().retryRequested('gone');
    expect(store.getState().outcomes.gone).toEqual({
      error: 'The order is "sourced", not waiting in the unroutable queue; refresh the list',
    });
  });

  it('refetches only for orders entering or leaving the queue', async () => {
    const api = unroutableDesk();
    let t = 0;
    const store = createUnroutableStore(api, () => (t += 1000));
    store.getState().orderEventReceived(changed('picked', 'sourced'));
    await settle();
    expect(api.calls).toEqual([]);
    store.getState().orderEventReceived(changed('unfillable', 'received'));
    await settle();
    expect(api.endpoints()).toEqual(['unroutable.list']);
    expect(selectConcernsQueue({ status: 'sourced', fromStatus: 'unfillable' })).toBe(true);
  });

  it('hears live events through one action: order events as above, and every resync refetches the queue', async () => {
    const api = unroutableDesk();
    let t = 0;
    const store = createUnroutableStore(api, () => (t += 1000));
    store.getState().liveEventReceived(changed('picked', 'sourced'));
    store.getState().liveEventReceived({ type: 'locations.changed', at: '' });
    await settle();
    expect(api.calls).toEqual([]);
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.calls).toEqual([['unroutable.list', { limit: 200 }]]);
    expect(store.getState().rows.map((r) => r.orderId)).toEqual(['o1', 'o2']);
    store.getState().liveEventReceived(changed('sourced', 'unfillable'));
    await settle();
    expect(api.endpoints()).toEqual(['unroutable.list', 'unroutable.list']);
  });

  it('a burst of events and a resync becomes one immediate and one trailing refetch', async () => {
    const api = unroutableDesk();
    let t = 1000;
    const store = createUnroutableStore(api, () => t);
    store.getState().liveEventReceived(changed('unfillable', 'received'));
    store.getState().liveEventReceived(RESYNC);
    store.getState().liveEventReceived(RESYNC);
    await settle();
    expect(api.calls).toHaveLength(1);
    t += UNROUTABLE_REFETCH_MS;
    await new Promise((r) => setTimeout(r, UNROUTABLE_REFETCH_MS));
    expect(api.calls).toHaveLength(2);
  });
});
