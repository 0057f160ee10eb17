import { create } from 'zustand';
import type { DeskApi, EngineEvent, OutputOf } from '../../../../shared';
import { desk } from '../../api/desk-client';

export interface InventoryState {
  sku: string;
  quantity: number;
  atp: OutputOf<'inventory.atp'> | null;
  selectedLocation: string | null;
  ledger: OutputOf<'inventory.ledger'> | null;
  reconciliation: OutputOf<'inventory.reconciliation'> | null;
  loading: boolean;
  error: string | null;
  skuLookedUp(sku: string, quantity: number): Promise<void>;
  locationSelected(locationId: string): Promise<void>;
  reconciliationRequested(): Promise<void>;
  /** A feed or receipt changed stock: refetch what the view shows if it is affected. */
  inventoryEventReceived(e: Extract<EngineEvent, { type: 'inventory.changed' }>): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The Inventory view's store: a SKU in, its ATP (per location, network, channel), one location's ledger and the last reconciliation out. */
export function createInventoryStore(api: Pick<DeskApi, 'call'>) {
  return create<InventoryState>()((set, get) => {
    let seq = 0;
    return {
      sku: '',
      quantity: 1,
      atp: null,
      selectedLocation: null,
      ledger: null,
      reconciliation: null,
      loading: false,
      error: null,
      async skuLookedUp(raw, quantity) {
        const sku = raw.trim();
        if (!sku) return;
        const mine = ++seq;
        set({ sku, quantity, loading: true, error: null, ledger: null, selectedLocation: null });
        try {
          const atp = await api.call('inventory.atp', { sku, quantity });
          if (mine === seq) set({ atp, loading: false });
        } catch (e) {
          if (mine === seq) set({ atp: null, loading: false, error: message(e) });
        }
      },
      async locationSelected(locationId) {
        const { sku } = get();
        set({ selectedLocation: locationId, ledger: null });
        try {
          const ledger = await api.call('inventory.ledger', { locationId, sku, limit: 100 });
          if (get().selectedLocation === locationId && get().sku === sku) set({ ledger });
        } catch (e) {
          set({ error: message(e) });
        }
      },
      inventoryEventReceived(e) {
        const { sku, quantity, selectedLocation, atp } = get();
        if (e.cause === 'snapshot') void get().reconciliationRequested();
        if (!atp || !(e.more || e.skus.includes(sku))) return;
        void api.call('inventory.atp', { sku, quantity }).then(
          (fresh) => get().sku === sku && set({ atp: fresh }),
          () => undefined,
        );
        if (selectedLocation) void get().locationSelected(selectedLocation);
      },
      async reconciliationRequested() {
        try {
          set({ reconciliation: await api.call('inventory.reconciliation', { limit: 200 }) });
        } catch (e) {
          set({ error: message(e) });
        }
      },
    };
  });
}

export const useInventoryStore = createInventoryStore(desk);
