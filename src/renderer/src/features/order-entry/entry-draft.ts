import type { OrderDraft, SkuAvailability } from '../../../../shared';

/** Orders taken at the desk are in the demo retailer's currency, as the catalogue's prices are. */
export const ENTRY_CURRENCY = 'ARS';

export type EntryChannel = 'endless_aisle' | 'call_center';

export interface EntryForm {
  channel: EntryChannel;
  reference: string;
  name: string;
  email: string;
  phone: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  /** "lat, lng" as typed or picked on the map; blank lets normalisation locate the city. */
  coords: string;
  deliveryType: OrderDraft['deliveryType'];
  pickupLocation: string;
}

export interface EntryItem {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number | null;
}

/** A fresh reference for a new order: channel prefix, date and a random tail (unique per channel). */
export function newReference(channel: EntryChannel, now = new Date(), rand = Math.random): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${channel === 'call_center' ? 'CC' : 'EA'}-${d}-${Math.floor(rand() * 36 ** 6)
    .toString(36)
    .toUpperCase()
    .padStart(6, '0')}`;
}

export const emptyForm = (channel: EntryChannel = 'call_center'): EntryForm => ({
  channel,
  reference: newReference(channel),
  name: '',
  email: '',
  phone: '',
  line1: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'AR',
  coords: '',
  deliveryType: 'home_delivery',
  pickupLocation: '',
});

/** "-34.6, -58.38" → a point; '' → null (none given); anything else → 'bad'. */
export function parseCoords(s: string): { lat: number; lng: number } | null | 'bad' {
  if (!s.trim()) return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return 'bad';
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : 'bad';
}

export type DraftCheck = { ok: true; draft: OrderDraft } | { ok: false; missing: (keyof EntryForm | 'items')[] };

/** The order draft of the form, or which fields still need filling. */
export function draftOf(f: EntryForm, items: EntryItem[]): DraftCheck {
  const missing: (keyof EntryForm | 'items')[] = [];
  if (!f.reference.trim()) missing.push('reference');
  if (!f.name.trim()) missing.push('name');
  const coords = parseCoords(f.coords);
  if (coords === 'bad') missing.push('coords');
  const home = f.deliveryType === 'home_delivery';
  if (home && !f.line1.trim()) missing.push('line1');
  if (home && !f.city.trim()) missing.push('city');
  if (!/^[A-Za-z]{2}$/.test(f.country.trim())) missing.push('country');
  if (!home && !f.pickupLocation) missing.push('pickupLocation');
  if (items.length === 0) missing.push('items');
  if (missing.length) return { ok: false, missing };
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    ok: true,
    draft: {
      channel: f.channel,
      externalId: f.reference.trim(),
      customer: { name: f.name.trim(), email: opt(f.email), phone: opt(f.phone) },
      shipTo: home
        ? {
            name: f.name.trim(),
            line1: f.line1.trim(),
            city: f.city.trim(),
            region: opt(f.region),
            postalCode: opt(f.postalCode),
            country: f.country.trim().toUpperCase(),
            phone: opt(f.phone),
            ...(coords && coords !== 'bad' ? coords : {}),
          }
        : undefined,
      deliveryType: f.deliveryType,
      pickupLocation: home ? undefined : f.pickupLocation,
      currency: ENTRY_CURRENCY,
      lines: items.map((i) => ({ channelSku: i.sku, title: i.name, quantity: i.quantity, unitPrice: i.unitPrice ?? undefined })),
      paymentStatus: 'unknown',
      tags: [],
    },
  };
}

/** Stores that have every item in the wanted quantity now, nearest first (for store pickup). */
export function pickupStores(
  availability: Record<string, SkuAvailability>,
  items: EntryItem[],
): { code: string; name: string; city: string; distanceKm: number | null }[] {
  if (items.length === 0) return [];
  const lists = items.map((i) => (availability[i.sku]?.locations ?? []).filter((l) => l.kind === 'store' && l.available >= i.quantity));
  const [first, ...rest] = lists;
  if (!first) return [];
  return first
    .filter((l) => rest.every((list) => list.some((x) => x.locationId === l.locationId)))
    .map((l) => ({ code: l.code, name: l.name, city: l.city, distanceKm: l.distanceKm }));
}
