import { create } from 'zustand';
import { EXCEPTION_KINDS, type DeskApi, type ExceptionItem, type ExceptionKind } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const INBOX_REFETCH_MS = 1_000;
export type OwnerFilter = 'all' | 'mine' | 'nobody';
/** An item's key in the desk: its kind and its id in its module. */
export const itemKey = (i: Pick<ExceptionItem, 'kind' | 'refId'>) => `${i.kind}:${i.refId}`;

export interface ExceptionInboxState {
  rows: ExceptionItem[];
  counts: Partial<Record<ExceptionKind, number>>;
  total: number;
  /** The engine's clock minus the desk's at the last load: timers count on the engine's time. */
  skewMs: number;
  kind: ExceptionKind | null;
  owner: OwnerFilter;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  busy: Record<string, true>;
  errors: Record<string, { code: string; message: string }>;
  refreshRequested(): Promise<void>;
  kindChosen(kind: ExceptionKind | null): void;
  ownerChosen(owner: OwnerFilter): void;
  takeRequested(item: ExceptionItem, steal?: boolean): Promise<boolean>;
  releaseRequested(item: ExceptionItem): Promise<boolean>;
  /** An item's own action (replay, retry, resend…) went through: the list is read again now. */
  itemActedOn(): void;
  liveEventReceived(event: DeskEvent): void;
}

const failure = (e: unknown) => ({
  code: typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'ERROR',
  message: e instanceof Error ? e.message : String(e),
});

/** The one exception inbox: what waits for a person, most overdue first, and who took what. */
export function createExceptionInboxStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ExceptionInboxState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const { kind, owner } = get();
        const page = await api.call('exceptions.list', { owner, pageSize: 200, ...(kind ? { kinds: [kind] } : {}) });
        if (mine === seq)
          set({
            rows: page.rows,
            counts: page.counts,
            total: page.total,
            skewMs: Date.parse(page.asOf) - now(),
            loaded: true,
            loading: false,
            error: null,
          });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: failure(e).message });
      }
    };
    const loadSoon = throttle(() => void load(), INBOX_REFETCH_MS, now);
    const claim = async (item: ExceptionItem, run: () => Promise<unknown>) => {
      const key = itemKey(item);
      if (get().busy[key]) return false;
      const { [key]: _old, ...errors } = get().errors;
      set({ busy: { ...get().busy, [key]: true }, errors });
      let ok = false;
      try {
        await run();
        ok = true;
      } catch (e) {
        set({ errors: { ...get().errors, [key]: failure(e) } });
      } finally {
        const { [key]: _done, ...busy } = get().busy;
        set({ busy });
      }
      await load();
      return ok;
    };
    return {
      rows: [],
      counts: {},
      total: 0,
      skewMs: 0,
      kind: null,
      owner: 'all',
      loaded: false,
      loading: false,
      error: null,
      busy: {},
      errors: {},
      refreshRequested: load,
      kindChosen(kind) {
        set({ kind });
        void load();
      },
      ownerChosen(owner) {
        set({ owner });
        void load();
      },
      takeRequested: (item, steal = false) =>
        claim(item, () => api.call('exceptions.take', { kind: item.kind, refId: item.refId, ...(steal ? { steal } : {}) })),
      releaseRequested: (item) => claim(item, () => api.call('exceptions.release', { kind: item.kind, refId: item.refId })),
      itemActedOn: () => void load(),
      liveEventReceived(event) {
        if (CONCERNS.has(event.type)) loadSoon();
      },
    };
  });
}

/** Events after which an item may have come, gone or changed hands (orders moving, inbox rows, alerts, messages, returns, prints, claims). */
const CONCERNS = new Set<string>([
  'desk.resync',
  'exceptions.claimed',
  'order.changed',
  'inbox.changed',
  'shipping.changed',
  'notifications.changed',
  'returns.changed',
  'print.changed',
]);

/** The kinds in the order the filter chips show them. */
export const KIND_ORDER: readonly ExceptionKind[] = EXCEPTION_KINDS;

export type SlaState = 'overdue' | 'soon' | 'ok';
/** Overdue past its due time; "soon" in the last quarter of its SLA (or the last 15 minutes). */
export function slaState(item: Pick<ExceptionItem, 'since' | 'slaDueAt'>, nowMs: number): SlaState {
  const due = Date.parse(item.slaDueAt);
  if (nowMs >= due) return 'overdue';
  const span = due - Date.parse(item.since);
  return due - nowMs <= Math.max(span / 4, 15 * 60_000) ? 'soon' : 'ok';
}

export const useExceptionInboxStore = createExceptionInboxStore(desk);
