import { create } from 'zustand';
import type { DeskApi, Return, ReturnRefusal, ReturnSettings } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

/** Every return event touches its order (order.changed): the view looks again at most this often. */
export const APPROVALS_REFETCH_MS = 1000;
/** How many recent returns the second tab shows. */
export const RECENT_LIMIT = 100;

export type Decision = 'approve' | 'reject';

export interface ApprovalsState {
  /** Returns waiting for a person, the most overdue first. */
  queue: Return[];
  /** The latest returns, any status. */
  recent: Return[];
  /** The reasons list's labels (read once). */
  settings: ReturnSettings | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The queue's chosen rows (by return id). */
  selected: Record<string, true>;
  /** The decision being confirmed (its reason asked for), if any. */
  deciding: Decision | null;
  reason: string;
  /** The reject was sent without a reason. */
  reasonMissing: boolean;
  busy: boolean;
  /** Why the engine did not decide a return for this person (by id), from the last decision. */
  refused: Record<string, ReturnRefusal>;
  /** The return numbers the last decision went through for. */
  decided: { decision: Decision; numbers: number[] } | null;
  /** The engine's refusal of the whole decision (a validation, a lost connection). */
  decideError: string | null;
  /** Loads the queue and the recent returns (the view was opened, or a person asked). */
  refreshRequested(): Promise<void>;
  rowToggled(id: string): void;
  /** Chooses every row of the queue, or none when all are chosen. */
  allToggled(): void;
  decisionStarted(decision: Decision): void;
  reasonChanged(reason: string): void;
  decisionCancelled(): void;
  decisionConfirmed(): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The return approvals: the queue of returns waiting for review (with their SLA), chosen rows
 * approved or rejected together — a reject needs a reason — and the refusals the engine gives
 * per return (above this person's approval limit, decided meanwhile by someone else) kept beside
 * their rows; and the recent returns of any status.
 */
export function createApprovalsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ApprovalsState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const [queue, recent, settings] = await Promise.all([
          api.call('returns.list', { review: true, limit: 500 }),
          api.call('returns.list', { review: false, limit: RECENT_LIMIT }),
          get().settings ?? api.call('returns.settings', {}),
        ]);
        if (mine !== seq) return;
        const waiting = new Set(queue.map((r) => r.id));
        // A row that left the queue (decided here or elsewhere) is no longer chosen, nor its refusal shown.
        const selected = Object.fromEntries(
          Object.keys(get().selected)
            .filter((id) => waiting.has(id))
            .map((id) => [id, true as const]),
        );
        const refused = Object.fromEntries(Object.entries(get().refused).filter(([id]) => waiting.has(id)));
        set({ queue, recent, settings, selected, refused, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), APPROVALS_REFETCH_MS, now);
    return {
      queue: [],
      recent: [],
      settings: null,
      loaded: false,
      loading: false,
      error: null,
      selected: {},
      deciding: null,
      reason: '',
      reasonMissing: false,
      busy: false,
      refused: {},
      decided: null,
      decideError: null,
      refreshRequested: load,
      rowToggled(id) {
        const { [id]: was, ...rest } = get().selected;
        set({ selected: was ? rest : { ...rest, [id]: true } });
      },
      allToggled() {
        const all = get().queue.every((r) => get().selected[r.id]);
        set({ selected: all ? {} : Object.fromEntries(get().queue.map((r) => [r.id, true as const])) });
      },
      decisionStarted: (deciding) => set({ deciding, reasonMissing: false, decideError: null }),
      reasonChanged: (reason) => set({ reason, reasonMissing: false }),
      decisionCancelled: () => set({ deciding: null, reasonMissing: false }),
      async decisionConfirmed() {
        const { deciding: decision, busy } = get();
        const ids = selectSelectedIds(get());
        if (!decision || busy || !ids.length) return false;
        const reason = get().reason.trim();
        if (decision === 'reject' && !reason) {
          set({ reasonMissing: true });
          return false;
        }
        set({ busy: true, decideError: null, decided: null });
        try {
          const r = await api.call('returns.decide', { ids, decision, ...(reason ? { reason } : {}) });
          set({
            busy: false,
            deciding: null,
            reason: '',
            selected: Object.fromEntries(r.refused.map((x) => [x.id, true as const])),
            refused: Object.fromEntries(r.refused.map((x) => [x.id, x])),
            decided: { decision, numbers: r.decided.map((x) => x.number) },
          });
          await load();
          return r.decided.length > 0;
        } catch (e) {
          set({ busy: false, decideError: message(e) });
          return false;
        }
      },
      liveEventReceived(event) {
        if (event.type === 'desk.resync' || event.type === 'order.changed') loadSoon();
      },
    };
  });
}

/** The chosen rows still in the queue, in the queue's order. */
export const selectSelectedIds = (s: Pick<ApprovalsState, 'queue' | 'selected'>): string[] =>
  s.queue.filter((r) => s.selected[r.id]).map((r) => r.id);

/** Whether a waiting return is past its SLA. */
export const selectOverdue = (r: Pick<Return, 'dueAt'>, now: number): boolean => !!r.dueAt && Date.parse(r.dueAt) < now;

export const useApprovalsStore = createApprovalsStore(desk);
