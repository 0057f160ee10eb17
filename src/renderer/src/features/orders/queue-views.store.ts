import { create } from 'zustand';
import type { DeskApi, QueueView, QueueViewQuery } from '../../../../shared';
import { desk } from '../../api/desk-client';
import { INITIAL_QUERY, type QueueQuery } from './order-query';

/** What a saved view keeps of the queue's state: filters and sort, empty ones left out. */
export function toViewQuery(q: QueueQuery): QueueViewQuery {
  const search = q.search.trim();
  return {
    sort: q.sort,
    dir: q.dir,
    ...(q.status.length ? { status: [...q.status] } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.locationId ? { locationId: q.locationId } : {}),
    ...(search ? { search } : {}),
    ...(q.urgency ? { urgency: q.urgency } : {}),
  };
}

/** The queue's state a saved view opens: its filters and sort from the first page, at the planner's page size. */
export function fromViewQuery(v: QueueViewQuery, pageSize: number): QueueQuery {
  return {
    ...INITIAL_QUERY,
    pageSize,
    sort: v.sort,
    dir: v.dir,
    status: v.status ?? [],
    channel: v.channel ?? null,
    locationId: v.locationId ?? null,
    search: v.search ?? '',
    urgency: v.urgency ?? null,
  };
}

/** The view whose filters and sort are the queue's now, if any. */
export function matchingView(views: readonly QueueView[], q: QueueQuery): QueueView | undefined {
  const key = JSON.stringify(toViewQuery(q));
  return views.find((v) => JSON.stringify(toViewQuery(fromViewQuery(v.query, q.pageSize))) === key);
}

export interface QueueViewsState {
  views: QueueView[];
  error: string | null;
  busy: boolean;
  loadRequested(): Promise<void>;
  /** Saves the queue's state under a name (replacing a view of that name); true when saved. */
  saveRequested(name: string, query: QueueQuery): Promise<boolean>;
  deleteRequested(id: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The signed-in person's saved queue views, kept by the engine so they follow them to any desk. */
export function createQueueViewsStore(api: Pick<DeskApi, 'call'>) {
  return create<QueueViewsState>()((set, get) => {
    const load = async () => {
      try {
        set({ views: await api.call('orders.views.list', {}), error: null });
      } catch (e) {
        set({ error: message(e) });
      }
    };
    const act = async (work: () => Promise<unknown>): Promise<boolean> => {
      if (get().busy) return false;
      set({ busy: true, error: null });
      try {
        await work();
        await load();
        return true;
      } catch (e) {
        set({ error: message(e) });
        return false;
      } finally {
        set({ busy: false });
      }
    };
    return {
      views: [],
      error: null,
      busy: false,
      loadRequested: load,
      saveRequested: (name, query) => act(() => api.call('orders.views.save', { name: name.trim(), query: toViewQuery(query) })),
      deleteRequested: async (id) => void (await act(() => api.call('orders.views.delete', { id }))),
    };
  });
}

export const useQueueViewsStore = createQueueViewsStore(desk);
