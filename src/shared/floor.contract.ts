import { z } from 'zod';
import { FLOOR_ROLES } from './roles';
import { OrderIdSchema, OrderSchema, OrderStatusSchema } from './order.schema';

/**
 * The store floor's desk: a location's open fulfilment orders (assigned or picked), oldest first,
 * with the lines and quantities that location holds for each, and how the floor pushes back: a
 * store rejects an order with a reason code (`fulfilment.reject`), a pick comes up short
 * (`fulfilment.shortPick`).
 */

const orderId = OrderIdSchema;

/** Reason codes a store gives when it cannot fulfil an order. */
export const REJECTION_REASONS = ['not_in_stock', 'damaged', 'no_capacity'] as const;
export const RejectionReasonSchema = z.enum(REJECTION_REASONS, { error: `reasonCode must be one of ${REJECTION_REASONS.join(', ')}` });
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

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
    roles: FLOOR_ROLES,
    input: z.object({ locationId, limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      location: z.object({ id: z.string(), name: z.string(), kind: z.string(), city: z.string() }),
      rows: z.array(FloorRowSchema),
      /** Open fulfilment orders here in all (rows holds at most `limit`). */
      total: z.number().int(),
    }),
  },
  /** A store cannot fulfil an order: stock is corrected by the reason and the order is re-sourced elsewhere. */
  'fulfilment.reject': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z
      .object({
        orderId,
        reasonCode: RejectionReasonSchema,
        /** `not_in_stock` / `damaged`: the SKU concerned; absent = every line of the order. */
        sku: z.string().trim().min(1).max(64).optional(),
        /** `damaged` only: units found damaged; absent = the quantity ordered. */
        quantity: z.number().int().min(1).max(10_000).optional(),
        note: z.string().trim().max(500).optional(),
        /** The location giving the order back, when the order ships from several; absent = its main location. */
        locationId: z.string().trim().min(1).max(64).optional(),
      })
      .superRefine((v, ctx) => {
        if (v.quantity !== undefined && v.reasonCode !== 'damaged') {
          ctx.addIssue({
            code: 'custom',
            path: ['quantity'],
            message: 'quantity is only for reasonCode "damaged" (units found damaged); leave it out for other reasons',
          });
        }
        if (v.sku !== undefined && v.reasonCode === 'no_capacity') {
          ctx.addIssue({
            code: 'custom',
            path: ['sku'],
            message: 'sku does not apply to "no_capacity" (the whole location is full today); leave it out',
          });
        }
      }),
    output: z.object({
      order: OrderSchema,
      locationId: z.string(),
      stock: z.array(z.object({ sku: z.string(), onHandDelta: z.number().int() })),
      blockedUntil: z.string().nullable(),
    }),
  },
  /** What a picker found: full picks move the order to picked; a short pick re-sources it. */
  'fulfilment.shortPick': {
    kind: 'command',
    roles: FLOOR_ROLES,
    input: z.object({
      orderId,
      /** The location reporting (its part of the order); absent = the order's main location. */
      locationId: z.string().trim().min(1).max(64).optional(),
      /** Every line this location holds for the order, with the units found. */
      picked: z
        .array(z.object({ sku: z.string().trim().min(1).max(64), quantity: z.number().int().min(0).max(10_000) }))
        .min(1, { error: 'picked must list at least one line: the SKU and the units found' })
        .max(500),
    }),
    output: z.object({
      order: OrderSchema,
      /**
       * `picked`: the whole order is picked. `part_picked`: this location's part is, others are still
       * open. `remainder_sourced`: the units not found were sourced elsewhere as a new part.
       * `remainder_backordered` / `remainder_cancelled`: nowhere had them, and the profile's
       * backorder policy moved them to a backorder or cancelled them. `resourcing`: nothing was
       * found here (or the policy is to ship complete), so the whole order is sourced again.
       */
      outcome: z.enum(['picked', 'part_picked', 'remainder_sourced', 'remainder_backordered', 'remainder_cancelled', 'resourcing']),
      shortfall: z.array(z.object({ sku: z.string(), ordered: z.number().int(), picked: z.number().int() })),
      /** Where the remainder went, when it was sourced elsewhere. */
      remainderAt: z.array(z.string()).default([]),
      /** The backorder order the remainder moved to, if any. */
      backorder: z.object({ id: z.string(), number: z.number().int() }).nullable().default(null),
      note: z.string().nullable(),
    }),
  },
} as const;
