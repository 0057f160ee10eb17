import { create } from 'zustand';
import type { DeskApi, LocationDetail } from '../../../../shared';
import { desk } from '../../api/desk-client';

export interface LocationPanelState {
  /** The location the panel shows (null: closed). */
  selectedId: string | null;
  detail: LocationDetail | null;
  loading: boolean;
  error: string | null;
  /** A pause or resume in flight. */
  busy: boolean;
  /** Why the last pause or resume was refused. */
  actionError: string | null;
  /** A location clicked on the map: opens the panel (the same one again: closes it). */
  locationClicked(id: string): void;
  panelClosed(): void;
  /** The map's numbers moved: read the open location again. */
  refreshRequested(): Promise<void>;
  pauseRequested(reason: string): Promise<boolean>;
  resumeRequested(): Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The map's location panel: one location's queue, capacity, late orders and stock-outs that matter; pause and resume. */
export function createLocationPanelStore(api: Pick<DeskApi, 'call'>) {
  return create<LocationPanelState>()((set, get) => {
    let seq = 0;
    const load = async (id: string) => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const detail = await api.call('locations.detail', { id });
        if (mine === seq && get().selectedId === id) set({ detail, loading: false, error: null });
      } catch (e) {
        if (mine === seq && get().selectedId === id) set({ loading: false, error: message(e) });
      }
    };
    const act = async (run: (id: string) => Promise<LocationDetail>) => {
      const id = get().selectedId;
      if (!id || get().busy) return false;
      set({ busy: true, actionError: null });
      try {
        const detail = await run(id);
        ++seq; // an older read in flight must not overwrite what the command answered
        if (get().selectedId === id) set({ detail, busy: false });
        else set({ busy: false });
        return true;
      } catch (e) {
        set({ busy: false, actionError: message(e) });
        return false;
      }
    };
    return {
      selectedId: null,
      detail: null,
      loading: false,
      error: null,
      busy: false,
      actionError: null,
      locationClicked(id) {
        if (get().selectedId === id) return get().panelClosed();
        set({ selectedId: id, detail: null, error: null, actionError: null });
        void load(id);
      },
      panelClosed() {
        ++seq;
        set({ selectedId: null, detail: null, loading: false, error: null, actionError: null });
      },
      async refreshRequested() {
        const id = get().selectedId;
        if (id) await load(id);
      },
      pauseRequested: (reason) => act((id) => api.call('locations.pause', { id, reason })),
      resumeRequested: () => act((id) => api.call('locations.resume', { id })),
    };
  });
}

/** The open location's detail, when it is the one selected. */
export const selectOpenDetail = (s: LocationPanelState) => (s.detail && s.detail.id === s.selectedId ? s.detail : null);

/** Capacity left today (never negative) and the share of it used. */
export function capacityToday(d: Pick<LocationDetail, 'dailyCapacity' | 'assignedToday'>): { left: number; used: number } {
  return {
    left: Math.max(0, d.dailyCapacity - d.assignedToday),
    used: d.dailyCapacity > 0 ? d.assignedToday / d.dailyCapacity : d.assignedToday > 0 ? 1 : 0,
  };
}

export const useLocationPanelStore = createLocationPanelStore(desk);
