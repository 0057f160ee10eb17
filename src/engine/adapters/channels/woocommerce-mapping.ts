import { z } from 'zod';
import type { DraftAddress, OrderDraft } from '../../../shared';
import { ChannelPayloadError } from '../../ports/channel.port';
import {
  cents,
  clean,
  coords,
  countryAlpha2,
  finishDraft,
  fullName,
  idLike,
  isoDate,
  money,
  optText,
  optionalMoney,
  parsePayload,
  splitTags,
} from './common-mapping';

/**
 * The WooCommerce REST API (v3) order JSON — what `order.created` / `order.updated` webhooks
 * deliver — mapped to an OrderDraft. Dates ending in `_gmt` are UTC without an offset.
 */

const WcAddress = z
  .object({
    first_name: optText,
    last_name: optText,
    company: optText,
    address_1: optText,
    address_2: optText,
    city: optText,
    state: optText,
    postcode: optText,
    country: optText,
    email: optText,
    phone: optText,
  })
  .nullish();

const WcMeta = z.array(z.object({ key: z.string(), value: z.unknown() })).nullish();

export const WcOrder = z.object({
  id: idLike,
  number: idLike.nullish(),
  status: z.string(),
  currency: z.string().trim().length(3),
  date_created_gmt: optText,
  date_paid_gmt: optText,
  set_paid: z.boolean().nullish(),
  customer_note: optText,
  billing: WcAddress,
  shipping: WcAddress,
  discount_total: optionalMoney,
  shipping_total: optionalMoney,
  total: optionalMoney,
  total_tax: optionalMoney,
  line_items: z
    .array(
      z.object({
        id: idLike.nullish(),
        name: optText,
        sku: optText,
        quantity: z.number().int(),
        subtotal: optionalMoney,
        total: money,
        total_tax: optionalMoney,
        price: optionalMoney,
      }),
    )
    .min(1, 'an order needs at least one line item'),
  shipping_lines: z.array(z.object({ method_title: optText, method_id: optText, total: optionalMoney, meta_data: WcMeta })).nullish(),
  meta_data: WcMeta,
});
export type WcOrder = z.infer<typeof WcOrder>;

const PICKUP_METHODS = new Set(['local_pickup', 'pickup_location']);

function meta(list: z.infer<typeof WcMeta>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = list?.find((m) => m.key === k)?.value;
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return undefined;
}

function address(a: z.infer<typeof WcAddress>, point?: { lat: number; lng: number }): DraftAddress | undefined {
  if (!a?.address_1 || !a.city) return undefined;
  const country = countryAlpha2(a.country);
  if (!country) return undefined;
  return {
    name: fullName(a.first_name, a.last_name) ?? clean(a.company),
    line1: clean(a.address_1)!,
    line2: clean(a.address_2),
    city: clean(a.city, 120)!,
    region: clean(a.state, 120),
    postalCode: clean(a.postcode, 20),
    country,
    phone: clean(a.phone, 40),
    ...point,
  };
}

function paymentStatus(o: WcOrder): OrderDraft['paymentStatus'] {
  if (o.status === 'refunded') return 'refunded';
  if (o.status === 'cancelled' || o.status === 'failed') return 'voided';
  if (o.date_paid_gmt || o.set_paid) return 'paid';
  if (o.status === 'pending' || o.status === 'on-hold') return 'pending';
  return 'unknown';
}

export function wooOrderToDraft(raw: unknown): OrderDraft {
  const o = parsePayload(WcOrder, raw, 'WooCommerce order');
  const what = `WooCommerce order #${o.number ?? o.id}`;
  const noSku = o.line_items.findIndex((l) => !l.sku?.trim());
  if (noSku >= 0) {
    throw new ChannelPayloadError(
      `${what}: line ${noSku + 1} ("${o.line_items[noSku]!.name ?? '?'}") has no SKU; give the product a SKU in WooCommerce and replay`,
      [{ path: `line_items.${noSku}.sku`, message: 'missing SKU' }],
    );
  }
  // Store-locator and delivery plugins keep the geocoded point in order meta.
  const point = coords(
    meta(o.meta_data, '_shipping_latitude', '_shipping_lat', 'shipping_latitude'),
    meta(o.meta_data, '_shipping_longitude', '_shipping_lng', 'shipping_longitude'),
  );
  const ship = o.shipping_lines?.[0];
  const pickup = !!ship?.method_id && PICKUP_METHODS.has(ship.method_id);
  const billTo = address(o.billing);
  const shipTo = address(o.shipping, point) ?? (pickup ? undefined : billTo && { ...billTo, ...point });
  return finishDraft(
    {
      channel: 'woocommerce',
      externalId: o.id,
      externalNumber: o.number ?? undefined,
      placedAt: isoDate(o.date_created_gmt, true),
      customer: {
        name:
          fullName(o.billing?.first_name, o.billing?.last_name) ??
          shipTo?.name ??
          clean(o.billing?.email) ??
          `Cliente WooCommerce #${o.number ?? o.id}`,
        email: clean(o.billing?.email, 320),
        phone: clean(o.billing?.phone ?? o.shipping?.phone, 40),
      },
      shipTo,
      billTo,
      deliveryType: pickup ? 'store_pickup' : 'home_delivery',
      pickupLocation: pickup
        ? clean(
            meta(ship?.meta_data, 'pickup_location', 'Pickup location', '_pickup_location') ?? meta(o.meta_data, '_pickup_location'),
            64,
          )
        : undefined,
      currency: o.currency,
      lines: o.line_items.map((l) => {
        const discount = l.subtotal != null ? cents(Math.max(0, l.subtotal - l.total)) : 0;
        return {
          externalLineId: l.id ?? undefined,
          channelSku: l.sku!.trim(),
          title: clean(l.name, 500),
          quantity: l.quantity,
          unitPrice: l.quantity > 0 ? cents(l.total / l.quantity) : undefined,
          taxAmount: l.total_tax || undefined,
          discountAmount: discount || undefined,
        };
      }),
      shipping: ship ? { method: clean(ship.method_title ?? ship.method_id, 120), amount: ship.total ?? undefined } : undefined,
      totals: { tax: o.total_tax ?? undefined, discount: o.discount_total ?? undefined, total: o.total ?? undefined },
      paymentStatus: paymentStatus(o),
      notes: clean(o.customer_note, 2000),
      tags: splitTags(meta(o.meta_data, 'atalaya_tags', '_order_tags')),
    },
    what,
  );
}
