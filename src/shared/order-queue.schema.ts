import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from './order-lifecycle';
import { OrderSchema, OrderStatusSchema } from './order.schema';

/**
 * The planner's order queue (`orders.list`): its table state in, one page with urgency facts and
 * counts out. The engine answers it from SQL; the desk never holds more than a page.
 */

/**
 * Statuses in which an order still waits on the planner or the floor: the ones that can be late.
 * A shipped order is in a carrier's hands (the late board follows it), a delivered or cancelled one is done.
 */
export const QUEUE_OPEN_STATUSES = ['received', 'unfillable', 'sourced', 'picked', 'packed'] as const satisfies readonly OrderStatus[];

/**
 * The service level an order gets when its channel promised no date: due this many hours after it
 * arrived. The database computes `orders.due_at` with it (`db/functions/atalaya_order_due_at.sql`,
 * which holds the same number).
 */
export const DEFAULT_SLA_HOURS = 48;

/** An open order due within this many hours (and not yet late) is "at risk". */
export const AT_RISK_HOURS = 4;

/** `urgency`: late first, then least time left; orders no longer open come after every open one. */
export const ORDER_SORT_FIELDS = [
  'number',
  'createdAt',
  'updatedAt',
  'status',
  'channel',
  'totalUnits',
  'customer',
  'location',
  'urgency',
] as const;

/** Narrow the queue to late orders, or to those at risk of being late (open, due within {@link AT_RISK_HOURS}). */
export const QUEUE_URGENCY_FILTERS = ['late', 'atRisk'] as const;
export type QueueUrgencyFilter = (typeof QUEUE_URGENCY_FILTERS)[number];

/** The queue's table state; the engine answers it from SQL. */
export const OrderListQuerySchema = z.object({
  page: z.number().int().min(0).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
  sort: z.enum(ORDER_SORT_FIELDS).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  status: z.array(OrderStatusSchema).max(ORDER_STATUSES.length).optional(),
  channel: z.string().max(40).optional(),
  locationId: z.string().max(64).optional(),
  /** Free text: order number, external id, customer name or city. */
  search: z.string().trim().max(120).optional(),
  urgency: z.enum(QUEUE_URGENCY_FILTERS).optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

/**
 * A queue row: the order and its deadline. Optional only so that answers built as plain `Order`s
 * (other features' fakes) still satisfy the contract; the engine always sends both.
 */
export const QueueOrderSchema = OrderSchema.extend({
  /** The date the channel (or the shipping decision) promised, if any. */
  promisedAt: z.string().nullable().optional(),
  /** When the order is due: the promise, or arrival + {@link DEFAULT_SLA_HOURS} without one. */
  dueAt: z.string().nullable().optional(),
});
export type QueueOrder = z.infer<typeof QueueOrderSchema>;

/**
 * What the toolbar counts, over the same filters as the page except status and urgency (so each
 * status chip says how many orders it would show): orders per status, and open orders late or at
 * risk as of `asOf` (the database's clock).
 */
export const QueueCountsSchema = z.object({
  byStatus: z.partialRecord(OrderStatusSchema, z.number().int()),
  late: z.number().int(),
  atRisk: z.number().int(),
  asOf: z.string(),
});
export type QueueCounts = z.infer<typeof QueueCountsSchema>;

export const OrderPageSchema = z.object({
  rows: z.array(QueueOrderSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Sent by the engine with every page; optional for the same reason as the rows' deadline. */
  counts: QueueCountsSchema.optional(),
});
export type OrderPage = z.infer<typeof OrderPageSchema>;

/** The page alone (`orders.page`): what a desk reads again after a live change. */
export const OrderRowsPageSchema = OrderPageSchema.pick({ rows: true, page: true, pageSize: true });
export type OrderRowsPage = z.infer<typeof OrderRowsPageSchema>;

/** The counts alone (`orders.counts`): how many orders the filters match, and the toolbar's counts. */
export const OrderQueueCountsSchema = z.object({ total: z.number().int(), counts: QueueCountsSchema });
export type OrderQueueCounts = z.infer<typeof OrderQueueCountsSchema>;

/** What a saved view keeps of the queue: its filters and sort (not the page). */
export const QueueViewQuerySchema = OrderListQuerySchema.pick({
  sort: true,
  dir: true,
  status: true,
  channel: true,
  locationId: true,
  search: true,
  urgency: true,
});
export type QueueViewQuery = z.infer<typeof QueueViewQuerySchema>;

/** A planner's named queue view, stored in the engine under their user so it follows them to any desk. */
export const QueueViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: QueueViewQuerySchema,
  updatedAt: z.string(),
});
export type QueueView = z.infer<typeof QueueViewSchema>;
