import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from './errors';
import { PLANNER_STEPS } from './order-lifecycle';
import { OrderIdSchema, OrderStatusSchema } from './order.schema';
import { DocLocaleSchema } from './printing.contract';

/**
 * Bulk actions of the order queue (`orders.bulk`): one action applied to many orders, each through
 * the endpoint that does it for one order — so roles, rules and the audit log are those of the single
 * action, and one order's failure neither stops nor undoes the others.
 */

/** At most this many orders per bulk call (a long queue is worked page by page). */
export const BULK_MAX_ORDERS = 500;

/** Documents printed per order from the queue (a pick list prints per wave, a shipping label per parcel). */
export const BULK_PRINT_DOCS = ['packing_slip', 'pickup_label'] as const;
export type BulkPrintDoc = (typeof BULK_PRINT_DOCS)[number];

const reason = (what: string) =>
  z
    .string({ error: `reason is required: ${what}` })
    .trim()
    .min(1, { error: `reason is required: ${what}` })
    .max(500);

export const BulkActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('advance'),
    to: OrderStatusSchema.refine((s) => PLANNER_STEPS.includes(s), {
      error: `to must be a floor step (${PLANNER_STEPS.join(', ')}); cancel with kind "cancel" and a reason`,
    }),
  }),
  z.object({ kind: z.literal('cancel'), reason: reason('say why the orders are cancelled') }),
  z.object({
    kind: z.literal('move'),
    locationId: z.string().trim().min(1, { error: 'locationId is required: the location the orders move to' }).max(64),
    reason: reason('say why the engine is overruled'),
  }),
  z.object({
    kind: z.literal('print'),
    what: z.enum(BULK_PRINT_DOCS, { error: `what must be one of ${BULK_PRINT_DOCS.join(', ')}` }),
    /** The documents' language (the desk's); the printing module's default otherwise. */
    locale: DocLocaleSchema.optional(),
  }),
]);
export type BulkAction = z.infer<typeof BulkActionSchema>;
export type BulkActionKind = BulkAction['kind'];

/**
 * The endpoint that does each action for one order: its roles are the bulk action's roles (the
 * engine checks them before touching any order; the desk reads them to show an action).
 */
export const BULK_ACTION_ENDPOINTS = {
  advance: 'orders.advance',
  cancel: 'orders.cancel',
  move: 'sourcing.override',
  print: 'printing.print',
} as const satisfies Record<BulkActionKind, string>;

export const BulkInputSchema = z.object({
  ids: z
    .array(OrderIdSchema)
    .min(1, { error: 'ids is empty: select at least one order' })
    .max(BULK_MAX_ORDERS, { error: `at most ${BULK_MAX_ORDERS} orders at once` }),
  action: BulkActionSchema,
});

const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** What happened to one order: done, or the engine's error code and message (the desk says it in its language). */
export const BulkResultSchema = z.object({
  id: z.string(),
  /** Null when there is no such order (or none the caller may see). */
  number: z.number().int().nullable(),
  /** The order's status once the action was tried (null as `number`). */
  status: OrderStatusSchema.nullable(),
  ok: z.boolean(),
  code: ErrorCodeSchema.optional(),
  message: z.string().optional(),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const BulkOutputSchema = z.object({
  /** One per order asked for, in the order asked (an id given twice is tried once). */
  results: z.array(BulkResultSchema),
  done: z.number().int(),
  failed: z.number().int(),
});
export type BulkOutput = z.infer<typeof BulkOutputSchema>;
