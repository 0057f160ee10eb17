import { describe, expect, it } from 'vitest';
import type { OrderPage, OrderStatus } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { anOrder } from '../../test-support/fixtures';
import { connectBulkToQueue, createBulkStore, selectAdvanceTargets, selectSelectedCount, type SelectedOrder } from './bulk-selection.store';
import { createOrdersStore } from './orders.store';

const row = (n: number, status: OrderStatus = 'sourced'): SelectedOrder => ({ id: `o${n}`, number: 1000 + n, status });
const PAGE = [1, 2, 3, 4, 5, 6].map((n) => row(n));
const ids = (s: { selected: Record<string, SelectedOrder> }) => Object.keys(s.selected);
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A queue whose engine answers the rows given, for whatever query. */
function queueDesk(rows: () => SelectedOrder[]) {
  return fakeDesk({
    'orders.list': (input): OrderPage => ({
      rows: rows().map((r) => ({ ...anOrder({ id: r.id, number: r.number, status: r.status }), dueAt: null, promisedAt: null })),
      total: rows().length,
      page: input.page ?? 0,
      pageSize: input.pageSize ?? 50,
    }),
  });
}

describe('bulk selection store', () => {
  it('toggles rows one at a time, and shift selects the range from the last row toggled, either way', () => {
    const store = createBulkStore(fakeDesk());
    const s = () => store.getState();
    s().rowToggled(PAGE[1]!, { rows: PAGE });
    s().rowToggled(PAGE[4]!, { rows: PAGE, shift: true });
    expect(ids(s())).toEqual(['o2', 'o3', 'o4', 'o5']);
    s().rowToggled(PAGE[3]!, { rows: PAGE }); // plain click: off again, and the new anchor
    expect(ids(s())).toEqual(['o2', 'o3', 'o5']);
    s().rowToggled(PAGE[0]!, { rows: PAGE, shift: true }); // upwards from o4
    expect(ids(s()).sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    // An anchor no longer on the page: shift acts as a plain toggle.
    s().rowToggled(row(9), { rows: PAGE, shift: true });
    s().rowToggled(PAGE[5]!, { rows: PAGE, shift: true });
    expect(ids(s()).sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o9']);
  });

  it('the header checkbox selects the whole page, and clears it once all are selected', () => {
    const store = createBulkStore(fakeDesk());
    store.getState().rowToggled(row(42), { rows: [] }); // from another page: stays
    store.getState().rowToggled(PAGE[0]!, { rows: PAGE });
    store.getState().pageToggled(PAGE);
    expect(selectSelectedCount(store.getState())).toBe(7);
    store.getState().pageToggled(PAGE);
    expect(ids(store.getState())).toEqual(['o42']);
  });

  it('keeps the selection by id across live refreshes (status updated) and clears it when a filter changes', async () => {
    let rows = PAGE.slice(0, 4);
    const orders = createOrdersStore(queueDesk(() => rows));
    const bulk = createBulkStore(fakeDesk());
    const off = connectBulkToQueue(orders, bulk);
    orders.getState().refreshRequested();
    await settle();
    bulk.getState().pageToggled(PAGE.slice(0, 3));

    // A live refresh: o2 was picked elsewhere, o1 left the page (other filters would hide it), a new order arrived.
    rows = [row(7), row(2, 'picked'), row(3), row(4)];
    orders.getState().refreshRequested();
    await settle();
    expect(bulk.getState().selected).toEqual({ o1: row(1), o2: row(2, 'picked'), o3: row(3) });
    expect(selectAdvanceTargets(bulk.getState())).toEqual([
      { to: 'picked', count: 2 },
      { to: 'packed', count: 1 },
    ]);

    // Sort and page keep it; a filter clears it.
    orders.getState().sortChanged('number', 'asc');
    orders.getState().pageChanged(1);
    expect(selectSelectedCount(bulk.getState())).toBe(3);
    orders.getState().statusFilterToggled('sourced');
    expect(selectSelectedCount(bulk.getState())).toBe(0);
    bulk.getState().rowToggled(row(3), { rows: [] });
    orders.getState().filterChanged({ search: 'Lucía' });
    expect(selectSelectedCount(bulk.getState())).toBe(0);
    off();
    await settle();
  });

  it('sends the confirmed action once for the selection and keeps only what was not done selected', async () => {
    const api = fakeDesk({
      'orders.bulk': ({ ids }) => ({
        results: ids.map((id, i) => ({
          id,
          number: 1000 + i,
          status: i === 1 ? ('shipped' as const) : ('cancelled' as const),
          ok: i !== 1,
          ...(i === 1 ? { code: 'ILLEGAL_TRANSITION' as const, message: 'Order #1001 is shipped' } : {}),
        })),
        done: ids.length - 1,
        failed: 1,
      }),
    });
    let refreshed = 0;
    const store = createBulkStore(api, { afterRun: () => refreshed++ });
    store.getState().pageToggled(PAGE.slice(0, 3));
    await store.getState().confirmed(); // nothing to confirm yet: no call
    expect(api.calls).toEqual([]);
    store.getState().actionChosen({ kind: 'cancel', reason: 'customer asked' });
    await store.getState().confirmed();
    expect(api.inputsOf('orders.bulk')).toEqual([{ ids: ['o1', 'o2', 'o3'], action: { kind: 'cancel', reason: 'customer asked' } }]);
    expect(store.getState().step).toMatchObject({ kind: 'result', output: { done: 2, failed: 1 } });
    expect(store.getState().selected).toEqual({ o2: { id: 'o2', number: 1001, status: 'shipped' } });
    expect(refreshed).toBe(1);
  });

  it('a refused call goes back to the confirm step with the reason, and nothing is deselected', async () => {
    const api = fakeDesk({
      'orders.bulk': () => {
        throw new Error('Your role may not cancel orders');
      },
    });
    const store = createBulkStore(api);
    store.getState().pageToggled(PAGE.slice(0, 2));
    store.getState().actionChosen({ kind: 'cancel', reason: 'x' });
    await store.getState().confirmed();
    expect(store.getState().step.kind).toBe('confirm');
    expect(store.getState().error).toBe('Your role may not cancel orders');
    expect(selectSelectedCount(store.getState())).toBe(2);
  });
});
