import { describe, expect, it } from 'vitest';
import { AppError, type EngineEvent, type OrderDetail, type OrderStatus } from '../../../../shared';
import { anOrder } from '../../test-support/fixtures';
import { fakeDesk } from '../../test-support/fake-desk';
import { createOrderDetailStore, selectCanCancel, selectNextStep, selectTimeline } from './order-detail.store';

const EMPTY_INTAKE: OrderDetail['intake'] = {
  channelId: null,
  channelName: null,
  externalNumber: null,
  deliveryType: 'home_delivery',
  pickupLocationId: null,
  pickupLocationName: null,
  paymentStatus: 'unknown',
  promisedAt: null,
  shippingMethod: null,
  shippingAmount: null,
  taxTotal: null,
  discountTotal: null,
  tags: [],
  billTo: null,
  geocodeSource: null,
};
const detail = (status: OrderStatus, id = 'o1'): OrderDetail => ({
  id,
  number: 7,
  channel: 'web',
  externalId: 'W-7',
  status,
  customer: { name: 'Ana' },
  shipTo: { line1: 'Calle 1', city: 'Rosario', country: 'AR', lat: -32.9, lng: -60.6 },
  currency: 'ARS',
  totalUnits: 2,
  totalAmount: 100,
  locationId: 'l1',
  locationName: 'Tienda',
  unfillableReason: null,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  lines: [],
  intake: EMPTY_INTAKE,
  parts: [],
  backorderOf: null,
  backorders: [],
  timeline: [
    {
      id: 2,
      type: 'order.sourced',
      fromStatus: 'received',
      toStatus: 'sourced',
      actor: 'engine',
      reason: null,
      data: null,
      at: '2026-01-01T10:00:01Z',
    },
    {
      id: 1,
      type: 'order.received',
      fromStatus: null,
      toStatus: 'received',
      actor: 'web',
      reason: null,
      data: null,
      at: '2026-01-01T10:00:00Z',
    },
  ],
});
const changed = (orderId: string): Extract<EngineEvent, { type: 'order.changed' }> => ({
  type: 'order.changed',
  orderId,
  number: 7,
  status: 'picked',
  fromStatus: 'sourced',
  locationId: 'l1',
  at: '',
});
const settle = () => new Promise((r) => setTimeout(r, 0));

/** One order (o1) in `initial`: advancing moves it on, cancelling is refused once it has shipped. */
function orderDesk(initial: OrderStatus) {
  let status = initial;
  return fakeDesk({
    'orders.get': () => detail(status),
    'orders.advance': ({ to }) => {
      status = to;
      return anOrder({ status });
    },
    'orders.cancel': () => {
      if (status === 'shipped') throw new AppError('ILLEGAL_TRANSITION', 'An order that has shipped cannot be cancelled');
      status = 'cancelled';
      return anOrder({ status });
    },
  });
}

describe('order detail selectors', () => {
  it('offers the next floor step and cancellation only where the lifecycle allows', () => {
    expect(selectNextStep({ detail: detail('sourced') })).toBe('picked');
    expect(selectNextStep({ detail: detail('received') })).toBeUndefined();
    expect(selectNextStep({ detail: detail('shipped') })).toBe('delivered');
    expect(selectNextStep({ detail: null })).toBeUndefined();
    expect(selectCanCancel({ detail: detail('packed') })).toBe(true);
    expect(selectCanCancel({ detail: detail('shipped') })).toBe(false);
  });

  it('orders the timeline as it happened', () => {
    expect(selectTimeline(detail('sourced')).map((e) => e.id)).toEqual([1, 2]);
    expect(selectTimeline(null)).toEqual([]);
  });
});

describe('order detail store', () => {
  it('loads the selected order and advances it to the next planner step', async () => {
    const api = orderDesk('sourced');
    const store = createOrderDetailStore(api);
    store.getState().orderSelected('o1');
    await settle();
    expect(store.getState().detail?.status).toBe('sourced');
    expect(await store.getState().advanceRequested()).toBe(true);
    expect(api.inputsOf('orders.advance')).toEqual([{ id: 'o1', to: 'picked' }]);
    expect(store.getState().detail?.status).toBe('picked');
  });

  it("shows the engine's message when an action is refused", async () => {
    const api = orderDesk('shipped');
    const store = createOrderDetailStore(api);
    store.getState().orderSelected('o1');
    await settle();
    expect(await store.getState().cancelRequested('  customer asked  ')).toBe(false);
    expect(store.getState().actionError).toBe('An order that has shipped cannot be cancelled');
    expect(store.getState().busy).toBe(false);
  });

  it('refetches on an event for the shown order only', async () => {
    const api = orderDesk('sourced');
    const store = createOrderDetailStore(api);
    store.getState().orderSelected('o1');
    await settle();
    const before = api.calls.length;
    store.getState().orderEventReceived(changed('other'));
    store.getState().orderEventReceived(changed('o1'));
    await settle();
    expect(api.endpoints().slice(before)).toEqual(['orders.get']);
  });

  it('forgets the order when closed, even if an answer is in flight', async () => {
    const api = orderDesk('sourced');
    const store = createOrderDetailStore(api);
    store.getState().orderSelected('o1');
    store.getState().closed();
    await settle();
    expect(store.getState().detail).toBeNull();
  });
});

describe('sourcing decision', () => {
  it('reads the engine explanation defensively', async () => {
    const { readDecision } = await import('./sourcing-decision');
    const d = readDecision({
      strategy: 'nearest-full-fill',
      chosen: 'l1',
      candidates: [{ locationId: 'l1', locationName: 'Palermo', distanceKm: 3.2 }, 'junk'],
      excluded: [{ locationId: 'l9', locationName: 'Ushuaia', reason: 'no stock for SKU-1' }],
      excludedCount: 40,
    });
    expect(d).toMatchObject({ chosen: 'l1', excludedCount: 40 });
    expect(d?.candidates).toHaveLength(1);
    expect(readDecision({ stock: [] })).toBeUndefined();
    expect(readDecision(null)).toBeUndefined();
  });
});
