import type { CarrierCapabilities, PrinterLanguage } from '../../../shared';
import type { CarrierAddress } from '../../ports/carrier.port';

/**
 * The label worker's rules as plain functions (no IO): how long to wait after a carrier failed,
 * which label format to ask for, how an order's addresses read to a carrier, and where a Mercado
 * Libre order keeps its marketplace shipment id.
 */

/** The first wait after a transient failure; doubles per attempt up to {@link MAX_LABEL_BACKOFF_MS}. */
export const FIRST_LABEL_BACKOFF_MS = 5_000;
export const MAX_LABEL_BACKOFF_MS = 15 * 60_000;
/** How often a pending (asynchronous) label is checked when the carrier names no time. */
export const PENDING_CHECK_MS = 20_000;

/**
 * The wait before the next try after `attempts` failures: 5 s doubling to 15 min, with ±20 %
 * jitter so many shipments failing together do not hit the carrier together again; never sooner
 * than the carrier's Retry-After.
 */
export function labelBackoffMs(attempts: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_LABEL_BACKOFF_MS, FIRST_LABEL_BACKOFF_MS * 2 ** Math.min(Math.max(0, attempts), 20));
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * The label format to ask the carrier for: ZPL when the station prints shipping labels on a ZPL
 * printer and the carrier makes ZPL, else PDF when it makes PDF (a PDF/laser printer prints it as
 * it is), else whatever it makes. The carrier's bytes are printed unchanged either way.
 */
export function preferredLabelFormat(caps: Pick<CarrierCapabilities, 'labelFormats'>, printer: PrinterLanguage | null): 'zpl' | 'pdf' {
  const formats = caps.labelFormats;
  const want: 'zpl' | 'pdf' = printer === 'pdf' ? 'pdf' : 'zpl';
  if (formats.includes(want)) return want;
  return formats[0] ?? want;
}

/** Where the parcel leaves from: the location (name, city) in the country of operations. */
export function originAddress(l: { name: string; city: string; lat?: number; lng?: number }, country: string): CarrierAddress {
  return { name: l.name, line1: l.name, city: l.city, country, lat: l.lat, lng: l.lng };
}

/** Where it goes: the order's ship-to and customer. */
export function destinationAddress(
  customer: { name: string; phone?: string; email?: string },
  shipTo: { line1: string; city: string; region?: string; postalCode?: string; country?: string; lat?: number; lng?: number },
  country: string,
): CarrierAddress {
  return {
    name: customer.name,
    line1: shipTo.line1,
    city: shipTo.city,
    region: shipTo.region,
    postalCode: shipTo.postalCode,
    country: shipTo.country ?? country,
    phone: customer.phone,
    email: customer.email,
    lat: shipTo.lat,
    lng: shipTo.lng,
  };
}

const idText = (v: unknown): string | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && /^\d{4,20}$/.test(v.trim()) ? v.trim() : undefined;

/**
 * Mercado Libre's shipment id for an order, from what intake kept: the raw payload's
 * `shipping.id` (ML's own order shape) or `shipping.externalId`/`shipmentId`, else a `shipment:<id>`
 * tag. Undefined when none is there (the Mercado Envíos adapter then names what is missing).
 */
export function mlShipmentIdOf(raw: unknown, tags: readonly string[]): string | undefined {
  const r = (raw ?? {}) as Record<string, unknown>;
  const shipping = (r.shipping ?? {}) as Record<string, unknown>;
  const found = idText(shipping.id) ?? idText(shipping.externalId) ?? idText(shipping.shipmentId) ?? idText(r.shipmentId);
  if (found) return found;
  for (const t of tags) {
    const m = /^(?:ml-)?shipment:(\d{4,20})$/.exec(t.trim());
    if (m) return m[1];
  }
  return undefined;
}

/** Whether an order came from Mercado Libre. */
export const isMercadoLibre = (channel: string): boolean => channel === 'mercadolibre';

/**
 * Whether an order's parcels ship with Mercado Envíos only: a Mercado Libre order whose shipment
 * Mercado Libre made with the sale (ML's shipment id is known — Mercado Envíos sets the carrier and
 * the cost). One without (the seller arranges the shipping: ML's custom or "to agree" modes) goes
 * with any carrier, like any other order.
 */
export const shipsWithMercadoEnvios = (o: { channel: string; raw: unknown; tags: readonly string[] }): boolean =>
  isMercadoLibre(o.channel) && mlShipmentIdOf(o.raw, o.tags) !== undefined;
