import { describe, expect, it } from 'vitest';
import type { EngineEvent, OrderPage, OrderStatus } from '../../../../shared';
import { fakeDesk } from '../../test-support/fake-desk';
import { anOrder } from '../../test-support/fixtures';
import {
  createOrdersStore,
  COUNTS_EVERY_MS,
  FRESH_MS,
  selectHasFilters,
  selectHeldCount,
  selectIsFresh,
  selectPageCount,
  selectRange,
} from './orders.store';

type Changed = Extract<EngineEvent, { type: 'order.changed' }>;
const event = (orderId: string): Changed => ({
  type: 'order.changed',
  orderId,
  number: 1,
  status: 'received',
  fromStatus: null,
  locationId: null,
  at: '2026-01-01T00:00:00Z',
});

const countsOf = (n: number, late = 0) => ({ byStatus: { sourced: n }, late, atRisk: 0, asOf: '2026-01-01T00:00:00Z' });

/** An empty order list that says it holds `total` orders. */
function ordersDesk(total = 120) {
  const answer = (input: { page?: number; pageSize?: number }) => ({
    rows: [],
    total,
    page: input.page ?? 0,
    pageSize: input.pageSize ?? 50,
  });
  return fakeDesk({ 'orders.list': answer, 'orders.page': answer, 'orders.counts': () => ({ total, counts: countsOf(total) }) });
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('orders store', () => {
  it('sends the table state to orders.list and resets the page when the sort changes', async () => {
    const api = ordersDesk();
    const store = createOrdersStore(api);
    store.getState().pageChanged(2);
    store.getState().sortChanged('number', 'asc');
    await settle();
    expect(api.inputsOf('orders.list').at(-1)).toEqual({ page: 0, pageSize: 50, sort: 'number', dir: 'asc' });
  });

  it('filters by status, channel and location, each back to page 0', async () => {
    const api = ordersDesk();
    const store = createOrdersStore(api);
    store.getState().pageChanged(1);
    store.getState().statusFilterToggled('picked');
    store.getState().filterChanged({ channel: 'web', locationId: 'loc-a' });
    await settle();
    expect(api.inputsOf('orders.list').at(-1)).toMatchObject({ page: 0, status: ['picked'], channel: 'web', locationId: 'loc-a' });
    expect(selectHasFilters(store.getState())).toBe(true);
  });

  it('turns a burst of live events into one immediate and one trailing refetch', async () => {
    const api = ordersDesk();
    let t = 1000;
    const store = createOrdersStore(api, () => t);
    const reads = () => api.calls.filter(([endpoint]) => endpoint !== 'orders.counts').length;
    for (let i = 0; i < 20; i++) store.getState().orderEventReceived(event(`o${i}`));
    await settle();
    expect(reads()).toBe(1);
    t += 300;
    await new Promise((r) => setTimeout(r, 300));
    expect(reads()).toBe(2);
  });

  it('reads the page alone after a live change, and the counts apart: at once, then at most every COUNTS_EVERY_MS', async () => {
    let t = 0;
    let total = 10;
    const timers: [() => void, number][] = [];
    const answer = (input: { page?: number; pageSize?: number }) => ({
      rows: [],
      total,
      page: input.page ?? 0,
      pageSize: input.pageSize ?? 50,
    });
    const api = fakeDesk({ 'orders.list': answer, 'orders.page': answer, 'orders.counts': () => ({ total, counts: countsOf(total) }) });
    const store = createOrdersStore(
      api,
      () => t,
      (f, ms) => timers.push([f, ms]),
    );
    store.getState().refreshRequested();
    await settle();
    expect(api.inputsOf('orders.list')).toHaveLength(1);

    // A change: the page alone and the counts, each read at once.
    total = 11;
    t = 100;
    store.getState().orderEventReceived(event('o1'));
    await new Promise((r) => setTimeout(r, 20));
    expect([api.inputsOf('orders.page').length, api.inputsOf('orders.counts').length]).toEqual([1, 1]);
    expect(selectRange(store.getState()).total).toBe(11);

    // Another soon after: the page at once, the counts once COUNTS_EVERY_MS has passed since the last.
    total = 12;
    t = 250;
    store.getState().orderEventReceived(event('o2'));
    await new Promise((r) => setTimeout(r, 150)); // the page's own refetch interval (real timers)
    expect([api.inputsOf('orders.page').length, api.inputsOf('orders.counts').length]).toEqual([2, 1]);
    expect(selectRange(store.getState()).total).toBe(11);
    expect(timers.map(([, ms]) => ms)).toEqual([COUNTS_EVERY_MS - 150]);
    t = 100 + COUNTS_EVERY_MS;
    timers[0]![0]();
    await new Promise((r) => setTimeout(r, 20));
    expect(api.inputsOf('orders.counts')).toHaveLength(2);
    expect(selectRange(store.getState()).total).toBe(12);

    // A filter change is the planner's read: the page and its counts together, at once.
    store.getState().statusFilterToggled('picked');
    await settle();
    expect(api.inputsOf('orders.list')).toHaveLength(2);
  });

  it('marks a changed order fresh for a while', () => {
    const api = ordersDesk();
    const store = createOrdersStore(api, () => 5000);
    store.getState().orderEventReceived(event('o1'));
    expect(selectIsFresh(store.getState(), 'o1', 5000 + FRESH_MS - 1)).toBe(true);
    expect(selectIsFresh(store.getState(), 'o1', 5000 + FRESH_MS)).toBe(false);
    expect(selectIsFresh(store.getState(), 'o2', 5000)).toBe(false);
  });

  it('reports range and page count from the server total', async () => {
    const api = ordersDesk(120);
    const store = createOrdersStore(api);
    store.getState().pageChanged(2);
    await settle();
    expect(selectPageCount(store.getState())).toBe(3);
    expect(selectRange(store.getState())).toEqual({ from: 101, to: 100, total: 120 });
  });

  it('ignores an answer that arrives after a newer request', async () => {
    let resolveFirst: (p: OrderPage) => void = () => {};
    let n = 0;
    const api = fakeDesk({
      'orders.list': () => {
        n++;
        if (n === 1) return new Promise<OrderPage>((r) => (resolveFirst = r));
        return { rows: [], total: 7, page: 0, pageSize: 50 };
      },
    });
    const store = createOrdersStore(api);
    store.getState().refreshRequested();
    store.getState().refreshRequested();
    await settle();
    resolveFirst({ rows: [], total: 999, page: 0, pageSize: 50 });
    await settle();
    expect(store.getState().page?.total).toBe(7);
  });

  it('joins the first read at sign-in to one already under way, while a refresh always reads again', async () => {
    let n = 0;
    const api = fakeDesk({
      'orders.list': () => {
        n++;
        return { rows: [], total: n, page: 0, pageSize: 50 };
      },
    });
    const store = createOrdersStore(api);
    store.getState().firstPageRequested();
    store.getState().firstPageRequested();
    await settle();
    expect(n).toBe(1);
    store.getState().firstPageRequested();
    await settle();
    expect(n).toBe(2);
    store.getState().refreshRequested();
    store.getState().refreshRequested();
    await settle();
    expect(n).toBe(4);
    expect(store.getState().page?.total).toBe(4);
  });

  it('keeps each unchanged row as the object already shown, so only changed rows render again', async () => {
    let status: OrderStatus = 'sourced';
    const api = fakeDesk({
      'orders.list': () => ({
        rows: [anOrder({ id: 'o1', number: 1 }), anOrder({ id: 'o2', number: 2, status })],
        total: 2,
        page: 0,
        pageSize: 50,
      }),
    });
    const store = createOrdersStore(api);
    store.getState().refreshRequested();
    await settle();
    const [first, second] = store.getState().page!.rows;
    status = 'picked';
    store.getState().refreshRequested();
    await settle();
    const rows = store.getState().page!.rows;
    expect(rows[0]).toBe(first);
    expect(rows[1]).not.toBe(second);
    expect(rows[1]!.status).toBe('picked');
  });

  describe('rows that do not move under the cursor', () => {
    const row = (id: string, status: OrderStatus = 'sourced') => anOrder({ id, number: Number(id.slice(1)), status });
    /** A desk whose queue answers `pages` in turn (the last one from then on). */
    function pagesDesk(...pages: ReturnType<typeof row>[][]) {
      let i = 0;
      const at = (k: number) => pages[Math.min(k, pages.length - 1)]!;
      // The page alone (a live refetch) is the same answer without its counts; the counts are the last page's.
      const next = () => {
        const rows = at(i++);
        return { rows, total: rows.length, page: 0, pageSize: 50, counts: countsOf(rows.length, i) };
      };
      return fakeDesk({
        'orders.list': next,
        'orders.page': next,
        'orders.counts': () => ({ total: at(i - 1).length, counts: countsOf(at(i - 1).length, i) }),
      });
    }
    const ids = (s: { page: OrderPage | null }) => s.page?.rows.map((r) => r.id);

    it('holds a new order while the planner works the list, updates visible rows in place, and shows it on request', async () => {
      const api = pagesDesk([row('o2'), row('o1')], [row('o3'), row('o2'), row('o1', 'picked')]);
      let t = 0;
      const store = createOrdersStore(api, () => t);
      store.getState().refreshRequested();
      await settle();
      store.getState().engagementChanged(true);
      store.getState().orderEventReceived({ ...event('o3') });
      store.getState().orderEventReceived({ ...event('o1'), status: 'picked' });
      await settle();
      t += 1000;
      await new Promise((r) => setTimeout(r, 300));
      const s = store.getState();
      expect(ids(s)).toEqual(['o2', 'o1']);
      expect(s.page?.rows[1]?.status).toBe('picked');
      // The counts are not rows: they follow at once.
      expect(s.page?.counts?.late).toBeGreaterThan(1);
      expect(s.heldIds).toEqual(['o3']);
      expect(selectHeldCount(s)).toBe(1);

      store.getState().heldChangesApplied();
      expect(ids(store.getState())).toEqual(['o3', 'o2', 'o1']);
      expect(selectHeldCount(store.getState())).toBe(0);
    });

    it('counts a visible order that moved, not the rows it shifted', async () => {
      const api = pagesDesk([row('o1'), row('o2'), row('o3'), row('o4')], [row('o2'), row('o3'), row('o4'), row('o1')]);
      const store = createOrdersStore(api, () => 0);
      store.getState().refreshRequested();
      await settle();
      store.getState().engagementChanged(true);
      store.getState().orderEventReceived(event('o1'));
      await settle();
      expect(ids(store.getState())).toEqual(['o1', 'o2', 'o3', 'o4']);
      expect(store.getState().heldIds).toEqual(['o1']);
    });

    it('replaces the page at once when the planner is not on the list, or when nothing moves', async () => {
      const api = pagesDesk([row('o1')], [row('o2'), row('o1')], [row('o2', 'picked'), row('o1')]);
      let t = 0;
      const store = createOrdersStore(api, () => t);
      store.getState().refreshRequested();
      await settle();
      store.getState().orderEventReceived(event('o2'));
      await settle();
      expect(ids(store.getState())).toEqual(['o2', 'o1']);
      store.getState().engagementChanged(true);
      t += 1000;
      store.getState().orderEventReceived(event('o2'));
      await settle();
      expect(store.getState().page?.rows[0]?.status).toBe('picked');
      expect(store.getState().held).toBeNull();
    });

    it('lets the held changes in when the planner leaves the list', async () => {
      const api = pagesDesk([row('o1')], [row('o2'), row('o1')]);
      const store = createOrdersStore(api, () => 0);
      store.getState().refreshRequested();
      await settle();
      store.getState().engagementChanged(true);
      store.getState().orderEventReceived(event('o2'));
      await settle();
      expect(ids(store.getState())).toEqual(['o1']);
      store.getState().engagementChanged(false);
      expect(ids(store.getState())).toEqual(['o2', 'o1']);
      await settle();
    });

    it('a filter or sort the planner changes is never held', async () => {
      const api = pagesDesk([row('o1')], [row('o2'), row('o1')]);
      const store = createOrdersStore(api, () => 0);
      store.getState().refreshRequested();
      await settle();
      store.getState().engagementChanged(true);
      store.getState().urgencyFilterChanged('late');
      await settle();
      expect(ids(store.getState())).toEqual(['o2', 'o1']);
      expect(api.inputsOf('orders.list').at(-1)).toMatchObject({ urgency: 'late', page: 0 });
    });
  });
});
