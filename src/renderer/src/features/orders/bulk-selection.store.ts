import { create } from 'zustand';
import { nextPlannerStep, type BulkAction, type BulkOutput, type DeskApi, type OrderStatus, type QueueOrder } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { useOrdersStore, type OrdersState, type OrdersStore } from './orders.store';

/** A selected order as the bar needs it when its row is not on screen: its number and last known status. */
export interface SelectedOrder {
  id: string;
  number: number;
  status: OrderStatus;
}

/** Where the bulk bar is: choosing, asked to confirm, running, or showing what happened. */
export type BulkStep =
  | { kind: 'idle' }
  | { kind: 'confirm'; action: BulkAction }
  | { kind: 'running'; action: BulkAction; count: number }
  | { kind: 'result'; action: BulkAction; output: BulkOutput };

export interface BulkState {
  /** Selected orders by id, in the order they were selected. Kept across live refreshes and pages. */
  selected: Record<string, SelectedOrder>;
  /** The row a shift-click extends from: the last one toggled. */
  anchorId: string | null;
  step: BulkStep;
  /** Why the whole call failed (refused, engine away): the desk's own message. */
  error: string | null;
  /** A row's checkbox (or `x` on the focused row); with shift, every row from the anchor to this one on the page is selected. */
  rowToggled(order: SelectedOrder, opts?: { shift?: boolean; rows?: readonly SelectedOrder[] }): void;
  /** The header checkbox: every order on the page, or none of them when all were selected. */
  pageToggled(rows: readonly SelectedOrder[]): void;
  /** A new page of the queue arrived: selected orders on it take their current number and status. */
  rowsRefreshed(rows: readonly SelectedOrder[]): void;
  cleared(): void;
  actionChosen(action: BulkAction): void;
  /** Back from the confirm step, or the result closed. */
  dismissed(): void;
  confirmed(): Promise<void>;
}

const pick = (o: SelectedOrder): SelectedOrder => ({ id: o.id, number: o.number, status: o.status });

/** The queue's selection and its bulk action, one call to `orders.bulk` per confirmed action. */
export function createBulkStore(api: Pick<DeskApi, 'call'>, deps: { afterRun?: () => void } = {}) {
  return create<BulkState>()((set, get) => ({
    selected: {},
    anchorId: null,
    step: { kind: 'idle' },
    error: null,
    rowToggled(order, opts = {}) {
      const selected = { ...get().selected };
      const rows = opts.rows ?? [];
      const from = opts.shift ? rows.findIndex((r) => r.id === get().anchorId) : -1;
      const to = rows.findIndex((r) => r.id === order.id);
      if (from >= 0 && to >= 0) {
        for (const r of rows.slice(Math.min(from, to), Math.max(from, to) + 1)) selected[r.id] = pick(r);
      } else if (selected[order.id]) delete selected[order.id];
      else selected[order.id] = pick(order);
      set({ selected, anchorId: order.id });
    },
    pageToggled(rows) {
      const selected = { ...get().selected };
      const all = rows.length > 0 && rows.every((r) => selected[r.id]);
      for (const r of rows) {
        if (all) delete selected[r.id];
        else selected[r.id] = pick(r);
      }
      set({ selected });
    },
    rowsRefreshed(rows) {
      const current = get().selected;
      let changed: Record<string, SelectedOrder> | null = null;
      for (const r of rows) {
        const s = current[r.id];
        if (s && (s.status !== r.status || s.number !== r.number)) (changed ??= { ...current })[r.id] = pick(r);
      }
      if (changed) set({ selected: changed });
    },
    cleared: () => set({ selected: {}, anchorId: null }),
    actionChosen: (action) => set({ step: { kind: 'confirm', action }, error: null }),
    dismissed: () => set({ step: { kind: 'idle' }, error: null }),
    async confirmed() {
      const step = get().step;
      if (step.kind !== 'confirm') return;
      const ids = Object.keys(get().selected);
      if (!ids.length) return set({ step: { kind: 'idle' } });
      set({ step: { kind: 'running', action: step.action, count: ids.length }, error: null });
      try {
        const output = await api.call('orders.bulk', { ids, action: step.action });
        // What was done leaves the selection; what was not stays selected, to look at or try again.
        const selected = { ...get().selected };
        for (const r of output.results) {
          if (r.ok) delete selected[r.id];
          else if (selected[r.id] && r.status && r.number !== null) selected[r.id] = { id: r.id, number: r.number, status: r.status };
        }
        set({ step: { kind: 'result', action: step.action, output }, selected });
        deps.afterRun?.();
      } catch (e) {
        set({ step: { kind: 'confirm', action: step.action }, error: e instanceof Error ? e.message : String(e) });
      }
    },
  }));
}

export type BulkStore = ReturnType<typeof createBulkStore>;

// Selectors
export const selectSelectedCount = (s: Pick<BulkState, 'selected'>) => Object.keys(s.selected).length;
export const selectIsSelected = (s: Pick<BulkState, 'selected'>, id: string) => !!s.selected[id];

/**
 * The floor steps the selection can take, each with how many selected orders it applies to (an
 * order's next step, as the detail offers it), most common first.
 */
export function selectAdvanceTargets(s: Pick<BulkState, 'selected'>): { to: OrderStatus; count: number }[] {
  const counts = new Map<OrderStatus, number>();
  for (const o of Object.values(s.selected)) {
    const to = nextPlannerStep(o.status);
    if (to) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return [...counts].map(([to, count]) => ({ to, count })).sort((a, b) => b.count - a.count);
}

/** The query fields that make a different list: changing one clears the selection (sort and page do not). */
const FILTERS = ['status', 'channel', 'locationId', 'search', 'urgency'] as const;
const filtersChanged = (a: OrdersState['query'], b: OrdersState['query']) =>
  FILTERS.some((k) => (k === 'status' ? a.status.join() !== b.status.join() : a[k] !== b[k]));

const asSelected = (rows: readonly QueueOrder[]): SelectedOrder[] => rows.map((o) => ({ id: o.id, number: o.number, status: o.status }));

/** Keeps a selection in step with a queue: cleared when its filters change, refreshed when a page arrives. Returns the unsubscribe. */
export function connectBulkToQueue(orders: OrdersStore, bulk: BulkStore): () => void {
  return orders.subscribe((s, prev) => {
    if (filtersChanged(s.query, prev.query)) bulk.getState().cleared();
    if (s.page !== prev.page && s.page) bulk.getState().rowsRefreshed(asSelected(s.page.rows));
  });
}

/** The rows of a page as the selection takes them. */
export const selectableRows = asSelected;

/** The desk's bulk selection. */
export const useBulkStore = createBulkStore(desk, {
  // Live events refresh the queue too; this covers a desk whose event stream is reconnecting.
  afterRun: () => useOrdersStore.getState().refreshRequested(),
});
