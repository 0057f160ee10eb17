import { z } from 'zod';
import { ReasonRefSchema } from './reasons';
import { DESK_ROLES, SUPERVISOR_ONLY } from './roles';
import { OrderIdSchema, OrderSchema, OrderStatusSchema } from './order.schema';

/**
 * Sourcing's operations: a supervisor overrides the engine's choice, and orders that cannot be
 * sourced wait in the unroutable queue. (The floor's rejections and pick reports are in
 * floor.contract.ts.) Every input is parsed here, before a handler runs.
 */

const orderId = OrderIdSchema;
const locationId = z
  .string()
  .trim()
  .min(1, { error: 'locationId is required: pick one of the locations the override dialog lists' })
  .max(64);

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
  /** `reason` as codes and parameters (src/shared/reasons.ts) for a client that says it in its own words; null when not in the catalogue. */
  reasonCodes: z.array(ReasonRefSchema).nullable().optional(),
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
    roles: SUPERVISOR_ONLY,
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
    roles: SUPERVISOR_ONLY,
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
  /** Orders that cannot be sourced, in the order they will be retried. */
  'unroutable.list': {
    kind: 'query',
    roles: DESK_ROLES,
    input: z.object({ limit: z.number().int().min(1).max(500).default(200) }).default({ limit: 200 }),
    output: z.object({ rows: z.array(UnroutableRowSchema), total: z.number().int() }),
  },
  /** Tries to source one unroutable order now. */
  'unroutable.retry': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ orderId }),
    output: z.object({
      orderId: z.string(),
      status: z.enum(['sourced', 'unfillable', 'skipped']),
      locationId: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  },
} as const;
