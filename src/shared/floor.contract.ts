import { z } from 'zod';
import { OrderStatusSchema } from './order.schema';

/**
 * The store floor's desk: a location's open fulfilment orders (assigned or picked), oldest first,
 * with the lines and quantities that location holds for each. The floor acts on them through
 * `fulfilment.shortPick` and `fulfilment.reject` (sourcing-ops.contract.ts).
 */

const locationId = z
  .string({ error: 'locationId is required: pick the store or warehouse whose floor you work (see locations.list)' })
  .trim()
  .min(1, { error: 'locationId is required: pick the store or warehouse whose floor you work (see locations.list)' })
  .max(64, { error: 'locationId is at most 64 characters: use a location id from locations.list' });

export const FLOOR_STATUSES = ['assigned', 'picked'] as const;

export const FloorLineSchema = z.object({
  sku: z.string(),
  productName: z.string().nullable(),
  /** Units this location holds for the order (its part of the order). */
  quantity: z.number().int(),
});
export type FloorLine = z.infer<typeof FloorLineSchema>;

export const FloorRowSchema = z.object({
  fulfilmentOrderId: z.string(),
  orderId: z.string(),
  number: z.number().int(),
  channel: z.string(),
  customerName: z.string(),
  customerTier: z.string().nullable(),
  /** The fulfilment order's status at this location. */
  status: z.enum(FLOOR_STATUSES),
  orderStatus: OrderStatusSchema,
  /** When the work reached this location. */
  assignedAt: z.string(),
  promisedAt: z.string().nullable(),
  lines: z.array(FloorLineSchema),
  /** Lines of the same order that ship from elsewhere (an order split by a supervisor). */
  elsewhere: z.array(z.object({ sku: z.string(), quantity: z.number().int(), locationId: z.string() })),
  /** Every line of the order, as ordered: a pick report names them all. */
  orderLines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  /** The floor may still report a pick or give it back (the order is assigned and not yet picked). */
  actionable: z.boolean(),
});
export type FloorRow = z.infer<typeof FloorRowSchema>;

export const floorContract = {
  /** A location's open fulfilment orders (assigned / picked), oldest first. */
  'floor.openFulfilments': {
    kind: 'query',
    input: z.object({ locationId, limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      location: z.object({ id: z.string(), name: z.string(), kind: z.string(), city: z.string() }),
      rows: z.array(FloorRowSchema),
      /** Open fulfilment orders here in all (rows holds at most `limit`). */
      total: z.number().int(),
    }),
  },
} as const;
