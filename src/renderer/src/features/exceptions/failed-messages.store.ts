import { create } from 'zustand';
import type { DeskApi, NotificationMessage } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

/** The list is looked at again at most this often on live events. */
export const FAILED_REFETCH_MS = 2_000;
export const FAILED_LIMIT = 100;

export interface FailedMessagesState {
  /** Failed and undeliverable messages, newest first (as the engine answers). */
  messages: NotificationMessage[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  busy: Record<string, true>;
  errors: Record<string, string>;
  refreshRequested(): Promise<void>;
  /** Sends it again (with an optional reason for its log); it leaves the list once the engine took it. */
  resendRequested(id: string, reason?: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The exception inbox's customer messages part: what could not reach a customer, each resent in two clicks. */
export function createFailedMessagesStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<FailedMessagesState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const messages = await api.call('notifications.failed', { limit: FAILED_LIMIT });
        if (mine === seq) set({ messages, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), FAILED_REFETCH_MS, now);
    return {
      messages: [],
      loaded: false,
      loading: false,
      error: null,
      busy: {},
      errors: {},
      refreshRequested: load,
      async resendRequested(id, reason) {
        if (get().busy[id]) return false;
        const { [id]: _old, ...errors } = get().errors;
        set({ busy: { ...get().busy, [id]: true }, errors });
        let ok = false;
        try {
          const trimmed = reason?.trim();
          await api.call('notifications.resend', { id, ...(trimmed ? { reason: trimmed } : {}) });
          // Queued again: gone from the failed list at once; the reload confirms (it comes back if it fails again).
          set({ messages: get().messages.filter((m) => m.id !== id) });
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
        if (event.type === 'desk.resync') loadSoon();
        // A message failed, or one listed moved on (resent from another desk, or sent after all).
        else if (
          event.type === 'notifications.changed' &&
          (event.failed || event.more || event.orderIds.some((id) => get().messages.some((m) => m.orderId === id)))
        )
          loadSoon();
      },
    };
  });
}

export const useFailedMessagesStore = createFailedMessagesStore(desk);
