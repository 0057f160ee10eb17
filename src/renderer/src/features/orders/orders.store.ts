import { create } from 'zustand';
import { ORDER_STATUSES, type DeskApi, type EngineEvent, type OrderPage, type OrderStatus } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import {
  buildListInput,
  clampPage,
  INITIAL_QUERY,
  pageCount,
  toggleStatus,
  type QueueQuery,
  type SortDir,
  type SortField,
} from './order-query';

/** How long a row stays highlighted after a live change. */
export const FRESH_MS = 4000;
/** At most this many refetches of the page per second, however many events arrive. */
export const REFETCH_INTERVAL_MS = 250;

export interface OrdersState {
  query: QueueQuery;
  page: OrderPage | null;
  loading: boolean;
  error: string | null;
  /** orderId → time the desk heard it changed, for the row highlight. */
  changedAt: Record<string, number>;
  sortChanged(sort: SortField, dir: SortDir): void;
  statusFilterToggled(status: OrderStatus): void;
  statusFilterCleared(): void;
  filterChanged(filter: Partial<Pick<QueueQuery, 'channel' | 'locationId' | 'search'>>): void;
  pageChanged(page: number): void;
  pageSizeChanged(pageSize: number): void;
  orderEventReceived(event: Extract<EngineEvent, { type: 'order.changed' }>): void;
  refreshRequested(): void;
}

/** The queue's store: table state in, one server page out; live events turn into throttled refetches. */
export function createOrdersStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<OrdersState>()((set, get) => {
    let seq = 0;
    const fetchPage = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const page = await api.call('orders.list', buildListInput(get().query));
        if (mine !== seq) return;
        const q = get().query;
        const clamped = clampPage(q.page, page.total, q.pageSize);
        if (clamped !== q.page && page.rows.length === 0) {
          set({ query: { ...q, page: clamped } });
          void fetchPage();
          return;
        }
        set({ page, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: e instanceof Error ? e.message : String(e) });
      }
    };
    const refetchSoon = throttle(() => void fetchPage(), REFETCH_INTERVAL_MS, now);
    const setQuery = (patch: Partial<QueueQuery>) => {
      set({ query: { ...get().query, ...patch } });
      void fetchPage();
    };

    return {
      query: INITIAL_QUERY,
      page: null,
      loading: false,
      error: null,
      changedAt: {},
      sortChanged: (sort, dir) => setQuery({ sort, dir, page: 0 }),
      statusFilterToggled: (status) => setQuery({ status: toggleStatus(get().query.status, status, ORDER_STATUSES), page: 0 }),
      statusFilterCleared: () => setQuery({ status: [], page: 0 }),
      filterChanged: (filter) => setQuery({ ...filter, page: 0 }),
      pageChanged: (page) => setQuery({ page: Math.max(0, page) }),
      pageSizeChanged: (pageSize) => setQuery({ pageSize, page: Math.floor((get().query.page * get().query.pageSize) / pageSize) }),
      orderEventReceived(event) {
        const t = now();
        const changedAt: Record<string, number> = { [event.orderId]: t };
        for (const [id, at] of Object.entries(get().changedAt)) if (t - at < FRESH_MS && id !== event.orderId) changedAt[id] = at;
        set({ changedAt });
        refetchSoon();
      },
      refreshRequested: () => void fetchPage(),
    };
  });
}

export type OrdersStore = ReturnType<typeof createOrdersStore>;

// Selectors: pure reads the components and tests share.
const EMPTY: OrderPage['rows'] = [];
export const selectRows = (s: OrdersState) => s.page?.rows ?? EMPTY;
export const selectTotal = (s: OrdersState) => s.page?.total ?? 0;
export const selectPageCount = (s: OrdersState) => pageCount(selectTotal(s), s.query.pageSize);
export const selectRange = (s: OrdersState) => {
  const total = selectTotal(s);
  const from = total === 0 ? 0 : s.query.page * s.query.pageSize + 1;
  return { from, to: Math.min(total, s.query.page * s.query.pageSize + selectRows(s).length), total };
};
export const selectHasFilters = (s: OrdersState) =>
  s.query.status.length > 0 || !!s.query.channel || !!s.query.locationId || s.query.search.trim() !== '';
export const selectIsFresh = (s: Pick<OrdersState, 'changedAt'>, orderId: string, at: number) => {
  const t = s.changedAt[orderId];
  return t !== undefined && at - t < FRESH_MS;
};

/** The desk's queue. */
export const useOrdersStore = createOrdersStore(desk);
