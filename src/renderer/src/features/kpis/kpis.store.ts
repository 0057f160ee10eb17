import { create } from 'zustand';
import type { DeskApi, OrderKpis } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

/** Live order events refresh the figures at most this often: a busy network moves them every few seconds anyway. */
export const KPI_LIVE_MS = 5_000;
/** Refreshed this often without events too: the windows slide and open orders age. */
export const KPI_POLL_MS = 60_000;

export interface KpisState {
  kpis: OrderKpis | null;
  error: string | null;
  /** Loads the figures now (the strip shown, or a retry). */
  refreshRequested(): Promise<void>;
  /** A frame's live events: any order change, or a resync, refreshes the figures (throttled). */
  liveEventsReceived(events: readonly DeskEvent[]): void;
  /** The minute's timer: refreshes through the same throttle as live events. */
  pollDue(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The KPI strip's store: one `orders.kpis` answer, kept fresh by live events (at most every {@link KPI_LIVE_MS}) and a minute's timer. */
export function createKpisStore(
  api: Pick<DeskApi, 'call'>,
  now: () => number = Date.now,
  schedule?: (f: () => void, ms: number) => unknown,
) {
  return create<KpisState>()((set) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      try {
        const kpis = await api.call('orders.kpis', {});
        if (mine === seq) set({ kpis, error: null });
      } catch (e) {
        // The last figures stay on screen, with the error beside them.
        if (mine === seq) set({ error: message(e) });
      }
    };
    const loadSoon = throttle(load, KPI_LIVE_MS, now, schedule);
    return {
      kpis: null,
      error: null,
      refreshRequested: load,
      liveEventsReceived(events) {
        if (events.some((e) => e.type === 'order.changed' || e.type === 'desk.resync')) loadSoon();
      },
      pollDue: () => loadSoon(),
    };
  });
}

export type KpisStore = ReturnType<typeof createKpisStore>;

export const useKpisStore = createKpisStore(desk);
