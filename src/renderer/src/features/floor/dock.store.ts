import { create } from 'zustand';
import type { DeskApi, Manifest, Shipment } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const DOCK_REFETCH_MS = 500;

/** What closing out a carrier gave: the manifest, or the engine's refusal. */
export type CloseOutResult = { kind: 'done'; manifest: Manifest } | { kind: 'error'; message: string };

export interface DockState {
  locationId: string | null;
  shipments: Shipment[];
  loading: boolean;
  error: string | null;
  /** Carrier account ids with a close-out in flight. */
  busy: Record<string, true>;
  results: Record<string, CloseOutResult>;
  locationChosen(locationId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  closedOut(carrierAccountId: string, bookPickup: boolean): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The dock of a location: shipments waiting for their carrier (ready, or label pending), and the close-out per carrier. */
export function createDockStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<DockState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const locationId = get().locationId;
      const mine = ++seq;
      if (!locationId) return set({ shipments: [], loading: false, error: null });
      set({ loading: true });
      try {
        const shipments = await api.call('shipping.dock', { locationId });
        if (mine === seq) set({ shipments, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), DOCK_REFETCH_MS, now);
    return {
      locationId: null,
      shipments: [],
      loading: false,
      error: null,
      busy: {},
      results: {},
      async locationChosen(locationId) {
        if (locationId === get().locationId) return;
        set({ locationId, shipments: [], results: {}, error: null });
        await load();
      },
      refreshRequested: load,
      async closedOut(carrierAccountId, bookPickup) {
        const locationId = get().locationId;
        if (!locationId || get().busy[carrierAccountId]) return false;
        set({ busy: { ...get().busy, [carrierAccountId]: true } });
        let ok = false;
        try {
          const manifest = await api.call('shipping.manifest', { locationId, carrierAccountId, bookPickup });
          set({ results: { ...get().results, [carrierAccountId]: { kind: 'done', manifest } } });
          ok = true;
        } catch (e) {
          set({ results: { ...get().results, [carrierAccountId]: { kind: 'error', message: message(e) } } });
        } finally {
          const { [carrierAccountId]: _done, ...busy } = get().busy;
          set({ busy });
        }
        await load();
        return ok;
      },
      liveEventReceived(event) {
        const loc = get().locationId;
        if (!loc) return;
        if (event.type === 'desk.resync') loadSoon();
        else if (event.type === 'shipping.changed' && event.locationId === loc) loadSoon();
      },
    };
  });
}

/** One carrier at the dock: its shipments, how many are ready to hand over and how many still wait for a label. */
export interface DockCarrier {
  carrierAccountId: string;
  carrierName: string;
  ready: number;
  pending: number;
  shipments: Shipment[];
}

/** The dock by carrier account (shipments without one are not the dock's to close out), the most ready first. */
export function selectDockCarriers(shipments: readonly Shipment[]): DockCarrier[] {
  const by = new Map<string, DockCarrier>();
  for (const s of shipments) {
    if (!s.carrierAccountId) continue;
    const c = by.get(s.carrierAccountId) ?? {
      carrierAccountId: s.carrierAccountId,
      carrierName: s.carrierName,
      ready: 0,
      pending: 0,
      shipments: [],
    };
    if (s.status === 'ready') c.ready++;
    else c.pending++;
    c.shipments.push(s);
    by.set(s.carrierAccountId, c);
  }
  return [...by.values()]
    .map((c) => ({
      ...c,
      shipments: [...c.shipments].sort((a, b) => a.orderNumber - b.orderNumber || (a.parcelCode ?? '').localeCompare(b.parcelCode ?? '')),
    }))
    .sort((a, b) => b.ready - a.ready || a.carrierName.localeCompare(b.carrierName));
}

export const useDockStore = createDockStore(desk);
