import { create } from 'zustand';
import type { DeskApi, Order, Pickup, PrintJob } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';

export const PICKUP_REFETCH_MS = 500;
/** A pickup this close to its expiry is flagged at the counter. */
export const EXPIRING_SOON_MS = 4 * 60 * 60 * 1000;
/** How many packed orders are looked at for store pickup (a counter has a handful). */
const CANDIDATES = 50;

/** What the counter says after a hand-over: collected (all or part), or the engine's refusal (wrong code, tries left). */
export type HandoverResult = { kind: 'done'; pickup: Pickup; order: Order } | { kind: 'error'; message: string };

export interface HandoverDraft {
  code: string;
  /** Units per SKU the customer takes; absent = all that is left. */
  units?: Record<string, number>;
  declineRest: boolean;
}

export interface PickupState {
  locationId: string | null;
  pickups: Pickup[];
  /** Packed store-pickup orders at this location not yet made ready. */
  toReady: Order[];
  loading: boolean;
  error: string | null;
  busy: Record<string, true>;
  /** The code and QR of a pickup just made ready: shown once, to give to the customer. */
  shown: { pickup: Pickup; printJob: PrintJob | null } | null;
  results: Record<string, HandoverResult>;
  readyError: Record<string, string>;
  locationChosen(locationId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  readyRequested(orderId: string): Promise<void>;
  shownDismissed(): void;
  handoverSubmitted(pickup: Pickup, draft: HandoverDraft): Promise<boolean>;
  /** A supervisor's new code for a locked pickup (shown once, like a new one). */
  codeReissued(orderId: string): Promise<void>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The pickup counter of a store: ready pickups, making packed ones ready, and the hand-over with the customer's code. */
export function createPickupStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<PickupState>()((set, get) => {
    let seq = 0;
    // Delivery types learnt from order details: they never change, so each order is asked once.
    const storePickup = new Map<string, boolean>();
    const load = async () => {
      const locationId = get().locationId;
      const mine = ++seq;
      if (!locationId) return set({ pickups: [], toReady: [], loading: false, error: null });
      set({ loading: true });
      try {
        const [pickups, packed] = await Promise.all([
          api.call('pickup.list', { locationId }),
          api.call('orders.list', { locationId, status: ['packed'], pageSize: CANDIDATES, sort: 'createdAt', dir: 'asc' }),
        ]);
        const ready = new Set(pickups.map((p) => p.orderId));
        const open = packed.rows.filter((o) => !ready.has(o.id));
        await Promise.all(
          open
            .filter((o) => !storePickup.has(o.id))
            .map(async (o) => {
              const d = await api.call('orders.get', { id: o.id });
              storePickup.set(o.id, d.intake.deliveryType === 'store_pickup' && (d.intake.pickupLocationId ?? locationId) === locationId);
            }),
        );
        if (mine === seq)
          set({ pickups: sortPickups(pickups), toReady: open.filter((o) => storePickup.get(o.id)), loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), PICKUP_REFETCH_MS, now);
    const withBusy = async <T>(id: string, run: () => Promise<T>): Promise<T> => {
      set({ busy: { ...get().busy, [id]: true } });
      try {
        return await run();
      } finally {
        const { [id]: _done, ...busy } = get().busy;
        set({ busy });
      }
    };
    return {
      locationId: null,
      pickups: [],
      toReady: [],
      loading: false,
      error: null,
      busy: {},
      shown: null,
      results: {},
      readyError: {},
      async locationChosen(locationId) {
        if (locationId === get().locationId && !get().error && (get().pickups.length || get().toReady.length)) return;
        set({ locationId, pickups: [], toReady: [], shown: null, results: {}, readyError: {}, error: null });
        await load();
      },
      refreshRequested: load,
      async readyRequested(orderId) {
        if (get().busy[orderId]) return;
        const { [orderId]: _was, ...readyError } = get().readyError;
        set({ readyError });
        await withBusy(orderId, async () => {
          try {
            const r = await api.call('pickup.ready', { orderId });
            set({ shown: { pickup: r.pickup, printJob: r.printJob } });
          } catch (e) {
            set({ readyError: { ...get().readyError, [orderId]: message(e) } });
          }
        });
        await load();
      },
      shownDismissed: () => set({ shown: null }),
      async handoverSubmitted(pickup, draft) {
        const id = pickup.orderId;
        if (get().busy[id]) return false;
        const lines = draft.units
          ? Object.entries(draft.units)
              .filter(([, q]) => q > 0)
              .map(([sku, quantity]) => ({ sku, quantity }))
          : undefined;
        const ok = await withBusy(id, async () => {
          try {
            const r = await api.call('pickup.handover', {
              orderId: id,
              code: draft.code.trim(),
              ...(lines?.length ? { lines } : {}),
              declineRest: draft.declineRest,
            });
            set({ results: { ...get().results, [id]: { kind: 'done', pickup: r.pickup, order: r.order } } });
            return true;
          } catch (e) {
            set({ results: { ...get().results, [id]: { kind: 'error', message: message(e) } } });
            return false;
          }
        });
        await load();
        return ok;
      },
      async codeReissued(orderId) {
        await withBusy(orderId, async () => {
          try {
            const pickup = await api.call('pickup.reissueCode', { orderId });
            set({ shown: { pickup, printJob: null } });
          } catch (e) {
            set({ results: { ...get().results, [orderId]: { kind: 'error', message: message(e) } } });
          }
        });
        await load();
      },
      liveEventReceived(event) {
        const loc = get().locationId;
        if (!loc) return;
        if (event.type === 'desk.resync') loadSoon();
        else if (event.type === 'floor.changed' && event.locationId === loc) loadSoon();
        else if (event.type === 'order.changed' && event.locationId === loc) loadSoon();
      },
    };
  });
}

/** The counter's order: the soonest to expire first. */
export const sortPickups = (pickups: readonly Pickup[]): Pickup[] =>
  [...pickups].sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.orderNumber - b.orderNumber);

/** Whether a pickup is about to expire (a no-show soon): flagged so the counter calls the customer. */
export const selectExpiringSoon = (p: Pick<Pickup, 'expiresAt'>, now: number): boolean => Date.parse(p.expiresAt) - now < EXPIRING_SOON_MS;

/** Units still to hand over per SKU. */
export const selectRemaining = (p: Pick<Pickup, 'lines'>): Record<string, number> =>
  Object.fromEntries(p.lines.map((l) => [l.sku, Math.max(0, l.quantity - l.collected)]));

export const usePickupStore = createPickupStore(desk);
