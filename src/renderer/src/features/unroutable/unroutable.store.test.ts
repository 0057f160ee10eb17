import { describe, expect, it } from 'vitest';
import { AppError, type UnroutableRow } from '../../../../shared';
import { createUnroutableStore, selectConcernsQueue } from './unroutable.store';

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

function fakeApi() {
  let rows = [row('o1', 1), row('o2', 2)];
  const calls: [string, unknown][] = [];
  const api = {
    call: (async (endpoint: string, input: { orderId?: string }) => {
      calls.push([endpoint, input]);
      if (endpoint === 'unroutable.list') return { rows, total: rows.length };
      if (endpoint === 'unroutable.retry') {
        if (input.orderId === 'gone')
          throw new AppError('ILLEGAL_TRANSITION', 'The order is "sourced", not waiting in the unroutable queue; refresh the list');
        rows = rows.filter((r) => r.orderId !== input.orderId);
        return { orderId: input.orderId, status: 'sourced', locationId: 'l1', reason: null };
      }
      throw new Error(endpoint);
    }) as never,
  };
  return { api, calls };
}

describe('unroutable store', () => {
  it('loads the queue in the engine order and drops an order that "retry now" sourced', async () => {
    const { api } = fakeApi();
    const store = createUnroutableStore(api);
    await store.getState().refreshRequested();
    expect(store.getState().rows.map((r) => r.orderId)).toEqual(['o1', 'o2']);
    await store.getState().retryRequested('o1');
    expect(store.getState().outcomes.o1).toMatchObject({ status: 'sourced', locationId: 'l1' });
    expect(store.getState().rows.map((r) => r.orderId)).toEqual(['o2']);
    expect(store.getState().retrying).toEqual({});
  });

  it("shows the engine's refusal for that order", async () => {
    const { api } = fakeApi();
    const store = createUnroutableStore(api);
    await store.getState().retryRequested('gone');
    expect(store.getState().outcomes.gone).toEqual({
      error: 'The order is "sourced", not waiting in the unroutable queue; refresh the list',
    });
  });

  it('refetches only for orders entering or leaving the queue', async () => {
    const { api, calls } = fakeApi();
    let t = 0;
    const store = createUnroutableStore(api, () => (t += 1000));
    const ev = (status: 'sourced' | 'unfillable' | 'picked', fromStatus: 'received' | 'unfillable' | 'sourced') => ({
      type: 'order.changed' as const,
      orderId: 'x',
      number: 1,
      status,
      fromStatus,
      locationId: null,
      at: '',
    });
    store.getState().orderEventReceived(ev('picked', 'sourced'));
    await settle();
    expect(calls).toEqual([]);
    store.getState().orderEventReceived(ev('unfillable', 'received'));
    await settle();
    expect(calls.map(([e]) => e)).toEqual(['unroutable.list']);
    expect(selectConcernsQueue({ status: 'sourced', fromStatus: 'unfillable' })).toBe(true);
  });
});
