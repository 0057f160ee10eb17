import { z } from 'zod';
import type { DraftAddress, OrderDraft } from '../../../shared';
import { ChannelPayloadError } from '../../ports/channel.port';
import { cents, clean, coords, countryAlpha2, finishDraft, fullName, idLike, isoDate, optText, parsePayload } from './common-mapping';

/** Mercado Libre `GET /orders/{id}` and `GET /shipments/{id}` mapped to an OrderDraft. */

export const MlOrder = z.object({
  id: idLike,
  status: z.string(),
  date_created: optText,
  currency_id: z.string().trim().length(3),
  total_amount: z.number().nullish(),
  paid_amount: z.number().nullish(),
  pack_id: idLike.nullish(),
  tags: z.array(z.string()).nullish(),
  buyer: z
    .object({
      id: idLike.nullish(),
      nickname: optText,
      first_name: optText,
      last_name: optText,
      email: optText,
      phone: z.object({ number: optText }).nullish(),
    })
    .nullish(),
  shipping: z.object({ id: idLike.nullish() }).nullish(),
  order_items: z
    .array(
      z.object({
        item: z.object({ id: idLike.nullish(), title: optText, seller_sku: optText, seller_custom_field: optText }),
        quantity: z.number().int(),
        unit_price: z.number(),
        full_unit_price: z.number().nullish(),
      }),
    )
    .min(1, 'an order needs at least one item'),
});
export type MlOrder = z.infer<typeof MlOrder>;

const named = z.object({ id: optText, name: optText }).nullish();
export const MlShipment = z.object({
  id: idLike,
  status: optText,
  logistic_type: optText,
  shipping_option: z.object({ name: optText }).nullish(),
  receiver_address: z
    .object({
      address_line: optText,
      street_name: optText,
      street_number: optText,
      comment: optText,
      zip_code: optText,
      city: named,
      state: named,
      country: named,
      neighborhood: named,
      latitude: z.number().nullish(),
      longitude: z.number().nullish(),
      receiver_name: optText,
      receiver_phone: optText,
    })
    .nullish(),
});
export type MlShipment = z.infer<typeof MlShipment>;

const PAYMENT: Record<string, OrderDraft['paymentStatus']> = {
  paid: 'paid',
  confirmed: 'pending',
  payment_required: 'pending',
  payment_in_process: 'pending',
  partially_paid: 'partially_paid',
  partially_refunded: 'partially_refunded',
  cancelled: 'voided',
  invalid: 'voided',
};

function shipAddress(s: MlShipment | undefined): DraftAddress | undefined {
  const a = s?.receiver_address;
  const line1 = clean(a?.address_line) ?? clean([a?.street_name, a?.street_number].filter(Boolean).join(' '));
  const city = clean(a?.city?.name, 120);
  // ML's state ids are ISO 3166-2 ("AR-C"), the country prefix is the country.
  const country = countryAlpha2(a?.country?.id) ?? countryAlpha2(a?.state?.id?.split('-')[0]);
  if (!a || !line1 || !city || !country) return undefined;
  return {
    name: clean(a.receiver_name, 200),
    line1,
    line2: clean([a.comment, a.neighborhood?.name].filter(Boolean).join(', ')),
    city,
    region: clean(a.state?.name, 120),
    postalCode: clean(a.zip_code, 20),
    country,
    phone: clean(a.receiver_phone, 40),
    ...coords(a.latitude, a.longitude),
  };
}

export function mlOrderToDraft(rawOrder: unknown, rawShipment: unknown | undefined): OrderDraft {
  const o = parsePayload(MlOrder, rawOrder, 'Mercado Libre order');
  const shipment = rawShipment === undefined ? undefined : parsePayload(MlShipment, rawShipment, 'Mercado Libre shipment');
  const what = `Mercado Libre order ${o.id}`;
  const noSku = o.order_items.findIndex((i) => !(i.item.seller_sku?.trim() || i.item.seller_custom_field?.trim()));
  if (noSku >= 0) {
    throw new ChannelPayloadError(
      `${what}: item ${noSku + 1} ("${o.order_items[noSku]!.item.title ?? o.order_items[noSku]!.item.id ?? '?'}") has no seller_sku; set the SKU on the listing in Mercado Libre and replay`,
      [{ path: `order_items.${noSku}.item.seller_sku`, message: 'missing seller_sku' }],
    );
  }
  const shipTo = shipAddress(shipment);
  const b = o.buyer;
  // `shipment:<id>`: Mercado Envíos labels are asked for by ML's shipment id (shipping's label-policy.ts reads it back).
  const shipmentTag = o.shipping?.id !== undefined && o.shipping?.id !== null ? [`shipment:${o.shipping.id}`] : [];
  const tags = [...(o.tags ?? []), ...(o.pack_id ? [`pack:${o.pack_id}`] : []), ...shipmentTag]
    .map((t) => clean(t, 80))
    .filter((t): t is string => !!t);
  return finishDraft(
    {
      channel: 'mercadolibre',
      externalId: o.id,
      externalNumber: o.pack_id ?? o.id,
      placedAt: isoDate(o.date_created),
      customer: {
        name: fullName(b?.first_name, b?.last_name) ?? clean(b?.nickname, 200) ?? shipTo?.name ?? `Comprador ML ${b?.id ?? o.id}`,
        email: clean(b?.email, 320),
        phone: clean(b?.phone?.number, 40),
      },
      shipTo,
      deliveryType: 'home_delivery',
      currency: o.currency_id,
      lines: o.order_items.map((i) => ({
        externalLineId: i.item.id ?? undefined,
        channelSku: i.item.seller_sku?.trim() || i.item.seller_custom_field!.trim(),
        title: clean(i.item.title, 500),
        quantity: i.quantity,
        unitPrice: cents(i.unit_price),
        discountAmount:
          i.full_unit_price && i.full_unit_price > i.unit_price ? cents((i.full_unit_price - i.unit_price) * i.quantity) : undefined,
      })),
      shipping: shipment ? { method: clean(shipment.shipping_option?.name, 120), carrier: clean(shipment.logistic_type, 120) } : undefined,
      totals: { total: o.total_amount ?? undefined },
      paymentStatus: PAYMENT[o.status] ?? 'unknown',
      tags: [...new Set(tags)].slice(0, 50),
    },
    what,
  );
}
