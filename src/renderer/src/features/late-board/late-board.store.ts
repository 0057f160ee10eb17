import { create } from 'zustand';
import type { DeskApi, DelayReason, LateBoard, ShipmentAlert } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const LATE_BOARD_REFETCH_MS = 1_000;

/** One group of the board picked to narrow the alerts list: a reason, a carrier, or both. */
export interface LateFilter {
  reason: DelayReason | null;
  carrier: string | null;
}

export interface LateBoardState {
  board: LateBoard | null;
  loading: boolean;
  error: string | null;
  filter: LateFilter;
  /** Alert ids with a resolve in flight. */
  busy: Record<string, true>;
  /** Why resolving an alert was refused, by alert id. */
  errors: Record<string, string>;
  refreshRequested(): Promise<void>;
  filterChanged(filter: LateFilter): void;
  alertResolved(alertId: string, note?: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
export const NO_FILTER: LateFilter = { reason: null, carrier: null };

/** The "why late" board: open shipment alerts grouped by reason and carrier, the alerts themselves, and on-time rates. */
export function createLateBoardStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<LateBoardState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const board = await api.call('shipping.lateBoard', {});
        if (mine === seq) set({ board, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), LATE_BOARD_REFETCH_MS, now);
    return {
      board: null,
      loading: false,
      error: null,
      filter: NO_FILTER,
      busy: {},
      errors: {},
      refreshRequested: load,
      filterChanged: (filter) => set({ filter }),
      async alertResolved(alertId, note) {
        if (get().busy[alertId]) return false;
        const { [alertId]: _old, ...errors } = get().errors;
        set({ busy: { ...get().busy, [alertId]: true }, errors });
        let ok = false;
        try {
          const trimmed = note?.trim();
          await api.call('shipping.resolveAlert', { alertId, ...(trimmed ? { note: trimmed } : {}) });
          ok = true;
        } catch (e) {
          set({ errors: { ...get().errors, [alertId]: message(e) } });
        } finally {
          const { [alertId]: _done, ...busy } = get().busy;
          set({ busy });
        }
        await load();
        return ok;
      },
      liveEventReceived(event) {
        // Every shipment move may raise or clear an alert, or deliver one late or on time.
        if (event.type === 'shipping.changed' || event.type === 'desk.resync') loadSoon();
      },
    };
  });
}

/** The alerts the filter keeps, the longest open first. */
export function selectAlerts(board: LateBoard | null, filter: LateFilter): ShipmentAlert[] {
  if (!board) return [];
  return board.alerts
    .filter((a) => a.status === 'open')
    .filter((a) => (!filter.reason || a.reason === filter.reason) && (!filter.carrier || a.carrier === filter.carrier))
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.orderNumber - b.orderNumber);
}

/** Whether a group is the one picked. */
export const isPicked = (filter: LateFilter, g: { reason: DelayReason; carrier: string }): boolean =>
  filter.reason === g.reason && filter.carrier === g.carrier;

/** A carrier's on-time rows: its total over every region, then each region, the worst first (where to look). */
export interface CarrierOnTime {
  carrier: string;
  delivered: number;
  onTime: number;
  rate: number;
  regions: { region: string; delivered: number; onTime: number; rate: number }[];
}

export function selectOnTimeByCarrier(board: LateBoard | null): CarrierOnTime[] {
  if (!board) return [];
  const by = new Map<string, CarrierOnTime>();
  for (const r of board.onTime) {
    const c = by.get(r.carrier) ?? { carrier: r.carrier, delivered: 0, onTime: 0, rate: 0, regions: [] };
    c.delivered += r.delivered;
    c.onTime += r.onTime;
    c.regions.push({ region: r.region, delivered: r.delivered, onTime: r.onTime, rate: r.rate });
    by.set(r.carrier, c);
  }
  return [...by.values()]
    .map((c) => ({
      ...c,
      rate: c.delivered ? c.onTime / c.delivered : 0,
      regions: c.regions.sort((a, b) => a.rate - b.rate || a.region.localeCompare(b.region)),
    }))
    .sort((a, b) => a.rate - b.rate || a.carrier.localeCompare(b.carrier));
}

/** The carrier names the board knows (the on-time rows name carriers by their code only). */
export function carrierNames(board: LateBoard | null): Record<string, string> {
  const names: Record<string, string> = {};
  for (const g of board?.groups ?? []) names[g.carrier] = g.carrierName;
  for (const a of board?.alerts ?? []) names[a.carrier] = a.carrierName;
  return names;
}

export const useLateBoardStore = createLateBoardStore(desk);
