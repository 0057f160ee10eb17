import { create } from 'zustand';
import type { DeskApi, PrintJob, RateOption, Shipment, ShippingDecision } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { optionKey } from './shipment-view';

export const SHIPPING_REFETCH_MS = 300;

/** The supervisor's "Change carrier" dialog for what the order packed at one location: live quotes, then a choice with a reason. */
export interface ChangeCarrier {
  locationId: string;
  options: RateOption[] | null;
  loading: boolean;
  error: string | null;
  /** The option picked (`optionKey`), preset to the current choice. */
  picked: string | null;
}

/** What the last action on a shipment gave, shown beside it. */
export type ShipmentNotice = { kind: 'printed'; printer: string | null } | { kind: 'error'; message: string };

export interface ShippingState {
  orderId: string | null;
  decisions: ShippingDecision[];
  shipments: Shipment[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** Shipment ids (and `choose`) with a call in flight. */
  busy: Record<string, true>;
  notices: Record<string, ShipmentNotice>;
  change: ChangeCarrier | null;
  changeError: string | null;
  orderShown(orderId: string | null): Promise<void>;
  refreshRequested(): Promise<void>;
  changeOpened(locationId: string): Promise<void>;
  optionPicked(key: string): void;
  changeClosed(): void;
  /** Chooses the picked option with the supervisor's reason; true when the engine took it. */
  carrierChosen(reason: string): Promise<boolean>;
  labelPrinted(shipmentId: string, reason: string): Promise<boolean>;
  labelRetried(shipmentId: string): Promise<boolean>;
  shipmentCancelled(shipmentId: string, reason: string): Promise<boolean>;
  liveEventReceived(event: DeskEvent): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An order's shipping: the rate shop's decisions, its shipments with their tracking, and the actions on them. */
export function createShippingStore(api: Pick<DeskApi, 'call'>, now: () => number = Date.now) {
  return create<ShippingState>()((set, get) => {
    let seq = 0;
    let quoteSeq = 0;
    const load = async () => {
      const orderId = get().orderId;
      const mine = ++seq;
      if (!orderId) return;
      set({ loading: true });
      try {
        const r = await api.call('shipping.forOrder', { orderId });
        if (mine === seq) set({ decisions: r.decisions, shipments: r.shipments, loaded: true, loading: false, error: null });
      } catch (e) {
        if (mine === seq) set({ loading: false, error: message(e) });
      }
    };
    const loadSoon = throttle(() => void load(), SHIPPING_REFETCH_MS, now);
    /** Runs one action on a shipment; its outcome (or refusal) becomes the shipment's notice; reloads after. */
    const onShipment = async (id: string, run: () => Promise<ShipmentNotice | null>): Promise<boolean> => {
      if (get().busy[id]) return false;
      const { [id]: _old, ...notices } = get().notices;
      set({ busy: { ...get().busy, [id]: true }, notices });
      let ok = false;
      try {
        const notice = await run();
        if (notice) set({ notices: { ...get().notices, [id]: notice } });
        ok = true;
      } catch (e) {
        set({ notices: { ...get().notices, [id]: { kind: 'error', message: message(e) } } });
      } finally {
        const { [id]: _done, ...busy } = get().busy;
        set({ busy });
      }
      await load();
      return ok;
    };
    const printed = (job: PrintJob): ShipmentNotice => ({ kind: 'printed', printer: job.printerName });
    return {
      orderId: null,
      decisions: [],
      shipments: [],
      loaded: false,
      loading: false,
      error: null,
      busy: {},
      notices: {},
      change: null,
      changeError: null,
      async orderShown(orderId) {
        if (orderId === get().orderId) return;
        seq++;
        quoteSeq++;
        set({ orderId, decisions: [], shipments: [], loaded: false, error: null, notices: {}, change: null, changeError: null });
        await load();
      },
      refreshRequested: load,
      async changeOpened(locationId) {
        const orderId = get().orderId;
        if (!orderId) return;
        const mine = ++quoteSeq;
        const current = get().decisions.find((d) => d.locationId === locationId);
        const picked = current ? optionKey({ carrierAccountId: current.carrierAccountId, service: current.service }) : null;
        set({ change: { locationId, options: null, loading: true, error: null, picked }, changeError: null });
        try {
          const options = await api.call('shipping.quote', { orderId, locationId });
          const c = get().change;
          if (mine === quoteSeq && c) set({ change: { ...c, options, loading: false } });
        } catch (e) {
          const c = get().change;
          if (mine === quoteSeq && c) set({ change: { ...c, loading: false, error: message(e) } });
        }
      },
      optionPicked(key) {
        const c = get().change;
        if (c) set({ change: { ...c, picked: key }, changeError: null });
      },
      changeClosed() {
        quoteSeq++;
        set({ change: null, changeError: null });
      },
      async carrierChosen(reason) {
        const { orderId, change } = get();
        const option = change?.options?.find((o) => optionKey(o) === change.picked);
        if (!orderId || !change || !option || get().busy.choose) return false;
        set({ busy: { ...get().busy, choose: true }, changeError: null });
        try {
          await api.call('shipping.choose', {
            orderId,
            locationId: change.locationId,
            carrierAccountId: option.carrierAccountId,
            service: option.service,
            reason: reason.trim(),
          });
          set({ change: null });
          return true;
        } catch (e) {
          set({ changeError: message(e) });
          return false;
        } finally {
          const { choose: _done, ...busy } = get().busy;
          set({ busy });
          await load();
        }
      },
      labelPrinted: (shipmentId, reason) =>
        onShipment(shipmentId, async () => printed(await api.call('shipping.printLabel', { shipmentId, reason: reason.trim() }))),
      labelRetried: (shipmentId) =>
        onShipment(shipmentId, async () => {
          await api.call('shipping.retryLabel', { shipmentId });
          return null;
        }),
      shipmentCancelled: (shipmentId, reason) =>
        onShipment(shipmentId, async () => {
          await api.call('shipping.cancel', { shipmentId, reason: reason.trim() });
          return null;
        }),
      liveEventReceived(event) {
        const orderId = get().orderId;
        if (!orderId) return;
        if (event.type === 'desk.resync') loadSoon();
        else if ((event.type === 'shipping.changed' || event.type === 'order.changed') && event.orderId === orderId) loadSoon();
      },
    };
  });
}

/** The shipments the rate shop's decision for a location covers (a decision per packing location). */
export const selectShipmentsAt = (s: Pick<ShippingState, 'shipments'>, locationId: string): Shipment[] =>
  s.shipments.filter((x) => x.locationId === locationId);

/** Whether there is anything about shipping to show for this order yet. */
export const selectHasShipping = (s: Pick<ShippingState, 'decisions' | 'shipments'>): boolean =>
  s.decisions.length > 0 || s.shipments.length > 0;

/** The order detail's shipping section. */
export const useShippingStore = createShippingStore(desk);
