import { create } from 'zustand';
import type { DeskApi, OrderDetail, Return, ReturnSettings } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { newReturnForm, returnFormProblems, toReturnRequest, type ReturnForm, type ReturnFormProblem } from './return-form';

export const ORDER_RETURNS_REFETCH_MS = 250;

export interface OrderReturnsState {
  orderId: string | null;
  /** The order's returns, newest first. */
  returns: Return[];
  /** The reasons list (data) and the rest of the return settings, read once. */
  settings: ReturnSettings | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  form: ReturnForm | null;
  /** What kept the form from going, shown once it was sent. */
  problems: ReturnFormProblem[];
  submitting: boolean;
  /** The engine's refusal of the request, in its words. */
  submitError: string | null;
  /** The return just requested: the policy's verdict, shown at once. */
  result: Return | null;
  orderShown(orderId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  formOpened(order: Pick<OrderDetail, 'lines' | 'locationId'>): void;
  formChanged(form: ReturnForm): void;
  formClosed(): void;
  submitted(): Promise<boolean>;
  resultDismissed(): void;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The order detail's returns: the order's returns, and the call centre's request — lines and
 * units, a reason (from the settings' list) and condition per line, how it comes back, what the
 * customer gets, where it is received — answered by the policy at once (approved, waiting for a
 * person, or rejected with the reasons).
 */
export function createOrderReturnsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<OrderReturnsState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const orderId = get().orderId;
      if (!orderId) return;
      const mine = ++seq;
      set({ loading: true });
      try {
        const [returns, settings] = await Promise.all([
          api.call('returns.list', { orderId, review: false, limit: 100 }),
          get().settings ?? api.call('returns.settings', {}),
        ]);
        if (mine === seq && get().orderId === orderId) set({ returns, settings, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq && get().orderId === orderId) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), ORDER_RETURNS_REFETCH_MS, now);
    return {
      orderId: null,
      returns: [],
      settings: null,
      loaded: false,
      loading: false,
      error: null,
      form: null,
      problems: [],
      submitting: false,
      submitError: null,
      result: null,
      async orderShown(orderId) {
        if (orderId === get().orderId) return;
        seq++;
        set({
          orderId,
          returns: [],
          loaded: false,
          loading: false,
          error: null,
          form: null,
          problems: [],
          submitting: false,
          submitError: null,
          result: null,
        });
        await load();
      },
      refreshRequested: load,
      formOpened: (order) => set({ form: newReturnForm(order, get().returns), problems: [], submitError: null, result: null }),
      formChanged: (form) => set({ form, problems: get().problems.length ? returnFormProblems(form) : [] }),
      formClosed: () => set({ form: null, problems: [], submitError: null }),
      async submitted() {
        const { form, orderId, submitting } = get();
        if (!form || !orderId || submitting) return false;
        const problems = returnFormProblems(form);
        if (problems.length) {
          set({ problems });
          return false;
        }
        set({ submitting: true, submitError: null, problems: [] });
        try {
          const result = await api.call('returns.request', toReturnRequest(orderId, form));
          if (get().orderId !== orderId) return true;
          set({ submitting: false, form: null, result, returns: [result, ...get().returns.filter((r) => r.id !== result.id)] });
          return true;
        } catch (e) {
          set({ submitting: false, submitError: message(e) });
          return false;
        }
      },
      resultDismissed: () => set({ result: null }),
      liveEventReceived(event) {
        if (!get().orderId) return;
        if (event.type === 'desk.resync' || (event.type === 'order.changed' && event.orderId === get().orderId)) loadSoon();
      },
    };
  });
}

/** The label of a return reason's code, from the settings' list (the code itself when the list no longer has it). */
export const selectReasonLabel = (settings: Pick<ReturnSettings, 'reasons'> | null, code: string): string =>
  settings?.reasons.find((r) => r.code === code)?.label ?? code;

export const useOrderReturnsStore = createOrderReturnsStore(desk);
