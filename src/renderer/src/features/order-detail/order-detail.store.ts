import { create } from 'zustand';
import { nextPlannerStep, ORDER_TRANSITIONS, type DeskApi, type EngineEvent, type OrderDetail, type OrderStatus } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const DETAIL_REFETCH_MS = 250;

export interface OrderDetailState {
  selectedId: string | null;
  detail: OrderDetail | null;
  loading: boolean;
  /** Why the order could not be loaded. */
  error: string | null;
  /** Why the last advance or cancel was refused: the engine's own message. */
  actionError: string | null;
  busy: boolean;
  orderSelected(id: string): void;
  closed(): void;
  refreshRequested(): Promise<void>;
  advanceRequested(): Promise<boolean>;
  cancelRequested(reason: string): Promise<boolean>;
  orderEventReceived(event: Extract<EngineEvent, { type: 'order.changed' }>): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The detail panel's store: one order, its timeline, and the planner's two actions. */
export function createOrderDetailStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<OrderDetailState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const id = get().selectedId;
      if (!id) return;
      const mine = ++seq;
      try {
        const detail = await api.call('orders.get', { id });
        if (mine === seq && get().selectedId === id) set({ detail, loading: false, error: null });
      } catch (e) {
        if (mine === seq && get().selectedId === id) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), DETAIL_REFETCH_MS, now);
    const act = async (work: (d: OrderDetail) => Promise<unknown>): Promise<boolean> => {
      const d = get().detail;
      if (!d || get().busy) return false;
      set({ busy: true, actionError: null });
      try {
        await work(d);
        await load();
        return true;
      } catch (e) {
        set({ actionError: message(e) });
        return false;
      } finally {
        set({ busy: false });
      }
    };
    return {
      selectedId: null,
      detail: null,
      loading: false,
      error: null,
      actionError: null,
      busy: false,
      orderSelected(id) {
        if (id === get().selectedId) return void load();
        set({ selectedId: id, detail: null, loading: true, error: null, actionError: null });
        void load();
      },
      closed: () => {
        seq++;
        set({ selectedId: null, detail: null, loading: false, error: null, actionError: null });
      },
      refreshRequested: load,
      advanceRequested: () =>
        act(async (d) => {
          const to = nextPlannerStep(d.status);
          if (!to) throw new Error(`Order ${d.number} has no next step from ${d.status}`);
          await api.call('orders.advance', { id: d.id, to });
        }),
      cancelRequested: (reason) => act((d) => api.call('orders.cancel', { id: d.id, reason: reason.trim() })),
      orderEventReceived(event) {
        if (event.orderId === get().selectedId) loadSoon();
      },
    };
  });
}

/** The floor step a planner can take next on this order, if any. */
export const selectNextStep = (s: Pick<OrderDetailState, 'detail'>): OrderStatus | undefined =>
  s.detail ? nextPlannerStep(s.detail.status) : undefined;
/** Whether the lifecycle still allows a cancellation. */
export const selectCanCancel = (s: Pick<OrderDetailState, 'detail'>): boolean =>
  !!s.detail && ORDER_TRANSITIONS[s.detail.status].includes('cancelled');
/** The timeline in the order things happened (by time, then by the engine's event id). */
export const selectTimeline = (d: OrderDetail | null) => (d ? [...d.timeline].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id) : []);

/** The desk's detail panel. */
export const useOrderDetailStore = createOrderDetailStore(desk);
