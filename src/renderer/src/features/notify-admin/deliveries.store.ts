import { create } from 'zustand';
import type { DeskApi, MessageStatus, NotificationMessage, OutputOf } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { selectAwaiting } from '../notifications/message-view';
import { errorMessage } from './template-draft';
import { realTimers, type Timers } from './timers';

/** How many deliveries the log shows. */
export const DELIVERIES_LIMIT = 100;
/** While a delivery is queued, being sent or retried soon, the log looks again this often (no live event says when it went). */
export const DELIVERIES_FOLLOW_MS = 2_000;
/** Order changes make deliveries a moment later: the log looks again at most this often on them. */
export const DELIVERIES_REFETCH_MS = 2_000;

export type DeliveryDetail = OutputOf<'notifications.message'>;

export interface DeliveriesState {
  /** The endpoint the log is narrowed to (null: every endpoint). */
  endpointId: string | null;
  /** Newest first, as the engine answers. */
  deliveries: NotificationMessage[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The delivery opened beside the log, with its attempts once they arrive. */
  openId: string | null;
  detail: DeliveryDetail | null;
  detailError: string | null;
  /** Delivery ids with a replay in flight, and why one was refused. */
  busy: Record<string, true>;
  errors: Record<string, string>;
  refreshRequested(): Promise<void>;
  endpointChosen(endpointId: string | null): Promise<void>;
  deliveryOpened(id: string | null): Promise<void>;
  /** Sends a delivery again (the same body, signed anew), with an optional reason for its log; true when the engine took it. */
  resendRequested(id: string, reason?: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
  /** The view closed: no more looking again. */
  stopped(): void;
}

/** Statuses a delivery can be replayed from: anything the engine is not sending or about to send right now. */
const NOT_REPLAYABLE: readonly MessageStatus[] = ['queued', 'sending'];
export const mayReplay = (d: Pick<NotificationMessage, 'status'>): boolean => !NOT_REPLAYABLE.includes(d.status);

/** The merchant webhooks' delivery log: what was sent to which endpoint and how it went, each delivery's attempts, and replay. */
export function createDeliveriesStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now, timers: Timers = realTimers) {
  return create<DeliveriesState>()((set, get) => {
    let seq = 0;
    let timer: unknown = null;
    const stop = () => {
      if (timer !== null) timers.clear(timer);
      timer = null;
    };
    const follow = () => {
      if (timer === null && selectAwaiting(get().deliveries, now()))
        timer = timers.set(() => {
          timer = null;
          void load();
        }, DELIVERIES_FOLLOW_MS);
    };
    const loadDetail = async (id: string) => {
      try {
        const detail = await api.call('notifications.message', { id });
        if (get().openId === id) set({ detail, detailError: null });
      } catch (e) {
        if (get().openId === id) set({ detailError: errorMessage(e) });
      }
    };
    const load = async () => {
      const mine = ++seq;
      const endpointId = get().endpointId;
      set({ loading: true });
      try {
        const deliveries = await api.call('notifications.deliveries', { ...(endpointId ? { endpointId } : {}), limit: DELIVERIES_LIMIT });
        if (mine !== seq) return;
        set({ deliveries, loaded: true, loading: false, error: null });
        const open = get().openId;
        if (open) await loadDetail(open);
        follow();
      } catch (e) {
        if (mine === seq) set({ loading: false, error: errorMessage(e) });
      }
    };
    const loadSoon = throttle(() => void load(), DELIVERIES_REFETCH_MS, now);
    return {
      endpointId: null,
      deliveries: [],
      loaded: false,
      loading: false,
      error: null,
      openId: null,
      detail: null,
      detailError: null,
      busy: {},
      errors: {},
      refreshRequested: load,
      async endpointChosen(endpointId) {
        stop();
        set({ endpointId, deliveries: [], loaded: false });
        await load();
      },
      async deliveryOpened(id) {
        set({ openId: id, detail: null, detailError: null });
        if (id) await loadDetail(id);
      },
      async resendRequested(id, reason) {
        if (get().busy[id]) return false;
        const { [id]: _old, ...errors } = get().errors;
        set({ busy: { ...get().busy, [id]: true }, errors });
        let ok = false;
        try {
          const trimmed = reason?.trim();
          const queued = await api.call('notifications.resend', { id, ...(trimmed ? { reason: trimmed } : {}) });
          set({ deliveries: get().deliveries.map((d) => (d.id === id ? queued : d)) });
          ok = true;
        } catch (e) {
          set({ errors: { ...get().errors, [id]: errorMessage(e) } });
        } finally {
          const { [id]: _done, ...busy } = get().busy;
          set({ busy });
        }
        stop();
        await load();
        return ok;
      },
      liveEventReceived(event) {
        if (event.type === 'desk.resync' || (event.type === 'notifications.changed' && event.webhooks)) loadSoon();
      },
      stopped: stop,
    };
  });
}

export const useDeliveriesStore = createDeliveriesStore(desk);
