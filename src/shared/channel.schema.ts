import { z } from 'zod';
import { CHANNELS, DELIVERY_TYPES, PAYMENT_STATUSES } from './order.schema';

/**
 * The kinds of sales channel an engine connects to. A channel (a row the desk manages) is one
 * account of one kind — "Shopify AR", "Mercado Libre tienda oficial" — with its own secrets.
 */
export const CHANNEL_KINDS = ['api', 'shopify', 'woocommerce', 'vtex', 'mercadolibre', 'csv', 'endless_aisle', 'call_center'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const text = (max: number) => z.string().trim().max(max);

/** An address as a channel sends it: coordinates only when the channel has them. */
export const DraftAddressSchema = z.object({
  name: text(200).optional(),
  line1: text(300).min(1),
  line2: text(300).optional(),
  city: text(120).min(1),
  region: text(120).optional(),
  postalCode: text(20).optional(),
  country: z.string().trim().length(2).toUpperCase(),
  phone: text(40).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export type DraftAddress = z.infer<typeof DraftAddressSchema>;

export const DraftLineSchema = z.object({
  /** The channel's own line id (Shopify line_item.id, VTEX item uniqueId, …) when it has one. */
  externalLineId: text(128).optional(),
  /** The SKU as the channel names it; normalisation maps it to ours per channel. */
  channelSku: text(128).min(1),
  title: text(500).optional(),
  quantity: z.number().int().min(1).max(10_000),
  /** Unit price after line discounts, in the order's currency, major units (12.50). */
  unitPrice: z.number().nonnegative().max(100_000_000).optional(),
  taxAmount: z.number().nonnegative().max(100_000_000).optional(),
  discountAmount: z.number().nonnegative().max(100_000_000).optional(),
});
export type DraftLine = z.infer<typeof DraftLineSchema>;

/**
 * What a channel adapter makes of one inbound order, before normalisation: the channel's SKUs,
 * the address as given. Normalisation maps SKUs and finds coordinates, then intake stores it.
 */
export const OrderDraftSchema = z.object({
  channel: z.enum(CHANNELS),
  externalId: text(128).min(1),
  /** The channel's human order name/number ("#1001"), for planners. */
  externalNumber: text(64).optional(),
  placedAt: z.string().datetime({ offset: true }).optional(),
  customer: z.object({
    name: text(200).min(1),
    email: z.email().max(320).optional(),
    phone: text(40).optional(),
    tier: text(40).optional(),
  }),
  shipTo: DraftAddressSchema.optional(),
  billTo: DraftAddressSchema.optional(),
  deliveryType: z.enum(DELIVERY_TYPES).default('home_delivery'),
  /** Our location code (or the channel's id for it, mapped by normalisation) for store pickup. */
  pickupLocation: text(64).optional(),
  currency: z.string().trim().length(3).toUpperCase(),
  lines: z.array(DraftLineSchema).min(1).max(500),
  shipping: z
    .object({ method: text(120).optional(), carrier: text(120).optional(), amount: z.number().nonnegative().optional() })
    .optional(),
  promisedAt: z.string().datetime({ offset: true }).optional(),
  totals: z
    .object({ subtotal: z.number().optional(), tax: z.number().optional(), discount: z.number().optional(), total: z.number().optional() })
    .optional(),
  paymentStatus: z.enum(PAYMENT_STATUSES).default('unknown'),
  notes: text(2000).optional(),
  tags: z.array(text(80).min(1)).max(50).default([]),
});
export type OrderDraft = z.infer<typeof OrderDraftSchema>;
