import { create } from 'zustand';
import {
  ORDER_STATUSES,
  type DeskApi,
  type InputOf,
  type EngineEvent,
  type OrderPage,
  type OrderRowsPage,
  type OrderStatus,
  type QueueUrgencyFilter,
} from '../../../../shared';
import { desk } from '../../api/desk-client';
import { firstWorkShown } from '../../lib/first-work';
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
import { keepUnchangedRows, reconcileLive } from './live-hold';
import { fromQueueHash, QUEUE_ROUTE } from './queue-url';

/** How long a row stays highlighted after a live change. */
export const FRESH_MS = 4000;
/**
 * Refetches of the page start at least this far apart, however many events arrive, and only one is
 * in flight at a time (throttle.ts): under a flood a desk asks about as often as the engine answers,
 * and a change that follows another shows without waiting out a long window (desk-to-desk latency).
 */
export const REFETCH_INTERVAL_MS = 100;
/**
 * After a live change the page is read again alone (`orders.page`: about a millisecond at 100k
 * orders) and the counts over every matching order (`orders.counts`: tens of milliseconds) on
 * their own, at most this often and with a trailing read: a new order reaches the screen without
 * waiting on them, and the total is never behind for longer than this once the changes stop.
 */
export const COUNTS_EVERY_MS = 500;

export interface OrdersState {
  query: QueueQuery;
  page: OrderPage | null;
  loading: boolean;
  error: string | null;
  /** orderId → time the desk heard it changed, for the row highlight. */
  changedAt: Record<string, number>;
  /** Whether the planner is working the list (pointer over it, or focus in it): live changes that would move rows wait. */
  engaged: boolean;
  /** A newer page held back while the planner works the list, and the orders it would add or move. */
  held: OrderPage | null;
  heldIds: string[];
  /** Bumped when a whole table state is restored (address, back/forward), so inputs holding a copy re-read it. */
  restored: number;
  sortChanged(sort: SortField, dir: SortDir): void;
  statusFilterToggled(status: OrderStatus): void;
  statusFilterCleared(): void;
  filterChanged(filter: Partial<Pick<QueueQuery, 'channel' | 'locationId' | 'search'>>): void;
  urgencyFilterChanged(urgency: QueueUrgencyFilter | null): void;
  /** A whole table state at once (from the URL on load, or back/forward). */
  queryRestored(query: QueueQuery): void;
  pageChanged(page: number): void;
  pageSizeChanged(pageSize: number): void;
  orderEventReceived(event: Extract<EngineEvent, { type: 'order.changed' }>): void;
  /** A frame's order events at once (the live hub's batch): one highlight update, one refetch however many. */
  orderEventsReceived(events: readonly Extract<EngineEvent, { type: 'order.changed' }>[]): void;
  refreshRequested(): void;
  /** The desk's first read at sign-in: joins a read already under way (asked earlier at boot) instead of a second one. */
  firstPageRequested(): void;
  engagementChanged(engaged: boolean): void;
  /** The planner asks for the held changes (the bar, or its key). */
  heldChangesApplied(): void;
}

/** The table state the address names (a deep link, a reload), so the first read is already the right one; the default elsewhere. */
const initialQuery = (): QueueQuery =>
  (typeof window !== 'undefined' ? fromQueueHash(window.location.hash || QUEUE_ROUTE)?.query : undefined) ?? INITIAL_QUERY;

/**
 * The queue's store: table state in, one server page out; live events turn into throttled refetches,
 * whose rows wait (held) while the planner works the list and would otherwise move under the cursor.
 */
export function createOrdersStore(
  api: Pick<DeskApi, 'call'>,
  now: () => number = Date.now,
  schedule: (f: () => void, ms: number) => unknown = setTimeout,
) {
  return create<OrdersState>()((set, get) => {
    let seq = 0;
    /** The latest counts: for which filters, and when they were asked for (an older answer never replaces a newer one). */
    let counted: { key: string; at: number; total: number; counts: OrderPage['counts'] } | null = null;
    /** Orders named by live events since the page on screen was last replaced. */
    let heard = new Set<string>();
    /** The read a planner's request started and that has not answered yet (live refetches aside). */
    let pending: Promise<void> | null = null;
    const fetchPage = (live = false): Promise<void> => {
      const done = readPage(live);
      if (!live) {
        pending = done;
        void done.finally(() => {
          if (pending === done) pending = null;
        });
      }
      return done;
    };
    const readPage = async (live: boolean) => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const answer = await askPage(live);
        if (mine !== seq) return;
        // A page read alone takes the latest counts as it lands (they may have come in while it was out).
        const latest = 'total' in answer ? answer : counted && { ...answer, total: counted.total, counts: counted.counts };
        if (!latest) return void (await readPage(false));
        const page = keepUnchangedRows(get().page, latest);
        const q = get().query;
        const clamped = clampPage(q.page, page.total, q.pageSize);
        if (clamped !== q.page && page.rows.length === 0) {
          set({ query: { ...q, page: clamped } });
          void readPage(live);
          return;
        }
        const outcome = live ? reconcileLive(get().page, page, get().engaged, heard) : ({ kind: 'replace', page } as const);
        if (outcome.kind === 'replace') {
          heard = new Set();
          set({ page: outcome.page, held: null, heldIds: [], loading: false, error: null });
        } else {
          set({ page: outcome.page, held: outcome.held, heldIds: outcome.changed, loading: false, error: null });
        }
        firstWorkShown();
      } catch (e) {
        if (mine === seq) set({ loading: false, error: e instanceof Error ? e.message : String(e) });
        firstWorkShown();
      }
    };
    /** A planner's read: the page and its counts at once. A live one: the page alone, when the desk has counts for these filters. */
    const askPage = async (live: boolean): Promise<OrderPage | OrderRowsPage> => {
      const input = buildListInput(get().query);
      const key = countsKey(input);
      if (live && counted?.key === key) return api.call('orders.page', input);
      const asked = now();
      const page = await api.call('orders.list', input);
      tookCounts(key, asked, page.total, page.counts);
      return page;
    };
    /** Keeps counts unless newer ones are known; true when they are the latest. */
    const tookCounts = (key: string, at: number, total: number, counts: OrderPage['counts']): boolean => {
      if (counted && counted.key === key && counted.at > at) return false;
      counted = { key, at, total, counts };
      return true;
    };
    /** The counts read on their own after live changes: into the page on screen (and a held one), rows untouched. */
    const readCounts = async () => {
      const input = buildListInput(get().query);
      const key = countsKey(input);
      const asked = now();
      try {
        const { total, counts } = await api.call('orders.counts', input);
        if (countsKey(buildListInput(get().query)) !== key || !tookCounts(key, asked, total, counts)) return;
        const { page, held } = get();
        set({ page: page && { ...page, total, counts }, held: held && { ...held, total, counts } });
      } catch {
        // The next change, or the planner's next read, asks again; the page's own read reports the engine being away.
      }
    };
    const countsSoon = throttle(readCounts, COUNTS_EVERY_MS, now, schedule);
    const refetchSoon = throttle(() => fetchPage(true), REFETCH_INTERVAL_MS, now);
    const setQuery = (patch: Partial<QueueQuery>) => {
      set({ query: { ...get().query, ...patch } });
      void fetchPage();
    };

    return {
      query: initialQuery(),
      page: null,
      loading: false,
      error: null,
      changedAt: {},
      engaged: false,
      held: null,
      heldIds: [],
      restored: 0,
      sortChanged: (sort, dir) => setQuery({ sort, dir, page: 0 }),
      statusFilterToggled: (status) => setQuery({ status: toggleStatus(get().query.status, status, ORDER_STATUSES), page: 0 }),
      statusFilterCleared: () => setQuery({ status: [], page: 0 }),
      filterChanged: (filter) => setQuery({ ...filter, page: 0 }),
      urgencyFilterChanged: (urgency) => setQuery({ urgency, page: 0 }),
      queryRestored(query) {
        set({ restored: get().restored + 1 });
        setQuery(query);
      },
      pageChanged: (page) => setQuery({ page: Math.max(0, page) }),
      pageSizeChanged: (pageSize) => setQuery({ pageSize, page: Math.floor((get().query.page * get().query.pageSize) / pageSize) }),
      orderEventReceived: (event) => get().orderEventsReceived([event]),
      orderEventsReceived(events) {
        if (events.length === 0) return;
        const t = now();
        const changedAt: Record<string, number> = {};
        for (const [id, at] of Object.entries(get().changedAt)) if (t - at < FRESH_MS) changedAt[id] = at;
        for (const e of events) {
          changedAt[e.orderId] = t;
          heard.add(e.orderId);
        }
        set({ changedAt });
        refetchSoon();
        countsSoon();
      },
      refreshRequested: () => void fetchPage(),
      firstPageRequested: () => void (pending ?? fetchPage()),
      engagementChanged(engaged) {
        if (engaged === get().engaged) return;
        set({ engaged });
        // Nothing is under the cursor any more: what was held can take its place.
        if (!engaged && get().held) get().heldChangesApplied();
      },
      heldChangesApplied() {
        const held = get().held;
        if (!held) return;
        heard = new Set();
        set({ page: held, held: null, heldIds: [] });
        // The held page may be a little old by now: read the current one (it replaces, as the planner asked).
        void fetchPage();
      },
    };
  });
}

export type OrdersStore = ReturnType<typeof createOrdersStore>;

/** What the counts depend on: every filter, not the page. */
const countsKey = ({ page: _page, pageSize: _size, sort: _sort, dir: _dir, ...filters }: InputOf<'orders.list'>) => JSON.stringify(filters);

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
  s.query.status.length > 0 || !!s.query.channel || !!s.query.locationId || s.query.search.trim() !== '' || !!s.query.urgency;
export const selectHeldCount = (s: OrdersState) => (s.held ? Math.max(1, s.heldIds.length) : 0);
export const selectCounts = (s: OrdersState) => s.page?.counts ?? null;
export const selectIsFresh = (s: Pick<OrdersState, 'changedAt'>, orderId: string, at: number) => {
  const t = s.changedAt[orderId];
  return t !== undefined && at - t < FRESH_MS;
};

/** The desk's queue. */
export const useOrdersStore = createOrdersStore(desk);
