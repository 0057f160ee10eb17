import { create } from 'zustand';
import type { DeskApi, ShipmentAlert } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const ALERTS_REFETCH_MS = 1_000;

export interface ShippingAlertsState {
  alerts: ShipmentAlert[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  busy: Record<string, true>;
  errors: Record<string, string>;
  refreshRequested(): Promise<void>;
  alertResolved(alertId: string, note?: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The exception inbox's shipping part: open shipment alerts (late, stuck, refused labels), each resolved in one click. */
export function createShippingAlertsStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ShippingAlertsState>()((set, get) => {
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      set({ loading: true });
      try {
        const alerts = await api.call('shipping.alerts', { status: 'open', limit: 200 });
        if (mine === seq) set({ alerts: sortAlerts(alerts), loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), ALERTS_REFETCH_MS, now);
    return {
      alerts: [],
      loaded: false,
      loading: false,
      error: null,
      busy: {},
      errors: {},
      refreshRequested: load,
      async alertResolved(alertId, note) {
        if (get().busy[alertId]) return false;
        const { [alertId]: _old, ...errors } = get().errors;
        set({ busy: { ...get().busy, [alertId]: true }, errors });
        let ok = false;
        try {
          const trimmed = note?.trim();
          await api.call('shipping.resolveAlert', { alertId, ...(trimmed ? { note: trimmed } : {}) });
          // Gone from the open list at once; the reload confirms.
          set({ alerts: get().alerts.filter((a) => a.id !== alertId) });
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
        // An alert raised or resolved names its reason; any shipment move may resolve one on its own (delivered).
        if (event.type === 'shipping.changed' || event.type === 'desk.resync') loadSoon();
      },
    };
  });
}

/** The longest open first. */
export const sortAlerts = (alerts: readonly ShipmentAlert[]): ShipmentAlert[] =>
  [...alerts].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.orderNumber - b.orderNumber);

export const useShippingAlertsStore = createShippingAlertsStore(desk);
