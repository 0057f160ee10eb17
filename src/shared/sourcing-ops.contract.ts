import { z } from 'zod';
import { OrderSchema, OrderStatusSchema } from './order.schema';

/**
 * The floor pushes back: a supervisor overrides the engine's choice, a store rejects an order with
 * a reason code, a pick comes up short, and orders that cannot be sourced wait in the unroutable
 * queue. Every input is parsed here, before a handler runs.
 */

const orderId = z.uuid({ error: 'orderId must be the order id (a UUID), as shown in the order detail' });
const locationId = z
  .string()
  .trim()
  .min(1, { error: 'locationId is required: pick one of the locations the override dialog lists' })
  .max(64);

/** Reason codes a store gives when it cannot fulfil an order. */
export const REJECTION_REASONS = ['not_in_stock', 'damaged', 'no_capacity'] as const;
export const RejectionReasonSchema = z.enum(REJECTION_REASONS, { error: `reasonCode must be one of ${REJECTION_REASONS.join(', ')}` });
export type RejectionReason = z.infer<typeof RejectionReasonSchema>;

/** A location the supervisor may move an order to, with what it has for the order's lines. */
export const OverrideOptionSchema = z.object({
  locationId: z.string(),
  locationName: z.string(),
  kind: z.string(),
  city: z.string(),
  distanceKm: z.number(),
  /** Position in the engine's ranked candidates (1 = its choice), null when it did not rank it. */
  engineRank: z.number().int().nullable(),
  /** Units available for the order's tightest line (available ÷ needed decides). */
  available: z.number().int(),
  lines: z.array(z.object({ sku: z.string(), needed: z.number().int(), available: z.number().int() })),
  /** Every line can be reserved here now. */
  canFill: z.boolean(),
  /** The order is assigned here today. */
  current: z.boolean(),
  /** Why the engine would not send it here (the store rejected it, no capacity today); a supervisor may still. */
  excludedReason: z.string().nullable(),
});
export type OverrideOption = z.infer<typeof OverrideOptionSchema>;

const ChoiceSchema = z.object({ locationId: z.string(), locationName: z.string() }).nullable();

export const UnroutableRowSchema = z.object({
  orderId: z.string(),
  number: z.number().int(),
  channel: z.string(),
  customerName: z.string(),
  customerTier: z.string().nullable(),
  promisedAt: z.string().nullable(),
  createdAt: z.string(),
  totalUnits: z.number().int(),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  lastAttemptAt: z.string().nullable(),
  /** 1 = retried first. */
  priority: z.number().int(),
});
export type UnroutableRow = z.infer<typeof UnroutableRowSchema>;

export const sourcingOpsContract = {
  /** What the override dialog lists: the engine's ranked candidates and every other location with stock. */
  'sourcing.overrideOptions': {
    kind: 'query',
    input: z.object({ orderId }),
    output: z.object({
      orderId: z.string(),
      status: OrderStatusSchema,
      currentLocationId: z.string().nullable(),
      engineChoice: ChoiceSchema,
      options: z.array(OverrideOptionSchema),
    }),
  },
  /** Moves an order to another location: released there, reserved here, in one transaction; audited. */
  'sourcing.override': {
    kind: 'command',
    input: z.object({
      orderId,
      locationId,
      reason: z
        .string({ error: 'reason is required: say why the engine is overruled' })
        .trim()
        .min(1, { error: 'reason is required: say why the engine is overruled' })
        .max(500),
      /** Move only these lines (by SKU); the rest stays where it is. Absent = the whole order. */
      skus: z
        .array(z.string().trim().min(1).max(64))
        .min(1, { error: 'skus, when given, must name at least one line to move' })
        .max(500)
        .optional(),
    }),
    output: z.object({ order: OrderSchema, engineChoice: ChoiceSchema, previousLocationId: z.string().nullable() }),
  },
  /** A store cannot fulfil an order: stock is corrected by the reason and the order is re-sourced elsewhere. */
  'fulfilment.reject': {
    kind: 'command',
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
  /** Orders that cannot be sourced, in the order they will be retried. */
  'unroutable.list': {
    kind: 'query',
    input: z.object({ limit: z.number().int().min(1).max(500).default(200) }).default({ limit: 200 }),
    output: z.object({ rows: z.array(UnroutableRowSchema), total: z.number().int() }),
  },
  /** Tries to source one unroutable order now. */
  'unroutable.retry': {
    kind: 'command',
    input: z.object({ orderId }),
    output: z.object({
      orderId: z.string(),
      status: z.enum(['sourced', 'unfillable', 'skipped']),
      locationId: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  },
} as const;
