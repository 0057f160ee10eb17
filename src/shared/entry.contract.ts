import { z } from 'zod';
import { ANY_ROLE } from './roles';
import { OrderDraftSchema } from './channel.schema';
import { LOCATION_KINDS } from './location.schema';
import { OrderSchema } from './order.schema';

/** A product as order entry searches it. */
export const CatalogItemSchema = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  price: z.number().nullable(),
});
export type CatalogItem = z.infer<typeof CatalogItemSchema>;

/** A location that can serve a SKU now, with its distance to the customer when coordinates are known. */
export const StockNearbySchema = z.object({
  locationId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(LOCATION_KINDS),
  city: z.string(),
  available: z.number().int(),
  distanceKm: z.number().nullable(),
});

/** Live availability of one SKU across the network: available = on_hand − reserved − safety_stock, never below 0 per location. */
export const SkuAvailabilitySchema = z.object({
  sku: z.string(),
  networkAvailable: z.number().int(),
  locations: z.array(StockNearbySchema),
});
export type SkuAvailability = z.infer<typeof SkuAvailabilitySchema>;

export const ENTRY_CHANNELS = ['endless_aisle', 'call_center'] as const;

const point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

export const entryContract = {
  'catalog.search': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({
      q: z.string().trim().min(1, 'type at least one character of a SKU or product name').max(100),
      limit: z.number().int().min(1).max(50).default(20),
    }),
    output: z.array(CatalogItemSchema),
  },
  'availability.query': {
    kind: 'query',
    roles: ANY_ROLE,
    input: z.object({
      skus: z.array(z.string().trim().min(1).max(128)).min(1, 'ask for at least one SKU').max(100),
      near: point.optional(),
      /** Locations with stock to list per SKU, nearest first. */
      limit: z.number().int().min(1).max(20).default(5),
      /** The channel the order is for: it may also promise the units fenced for it. Without one, no fenced unit counts. */
      channel: z.string().trim().min(1).max(64).optional(),
    }),
    output: z.array(SkuAvailabilitySchema),
  },
  'entry.submit': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate'],
    input: z.object({
      /** An order taken by a person: endless aisle (a store associate) or call centre. */
      draft: OrderDraftSchema.refine((d) => (ENTRY_CHANNELS as readonly string[]).includes(d.channel), {
        message: 'assisted entry takes channel endless_aisle or call_center',
        path: ['channel'],
      }),
      /** The desk sends one per form, so a double click does not make two orders. */
      idempotencyKey: z.string().min(8).max(200),
    }),
    output: z.object({ order: OrderSchema, replayed: z.boolean() }),
  },
} as const;
