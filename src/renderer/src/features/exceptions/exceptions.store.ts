import { create } from 'zustand';
import type { DeskApi, InboxDetail, InboxRow, InboxStatus } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

/** The statuses the exception inbox shows by default: rows that need a person. */
export const OPEN_STATUSES: readonly InboxStatus[] = ['quarantined', 'exception', 'held'];
export const REFETCH_INTERVAL_MS = 500;

export interface ExceptionsState {
  status: InboxStatus[];
  rows: InboxRow[];
  total: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  detail: InboxDetail | null;
  /** The body being edited for fix-and-replay (starts as the stored body). */
  draftBody: string;
  busy: boolean;
  actionError: string | null;
  statusFilterChanged(status: InboxStatus[]): void;
  rowSelected(id: string | null): void;
  bodyEdited(body: string): void;
  replayRequested(): Promise<boolean>;
  discardRequested(reason: string): Promise<boolean>;
  inboxEventReceived(): void;
  refreshRequested(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The exception inbox: quarantined and exception rows, one selected with its raw payload; fix and replay, or discard with a reason. */
export function createExceptionsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ExceptionsState>()((set, get) => {
    let seq = 0;
    const fetchRows = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const res = await api.call('inbox.list', { status: get().status, page: 0, pageSize: 200 });
        if (mine === seq) set({ rows: res.rows, total: res.total, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const fetchDetail = async (id: string) => {
      try {
        const detail = await api.call('inbox.get', { id });
        if (get().selectedId === id) set({ detail, draftBody: detail.body, actionError: null });
      } catch (e) {
        if (get().selectedId === id) set({ actionError: message(e) });
      }
    };
    const refetchSoon = throttle(() => void fetchRows(), REFETCH_INTERVAL_MS, now);
    const act = async (run: () => Promise<InboxDetail>) => {
      set({ busy: true, actionError: null });
      try {
        const detail = await run();
        set({ busy: false, detail, draftBody: detail.body });
        void fetchRows();
        return true;
      } catch (e) {
        set({ busy: false, actionError: message(e) });
        return false;
      }
    };
    return {
      status: [...OPEN_STATUSES],
      rows: [],
      total: 0,
      loading: false,
      error: null,
      selectedId: null,
      detail: null,
      draftBody: '',
      busy: false,
      actionError: null,
      statusFilterChanged(status) {
        set({ status });
        void fetchRows();
      },
      rowSelected(id) {
        set({ selectedId: id, detail: null, draftBody: '', actionError: null });
        if (id) void fetchDetail(id);
      },
      bodyEdited: (draftBody) => set({ draftBody }),
      replayRequested() {
        const { detail, draftBody } = get();
        if (!detail) return Promise.resolve(false);
        return act(() => api.call('inbox.replay', { id: detail.id, ...(draftBody !== detail.body ? { body: draftBody } : {}) }));
      },
      discardRequested(reason) {
        const { detail } = get();
        if (!detail) return Promise.resolve(false);
        return act(() => api.call('inbox.discard', { id: detail.id, reason }));
      },
      inboxEventReceived() {
        refetchSoon();
        const id = get().selectedId;
        if (id && !get().busy) void fetchDetail(id);
      },
      refreshRequested: () => void fetchRows(),
    };
  });
}

/** Whether the selected row can still be acted on. */
export const selectCanReplay = (s: Pick<ExceptionsState, 'detail'>) =>
  s.detail?.status === 'quarantined' || s.detail?.status === 'exception';
export const selectCanDiscard = (s: Pick<ExceptionsState, 'detail'>) => selectCanReplay(s) || s.detail?.status === 'held';
/** Pretty-prints a JSON body for editing; other bodies are shown as they came. */
export function formatBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export const useExceptionsStore = createExceptionsStore(desk);
