import { create } from 'zustand';
import type { CatalogItem, DeskApi, Order, SkuAvailability } from '../../../../shared';
import { desk, type DeskEvent } from '../../api/desk-client';
import { throttle } from '../../lib/throttle';
import { draftOf, emptyForm, parseCoords, type EntryForm, type EntryItem } from './entry-draft';

/** Locations listed per SKU: enough to find a pickup store that has every item. */
export const AVAILABILITY_LOCATIONS = 20;

export interface OrderEntryState {
  form: EntryForm;
  items: EntryItem[];
  query: string;
  results: CatalogItem[];
  availability: Record<string, SkuAvailability>;
  submitting: boolean;
  created: Order | null;
  error: string | null;
  missing: string[];
  /** One per form: a double submit places one order. */
  formKey: string;
  fieldChanged<K extends keyof EntryForm>(field: K, value: EntryForm[K]): void;
  pointPicked(lat: number, lng: number): void;
  queryChanged(q: string): void;
  itemAdded(p: CatalogItem): void;
  quantityChanged(sku: string, quantity: number): void;
  itemRemoved(sku: string): void;
  availabilityRequested(): void;
  /** A live event or the resync: availability is refreshed (throttled) when orders or locations changed, and after a resync. */
  liveEventReceived(event: DeskEvent): void;
  submitted(): Promise<Order | null>;
  resetRequested(): void;
}

const key = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function createOrderEntryStore(api: Pick<DeskApi, 'call'>, searchDelayMs = 200) {
  return create<OrderEntryState>()((set, get) => {
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    let searchSeq = 0;
    let availSeq = 0;
    const loadAvailability = async () => {
      const skus = get().items.map((i) => i.sku);
      if (skus.length === 0) return set({ availability: {} });
      const c = parseCoords(get().form.coords);
      const mine = ++availSeq;
      try {
        const list = await api.call('availability.query', {
          skus,
          near: c && c !== 'bad' ? c : undefined,
          limit: AVAILABILITY_LOCATIONS,
          // Units ring-fenced for this channel are its to promise.
          channel: get().form.channel,
        });
        if (mine === availSeq) set({ availability: Object.fromEntries(list.map((a) => [a.sku, a])) });
      } catch (e) {
        if (mine === availSeq) set({ error: e instanceof Error ? e.message : String(e) });
      }
    };
    const availabilitySoon = throttle(() => void loadAvailability(), 300);
    return {
      form: emptyForm(),
      items: [],
      query: '',
      results: [],
      availability: {},
      submitting: false,
      created: null,
      error: null,
      missing: [],
      formKey: key(),
      fieldChanged(field, value) {
        const form = { ...get().form, [field]: value };
        if (field === 'channel' && /^(CC|EA)-\d{8}-[0-9A-Z]{6}$/.test(form.reference)) {
          // A generated reference follows the channel; a typed one is kept.
          form.reference = form.reference.replace(/^(CC|EA)-/, value === 'call_center' ? 'CC-' : 'EA-');
        }
        set({ form, missing: [] });
        if (field === 'coords' || field === 'channel') availabilitySoon();
      },
      pointPicked(lat, lng) {
        get().fieldChanged('coords', `${lat.toFixed(5)}, ${lng.toFixed(5)}`);
      },
      queryChanged(q) {
        set({ query: q });
        clearTimeout(searchTimer);
        if (!q.trim()) return set({ results: [] });
        searchTimer = setTimeout(async () => {
          const mine = ++searchSeq;
          try {
            const results = await api.call('catalog.search', { q: q.trim(), limit: 10 });
            if (mine === searchSeq) set({ results });
          } catch (e) {
            if (mine === searchSeq) set({ error: e instanceof Error ? e.message : String(e) });
          }
        }, searchDelayMs);
      },
      itemAdded(p) {
        const items = get().items;
        const had = items.find((i) => i.sku === p.sku);
        set({
          items: had
            ? items.map((i) => (i.sku === p.sku ? { ...i, quantity: i.quantity + 1 } : i))
            : [...items, { sku: p.sku, name: p.name, quantity: 1, unitPrice: p.price }],
          query: '',
          results: [],
          missing: [],
        });
        availabilitySoon();
      },
      quantityChanged(sku, quantity) {
        set({
          items: get().items.map((i) => (i.sku === sku ? { ...i, quantity: Math.max(1, Math.min(10_000, Math.floor(quantity) || 1)) } : i)),
        });
      },
      itemRemoved(sku) {
        set({ items: get().items.filter((i) => i.sku !== sku) });
        availabilitySoon();
      },
      availabilityRequested: availabilitySoon,
      liveEventReceived(event) {
        if (selectMovesAvailability(event)) availabilitySoon();
      },
      async submitted() {
        if (get().submitting) return null;
        const check = draftOf(get().form, get().items);
        if (!check.ok) {
          set({ missing: check.missing, error: null });
          return null;
        }
        set({ submitting: true, error: null, missing: [] });
        try {
          const { order } = await api.call('entry.submit', { draft: check.draft, idempotencyKey: get().formKey });
          set({ submitting: false, created: order });
          return order;
        } catch (e) {
          set({ submitting: false, error: e instanceof Error ? e.message : String(e) });
          return null;
        }
      },
      resetRequested() {
        set({
          form: emptyForm(get().form.channel),
          items: [],
          query: '',
          results: [],
          availability: {},
          created: null,
          error: null,
          missing: [],
          formKey: key(),
        });
      },
    };
  });
}

/** Events after which the availability shown may be out of date. */
export const selectMovesAvailability = (e: Pick<DeskEvent, 'type'>): boolean =>
  e.type === 'order.changed' || e.type === 'locations.changed' || e.type === 'desk.resync';

export const useOrderEntryStore = createOrderEntryStore(desk);
