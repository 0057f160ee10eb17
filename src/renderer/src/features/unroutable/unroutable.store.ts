import { create } from 'zustand';
import type { DeskApi, EngineEvent, OutputOf, UnroutableRow } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const UNROUTABLE_REFETCH_MS = 500;

export type RetryOutcome = OutputOf<'unroutable.retry'>;

export interface UnroutableState {
  rows: UnroutableRow[];
  total: number;
  loading: boolean;
  error: string | null;
  /** Orders with a "retry now" in flight. */
  retrying: Record<string, true>;
  /** The last "retry now" answer per order (or the engine's refusal). */
  outcomes: Record<string, RetryOutcome | { error: string }>;
  refreshRequested(): Promise<void>;
  retryRequested(orderId: string): Promise<void>;
  orderEventReceived(event: Extract<EngineEvent, { type: 'order.changed' }>): void;
  /** A live event or the resync: refetches (throttled) when an order entered or left the queue, and after every resync. */
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The unroutable queue: rows in the engine's retry order, and "retry now" per order. */
export function createUnroutableStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<UnroutableState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const page = await api.call('unroutable.list', { limit: 200 });
        if (mine === seq) set({ rows: page.rows, total: page.total, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), UNROUTABLE_REFETCH_MS, now);
    return {
      rows: [],
      total: 0,
      loading: false,
      error: null,
      retrying: {},
      outcomes: {},
      refreshRequested: load,
      async retryRequested(orderId) {
        if (get().retrying[orderId]) return;
        set({ retrying: { ...get().retrying, [orderId]: true } });
        let outcome: RetryOutcome | { error: string };
        try {
          outcome = await api.call('unroutable.retry', { orderId });
        } catch (e) {
          outcome = { error: message(e) };
        }
        const { [orderId]: _done, ...retrying } = get().retrying;
        set({ retrying, outcomes: { ...get().outcomes, [orderId]: outcome } });
        await load();
      },
      orderEventReceived(event) {
        if (selectConcernsQueue(event)) loadSoon();
      },
      liveEventReceived(event) {
        if (event.type === 'order.changed') get().orderEventReceived(event);
        else if (event.type === 'desk.resync') loadSoon();
      },
    };
  });
}

/** An order entered or left the queue. */
export const selectConcernsQueue = (e: Pick<Extract<EngineEvent, { type: 'order.changed' }>, 'status' | 'fromStatus'>): boolean =>
  e.status === 'unfillable' || e.fromStatus === 'unfillable';

export const useUnroutableStore = createUnroutableStore(desk);
