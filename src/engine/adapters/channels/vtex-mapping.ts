import { z } from 'zod';
import type { DraftAddress, OrderDraft } from '../../../shared';
import { ChannelPayloadError } from '../../ports/channel.port';
import { cents, clean, coords, countryAlpha2, finishDraft, fullName, isoDate, optText, parsePayload } from './common-mapping';

/**
 * The VTEX OMS order (`GET /api/oms/pvt/orders/{orderId}`) mapped to an OrderDraft. VTEX sends
 * money in cents (integers), countries as ISO alpha-3, and geoCoordinates as [longitude, latitude].
 */

const cents100 = z.number();

export const VtexOrder = z.object({
  orderId: z.string().min(1),
  sequence: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  creationDate: optText,
  value: cents100.nullish(),
  totals: z.array(z.object({ id: z.string(), value: cents100 })).nullish(),
  items: z
    .array(
      z.object({
        uniqueId: optText,
        id: optText,
        refId: optText,
        sellerSku: optText,
        name: optText,
        quantity: z.number().int(),
        price: cents100.nullish(),
        sellingPrice: cents100.nullish(),
        tax: cents100.nullish(),
      }),
    )
    .min(1, 'an order needs at least one item'),
  clientProfileData: z
    .object({
      email: optText,
      firstName: optText,
      lastName: optText,
      phone: optText,
      corporateName: optText,
      isCorporate: z.boolean().nullish(),
    })
    .nullish(),
  shippingData: z
    .object({
      address: z
        .object({
          addressType: optText,
          receiverName: optText,
          postalCode: optText,
          city: optText,
          state: optText,
          country: optText,
          street: optText,
          number: optText,
          neighborhood: optText,
          complement: optText,
          geoCoordinates: z.array(z.number()).nullish(),
        })
        .nullish(),
      logisticsInfo: z
        .array(
          z.object({
            selectedSla: optText,
            selectedDeliveryChannel: optText,
            shippingEstimateDate: optText,
            price: cents100.nullish(),
            deliveryCompany: optText,
            pickupStoreInfo: z.object({ friendlyName: optText, address: z.object({ addressId: optText }).nullish() }).nullish(),
            slas: z.array(z.object({ id: optText, name: optText, pickupPointId: optText })).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  storePreferencesData: z.object({ currencyCode: z.string().trim().length(3) }),
  openTextField: z.object({ value: optText }).nullish(),
  marketplace: z.object({ name: optText }).nullish(),
  origin: optText,
  salesChannel: optText,
});
export type VtexOrder = z.infer<typeof VtexOrder>;

const PAID = new Set(['payment-approved', 'window-to-cancel', 'ready-for-handling', 'start-handling', 'handling', 'invoice', 'invoiced']);
const PENDING = new Set(['order-created', 'order-completed', 'on-order-completed', 'payment-pending', 'approve-payment', 'order-accepted']);

function paymentStatus(status: string): OrderDraft['paymentStatus'] {
  if (PAID.has(status)) return 'paid';
  if (PENDING.has(status)) return 'pending';
  if (status === 'canceled' || status === 'cancel') return 'voided';
  return 'unknown';
}

const total = (o: VtexOrder, id: string) => {
  const t = o.totals?.find((x) => x.id === id);
  return t ? cents(Math.abs(t.value) / 100) : undefined;
};

function shipAddress(o: VtexOrder): DraftAddress | undefined {
  const a = o.shippingData?.address;
  if (!a?.street || !a.city || a.addressType === 'pickup') return undefined;
  const country = countryAlpha2(a.country);
  if (!country) return undefined;
  const g = a.geoCoordinates;
  return {
    name: clean(a.receiverName, 200),
    line1: clean([a.street, a.number].filter(Boolean).join(' '))!,
    line2: clean([a.complement, a.neighborhood].filter(Boolean).join(', ')),
    city: clean(a.city, 120)!,
    region: clean(a.state, 120),
    postalCode: clean(a.postalCode, 20),
    country,
    // VTEX geoCoordinates are [longitude, latitude] (GeoJSON order).
    ...(g && g.length === 2 ? coords(g[1], g[0]) : undefined),
  };
}

export function vtexOrderToDraft(raw: unknown): OrderDraft {
  const o = parsePayload(VtexOrder, raw, 'VTEX order');
  const what = `VTEX order ${o.orderId}`;
  const noSku = o.items.findIndex((i) => !(i.refId?.trim() || i.sellerSku?.trim()));
  if (noSku >= 0) {
    throw new ChannelPayloadError(
      `${what}: item ${noSku + 1} ("${o.items[noSku]!.name ?? o.items[noSku]!.id ?? '?'}") has neither refId nor sellerSku; set the SKU reference code in the VTEX catalog and replay`,
      [{ path: `items.${noSku}.refId`, message: 'missing refId and sellerSku' }],
    );
  }
  const logistics = o.shippingData?.logisticsInfo?.[0];
  const pickup = logistics?.selectedDeliveryChannel === 'pickup-in-point';
  const sla = logistics?.slas?.find((s) => s.id === logistics.selectedSla);
  const c = o.clientProfileData;
  const shipTo = shipAddress(o);
  return finishDraft(
    {
      channel: 'vtex',
      externalId: o.orderId,
      externalNumber: o.sequence != null ? String(o.sequence) : undefined,
      placedAt: isoDate(o.creationDate),
      customer: {
        name:
          (c?.isCorporate ? clean(c.corporateName, 200) : undefined) ??
          fullName(c?.firstName, c?.lastName) ??
          shipTo?.name ??
          `Cliente VTEX ${o.orderId}`,
        email: clean(c?.email, 320),
        phone: clean(c?.phone, 40),
      },
      shipTo,
      deliveryType: pickup ? 'store_pickup' : 'home_delivery',
      pickupLocation: pickup ? clean(logistics?.pickupStoreInfo?.address?.addressId ?? sla?.pickupPointId ?? undefined, 64) : undefined,
      currency: o.storePreferencesData.currencyCode,
      lines: o.items.map((i) => {
        const unit = (i.sellingPrice ?? i.price ?? 0) / 100;
        const discount =
          i.price != null && i.sellingPrice != null ? cents(Math.max(0, ((i.price - i.sellingPrice) * i.quantity) / 100)) : 0;
        return {
          externalLineId: clean(i.uniqueId, 128),
          channelSku: i.refId?.trim() || i.sellerSku!.trim(),
          title: clean(i.name, 500),
          quantity: i.quantity,
          unitPrice: cents(unit),
          taxAmount: i.tax ? cents((i.tax * i.quantity) / 100) : undefined,
          discountAmount: discount || undefined,
        };
      }),
      shipping: logistics
        ? {
            method: clean(sla?.name ?? logistics.selectedSla, 120),
            carrier: clean(logistics.deliveryCompany, 120),
            amount: logistics.price != null ? cents(logistics.price / 100) : undefined,
          }
        : undefined,
      promisedAt: isoDate(logistics?.shippingEstimateDate),
      totals: {
        subtotal: total(o, 'Items'),
        tax: total(o, 'Tax'),
        discount: total(o, 'Discounts'),
        total: o.value != null ? cents(o.value / 100) : undefined,
      },
      paymentStatus: paymentStatus(o.status),
      notes: clean(o.openTextField?.value, 2000),
      tags: [
        o.origin,
        o.marketplace?.name ? `marketplace:${o.marketplace.name}` : undefined,
        o.salesChannel ? `sales-channel:${o.salesChannel}` : undefined,
      ]
        .map((t) => clean(t, 80))
        .filter((t): t is string => !!t),
    },
    what,
  );
}
