import { create } from 'zustand';
import type { DeskApi, NotificationMessage } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { selectAwaiting } from './message-view';

export const MESSAGES_REFETCH_MS = 300;
/** How often the section looks again while the engine is still making or sending the order's messages. */
export const MESSAGES_FOLLOW_MS = 2_000;
/**
 * How long after a change of the order (or a resend) the section keeps looking: the engine's loops
 * make a change's messages a moment after it commits, and send them a moment later, with no live
 * event of their own.
 */
export const MESSAGES_WATCH_MS = 20_000;

/** Timers, injectable so tests control when a follow-up look happens. */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface CustomerMessagesState {
  orderId: string | null;
  /** The order's messages, oldest first (as the engine answers). */
  messages: NotificationMessage[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** Message ids with a resend in flight. */
  busy: Record<string, true>;
  /** Why a resend was refused, by message id (the engine's words). */
  errors: Record<string, string>;
  orderShown(orderId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  /** Sends a failed, undeliverable or suppressed message again, with an optional reason for its log; true when the engine took it. */
  resendRequested(id: string, reason?: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The order detail's customer messages: what the customer was told, through which channel, and how it went. */
export function createCustomerMessagesStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now, timers: Timers = realTimers) {
  return create<CustomerMessagesState>()((set, get) => {
    let seq = 0;
    let timer: unknown = null;
    let watchUntil = 0;
    const stopFollowing = () => {
      if (timer !== null) timers.clear(timer);
      timer = null;
      watchUntil = 0;
    };
    /** Looks again in a moment while the engine may still move something of this order. */
    const follow = () => {
      if (timer !== null || !get().orderId) return;
      if (now() < watchUntil || selectAwaiting(get().messages, now())) {
        timer = timers.set(() => {
          timer = null;
          void load();
        }, MESSAGES_FOLLOW_MS);
      }
    };
    const load = async () => {
      const orderId = get().orderId;
      const mine = ++seq;
      if (!orderId) return;
      set({ loading: true });
      try {
        const messages = await api.call('notifications.messages', { orderId });
        if (mine === seq) set({ messages, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
      if (mine === seq) follow();
    };
    const loadSoon = throttle(() => void load(), MESSAGES_REFETCH_MS, now);
    const watch = () => {
      watchUntil = now() + MESSAGES_WATCH_MS;
    };
    return {
      orderId: null,
      messages: [],
      loaded: false,
      loading: false,
      error: null,
      busy: {},
      errors: {},
      async orderShown(orderId) {
        if (orderId === get().orderId) return;
        seq++;
        stopFollowing();
        set({ orderId, messages: [], loaded: false, loading: false, error: null, busy: {}, errors: {} });
        await load();
      },
      refreshRequested: load,
      async resendRequested(id, reason) {
        if (get().busy[id]) return false;
        const { [id]: _old, ...errors } = get().errors;
        set({ busy: { ...get().busy, [id]: true }, errors });
        let ok = false;
        try {
          const trimmed = reason?.trim();
          const sent = await api.call('notifications.resend', { id, ...(trimmed ? { reason: trimmed } : {}) });
          set({ messages: get().messages.map((m) => (m.id === id ? sent : m)) });
          watch();
          ok = true;
        } catch (e) {
          set({ errors: { ...get().errors, [id]: message(e) } });
        } finally {
          const { [id]: _done, ...busy } = get().busy;
          set({ busy });
        }
        await load();
        return ok;
      },
      liveEventReceived(event) {
        const orderId = get().orderId;
        if (!orderId) return;
        if (event.type === 'desk.resync') loadSoon();
        else if (event.type === 'notifications.changed' && (event.more || event.orderIds.includes(orderId))) loadSoon();
        else if ((event.type === 'order.changed' || event.type === 'shipping.changed') && event.orderId === orderId) {
          watch();
          loadSoon();
        }
      },
    };
  });
}

/** The order detail's customer messages section. */
export const useCustomerMessagesStore = createCustomerMessagesStore(desk);
