import { z } from 'zod';
import { ReasonRefSchema } from './reasons';
import { ORDER_STATUSES } from './order-lifecycle';

/** Channels an order can arrive from. Later intake work adds verified webhooks per channel. */
export const CHANNELS = [
  'web',
  'shopify',
  'vtex',
  'woocommerce',
  'mercadolibre',
  'social',
  'endless_aisle',
  'call_center',
  'csv',
  'api',
] as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** An order's id, as the order detail and its URL show it: a UUID (the only text the database's uuid column reads). */
export const OrderIdSchema = z.uuid({ error: 'not an order id: orders are named by a UUID, as shown in the order detail' });

export const PAYMENT_STATUSES = [
  'pending',
  'authorized',
  'paid',
  'partially_paid',
  'refunded',
  'partially_refunded',
  'voided',
  'unknown',
] as const;
export const DELIVERY_TYPES = ['home_delivery', 'store_pickup'] as const;

/** Customer tiers, highest first: the unroutable queue serves higher tiers first when orders are equally old. */
export const CUSTOMER_TIERS = ['vip', 'gold', 'silver', 'standard'] as const;

export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const CustomerSchema = z.object({
  name: trimmed(200),
  email: z.email().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
});

export const AddressSchema = z.object({
  line1: trimmed(300),
  city: trimmed(120),
  region: z.string().trim().max(120).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: z.string().trim().length(2).toUpperCase(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const OrderLineInputSchema = z.object({
  sku: trimmed(64),
  quantity: z.number().int().min(1).max(10_000),
  unitPrice: z.number().nonnegative().max(100_000_000).optional(),
});

/** What a channel submits: the canonical order (`POST /api/v1/orders`, `orders.create`). */
export const OrderInputSchema = z
  .object({
    channel: z.enum(CHANNELS),
    externalId: trimmed(128),
    customer: CustomerSchema,
    shipTo: AddressSchema,
    currency: z.string().trim().length(3).toUpperCase().default('ARS'),
    lines: z.array(OrderLineInputSchema).min(1).max(500),
    notes: z.string().max(2000).optional(),
    // The canonical fields channels send; all optional, so a bare order stays valid.
    /** The configured channel (account) it came through, when known. */
    channelId: z.string().trim().min(1).max(64).optional(),
    /** The channel's human order number ("#1001"). */
    externalNumber: z.string().trim().max(64).optional(),
    deliveryType: z.enum(DELIVERY_TYPES).optional(),
    /** Our location id for store pickup (required when deliveryType is store_pickup). */
    pickupLocationId: z.string().trim().min(1).max(64).optional(),
    billTo: AddressSchema.partial({ lat: true, lng: true }).optional(),
    promisedAt: z.string().datetime({ offset: true }).optional(),
    paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
    shipping: z
      .object({
        method: z.string().trim().max(120).optional(),
        carrier: z.string().trim().max(120).optional(),
        amount: z.number().nonnegative().max(100_000_000).optional(),
      })
      .optional(),
    taxTotal: z.number().nonnegative().max(1_000_000_000).optional(),
    discountTotal: z.number().nonnegative().max(1_000_000_000).optional(),
    tags: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
    /** Where the delivery coordinates came from ("channel", "gazetteer: Córdoba, AR", …). */
    geocodeSource: z.string().max(200).optional(),
  })
  .superRefine((o, ctx) => {
    const seen = new Set<string>();
    o.lines.forEach((l, i) => {
      if (seen.has(l.sku))
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'sku'],
          message: `SKU ${l.sku} appears twice; merge the lines into one with the total quantity`,
        });
      seen.add(l.sku);
    });
    if (o.deliveryType === 'store_pickup' && !o.pickupLocationId) {
      ctx.addIssue({ code: 'custom', path: ['pickupLocationId'], message: 'store pickup needs the pickup location id' });
    }
  });
export type OrderInput = z.infer<typeof OrderInputSchema>;

export const OrderStatusSchema = z.enum(ORDER_STATUSES);

export const OrderLineSchema = z.object({
  lineNo: z.number().int(),
  sku: z.string(),
  productName: z.string().nullable(),
  /** What the customer ordered. */
  quantity: z.number().int(),
  unitPrice: z.number().nullable(),
  /** Units cancelled because no location could supply them (backorder policy `cancel_unavailable`). */
  cancelledQuantity: z.number().int().default(0),
  /** Units moved to a backorder order that waits for stock (policy `ship_available`). */
  backorderedQuantity: z.number().int().default(0),
});

/** An order as the desk and the API show it. Dates are ISO-8601 strings. */
export const OrderSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  channel: z.string(),
  externalId: z.string(),
  status: OrderStatusSchema,
  customer: CustomerSchema,
  shipTo: AddressSchema,
  currency: z.string(),
  totalUnits: z.number().int(),
  totalAmount: z.number().nullable(),
  locationId: z.string().nullable(),
  locationName: z.string().nullable(),
  /** Why the order could not be filled, when status is `unfillable`. */
  unfillableReason: z.string().nullable(),
  /** `unfillableReason` as codes and parameters (src/shared/reasons.ts); null when it is not in the catalogue. */
  unfillableReasonCodes: z.array(ReasonRefSchema).nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  fromStatus: OrderStatusSchema.nullable(),
  toStatus: OrderStatusSchema.nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

/** The canonical fields intake stores beside the order header (null/empty when the channel sent none). */
export const OrderIntakeFactsSchema = z.object({
  /** The configured channel (account) it came through, and its name in the desk. */
  channelId: z.string().nullable(),
  channelName: z.string().nullable(),
  /** The channel's own order number ("#1001"). */
  externalNumber: z.string().nullable(),
  deliveryType: z.enum(DELIVERY_TYPES),
  pickupLocationId: z.string().nullable(),
  pickupLocationName: z.string().nullable(),
  paymentStatus: z.enum(PAYMENT_STATUSES),
  promisedAt: z.string().nullable(),
  shippingMethod: z.string().nullable(),
  shippingAmount: z.number().nullable(),
  taxTotal: z.number().nullable(),
  discountTotal: z.number().nullable(),
  tags: z.array(z.string()),
  billTo: AddressSchema.partial({ lat: true, lng: true }).nullable(),
  /** Where the delivery coordinates came from ("channel", "gazetteer: Córdoba, AR", …). */
  geocodeSource: z.string().nullable(),
});
export type OrderIntakeFacts = z.infer<typeof OrderIntakeFactsSchema>;

const OrderRefSchema = z.object({ id: z.string(), number: z.number().int(), status: OrderStatusSchema });

/** One shipment-to-be of the order: a location's fulfilment order and the units it holds. */
export const FulfilmentPartSchema = z.object({
  id: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  status: z.enum(['assigned', 'picked', 'packed', 'shipped', 'delivered', 'cancelled']),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
});
export type FulfilmentPart = z.infer<typeof FulfilmentPartSchema>;

export const OrderDetailSchema = OrderSchema.extend({
  intake: OrderIntakeFactsSchema,
  lines: z.array(OrderLineSchema),
  /** Open fulfilment orders (not cancelled), oldest first. */
  parts: z.array(FulfilmentPartSchema).default([]),
  /** The order this one is a backorder of, and the backorders split off this one. */
  backorderOf: OrderRefSchema.nullable().default(null),
  backorders: z.array(OrderRefSchema).default([]),
  timeline: z.array(OrderEventSchema),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;
