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
 * Shopify's order JSON (the REST Admin API `Order` resource, which is what order webhooks carry)
 * mapped to an OrderDraft. Only the fields we use are declared; Shopify sends many more.
 */

const ShopifyAddress = z
  .object({
    first_name: optText,
    last_name: optText,
    name: optText,
    company: optText,
    address1: optText,
    address2: optText,
    city: optText,
    province: optText,
    province_code: optText,
    zip: optText,
    country_code: optText,
    country: optText,
    phone: optText,
    latitude: z.union([z.number(), z.string()]).nullish(),
    longitude: z.union([z.number(), z.string()]).nullish(),
  })
  .nullish();

const ShopifyLine = z.object({
  id: idLike.nullish(),
  sku: optText,
  title: optText,
  name: optText,
  variant_title: optText,
  quantity: z.number().int(),
  price: money,
  discount_allocations: z.array(z.object({ amount: money })).nullish(),
  tax_lines: z.array(z.object({ price: money, rate: z.number().nullish(), title: optText })).nullish(),
});

export const ShopifyOrder = z.object({
  id: idLike,
  name: optText,
  order_number: z.number().nullish(),
  email: optText,
  phone: optText,
  created_at: optText,
  currency: z.string().trim().length(3),
  financial_status: optText,
  cancelled_at: optText,
  cancel_reason: optText,
  note: optText,
  tags: optText,
  subtotal_price: optionalMoney,
  total_price: optionalMoney,
  total_tax: optionalMoney,
  total_discounts: optionalMoney,
  customer: z.object({ first_name: optText, last_name: optText, email: optText, phone: optText, tags: optText }).nullish(),
  shipping_address: ShopifyAddress,
  billing_address: ShopifyAddress,
  shipping_lines: z
    .array(z.object({ title: optText, code: optText, price: optionalMoney, carrier_identifier: optText, source: optText }))
    .nullish(),
  line_items: z.array(ShopifyLine).min(1, 'an order needs at least one line item'),
});
export type ShopifyOrder = z.infer<typeof ShopifyOrder>;

const PAYMENT: Record<string, OrderDraft['paymentStatus']> = {
  pending: 'pending',
  authorized: 'authorized',
  partially_paid: 'partially_paid',
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'voided',
};

function address(a: z.infer<typeof ShopifyAddress>): DraftAddress | undefined {
  if (!a?.address1 || !a.city) return undefined;
  const country = countryAlpha2(a.country_code);
  if (!country) return undefined;
  return {
    name: clean(a.name) ?? fullName(a.first_name, a.last_name),
    line1: clean(a.address1)!,
    line2: clean(a.address2),
    city: clean(a.city, 120)!,
    region: clean(a.province, 120),
    postalCode: clean(a.zip, 20),
    country,
    phone: clean(a.phone, 40),
    ...coords(a.latitude, a.longitude),
  };
}

/** The draft for a Shopify order. A line without a SKU cannot be mapped to stock: permanent error naming it. */
export function shopifyOrderToDraft(raw: unknown): OrderDraft {
  const o = parsePayload(ShopifyOrder, raw, 'Shopify order');
  const what = `Shopify order ${o.name ?? o.id}`;
  const noSku = o.line_items.findIndex((l) => !l.sku?.trim());
  if (noSku >= 0) {
    const l = o.line_items[noSku]!;
    throw new ChannelPayloadError(
      `${what}: line ${noSku + 1} ("${l.name ?? l.title ?? l.id ?? '?'}") has no SKU; give the product variant a SKU in Shopify and replay`,
      [{ path: `line_items.${noSku}.sku`, message: 'missing SKU' }],
    );
  }
  const shipTo = address(o.shipping_address);
  const shipping = o.shipping_lines?.[0];
  const customerName =
    fullName(o.customer?.first_name, o.customer?.last_name) ??
    shipTo?.name ??
    address(o.billing_address)?.name ??
    clean(o.email) ??
    `Cliente Shopify ${o.name ?? o.id}`;
  return finishDraft(
    {
      channel: 'shopify',
      externalId: o.id,
      externalNumber: clean(o.name, 64) ?? (o.order_number ? String(o.order_number) : undefined),
      placedAt: isoDate(o.created_at),
      customer: { name: customerName, email: clean(o.customer?.email ?? o.email, 320), phone: clean(o.customer?.phone ?? o.phone, 40) },
      shipTo,
      billTo: address(o.billing_address),
      deliveryType: 'home_delivery',
      currency: o.currency,
      lines: o.line_items.map((l) => {
        const discount = cents((l.discount_allocations ?? []).reduce((s, d) => s + d.amount, 0));
        const tax = cents((l.tax_lines ?? []).reduce((s, t) => s + t.price, 0));
        return {
          externalLineId: l.id ?? undefined,
          channelSku: l.sku!.trim(),
          title: clean(l.name ?? l.title, 500),
          quantity: l.quantity,
          unitPrice: cents(Math.max(0, l.price - (l.quantity > 0 ? discount / l.quantity : 0))),
          taxAmount: tax || undefined,
          discountAmount: discount || undefined,
        };
      }),
      shipping: shipping
        ? {
            method: clean(shipping.title ?? shipping.code, 120),
            carrier: clean(shipping.carrier_identifier ?? shipping.source, 120),
            amount: shipping.price ?? undefined,
          }
        : undefined,
      totals: {
        subtotal: o.subtotal_price ?? undefined,
        tax: o.total_tax ?? undefined,
        discount: o.total_discounts ?? undefined,
        total: o.total_price ?? undefined,
      },
      paymentStatus: PAYMENT[o.financial_status ?? ''] ?? 'unknown',
      notes: clean(o.note, 2000),
      tags: splitTags(o.tags),
    },
    what,
  );
}
