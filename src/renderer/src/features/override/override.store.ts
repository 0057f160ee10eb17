import { create } from 'zustand';
import { mayCall, type DeskApi, type OutputOf, type OverrideOption } from '../../../../shared';
import { desk } from '../../api/desk-client';

export type OverrideOptions = OutputOf<'sourcing.overrideOptions'>;

export interface OverrideState {
  /** The order whose dialog is open, or null when closed. */
  orderId: string | null;
  options: OverrideOptions | null;
  loading: boolean;
  /** Why the options could not be loaded, or why the move was refused: the engine's own message. */
  error: string | null;
  chosen: string | null;
  /** The lines to move (by SKU); null = the whole order. */
  skus: string[] | null;
  busy: boolean;
  opened(orderId: string): Promise<void>;
  closed(): void;
  locationChosen(locationId: string): void;
  /** Ticks or unticks one line; all lines ticked is the whole order again. */
  lineToggled(sku: string, allSkus: readonly string[]): void;
  /** Moves the order; true when the engine accepted it. */
  confirmed(reason: string): Promise<boolean>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The override dialog's store: the locations the supervisor can choose from, the choice, the move. */
export function createOverrideStore(api: Pick<DeskApi, 'call'>) {
  return create<OverrideState>()((set, get) => ({
    orderId: null,
    options: null,
    loading: false,
    error: null,
    chosen: null,
    skus: null,
    busy: false,
    async opened(orderId) {
      set({ orderId, options: null, loading: true, error: null, chosen: null, skus: null, busy: false });
      try {
        const options = await api.call('sourcing.overrideOptions', { orderId });
        if (get().orderId !== orderId) return;
        set({ options, loading: false, chosen: selectFirstChoice(options.options, null) });
      } catch (e) {
        if (get().orderId === orderId) set({ loading: false, error: message(e) });
      }
    },
    closed: () => set({ orderId: null, options: null, loading: false, error: null, chosen: null, skus: null, busy: false }),
    locationChosen: (chosen) => set({ chosen, error: null }),
    lineToggled(sku, allSkus) {
      const current = get().skus ?? [...allSkus];
      const next = current.includes(sku) ? current.filter((s) => s !== sku) : [...current, sku];
      const skus = next.length === allSkus.length ? null : allSkus.filter((s) => next.includes(s));
      const options = get().options?.options ?? [];
      const chosen = get().chosen;
      const still = options.find((o) => o.locationId === chosen);
      set({ skus, error: null, chosen: still && selectCanFill(still, skus) ? chosen : selectFirstChoice(options, skus) });
    },
    async confirmed(reason) {
      const { orderId, chosen, busy, skus } = get();
      if (!orderId || !chosen || busy || !reason.trim() || (skus && skus.length === 0)) return false;
      set({ busy: true, error: null });
      try {
        await api.call('sourcing.override', { orderId, locationId: chosen, reason: reason.trim(), ...(skus ? { skus } : {}) });
        set({ orderId: null, options: null, chosen: null, skus: null, busy: false });
        return true;
      } catch (e) {
        set({ busy: false, error: message(e) });
        return false;
      }
    },
  }));
}

/** Whether a location can take the chosen lines now (all lines: the engine's own answer). */
export function selectCanFill(o: OverrideOption, skus: readonly string[] | null): boolean {
  if (!skus) return o.canFill;
  return !o.current && skus.length > 0 && o.lines.filter((l) => skus.includes(l.sku)).every((l) => l.available >= l.needed);
}

/** The option preselected: the best one that can take the chosen lines (the list is ranked by the engine). */
export function selectFirstChoice(options: readonly OverrideOption[], skus: readonly string[] | null): string | null {
  return options.find((o) => selectCanFill(o, skus))?.locationId ?? null;
}

/** Statuses in which an order can still be moved (the engine refuses the others too). */
export const OVERRIDABLE_STATUSES = ['received', 'unfillable', 'sourced'] as const;

/** Whether the desk's user may override, and the order is still movable. */
export function selectCanOverride(role: string | undefined, status: string | undefined): boolean {
  return mayCall(role, 'sourcing.override') && !!status && (OVERRIDABLE_STATUSES as readonly string[]).includes(status);
}

export const useOverrideStore = createOverrideStore(desk);
