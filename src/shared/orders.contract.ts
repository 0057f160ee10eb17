import { z } from 'zod';
import {
  OrderListQuerySchema,
  OrderPageSchema,
  OrderQueueCountsSchema,
  OrderRowsPageSchema,
  QueueViewQuerySchema,
  QueueViewSchema,
} from './order-queue.schema';
import { OrderDetailSchema, OrderIdSchema, OrderInputSchema, OrderSchema, OrderStatusSchema } from './order.schema';
import { BulkInputSchema, BulkOutputSchema } from './order-bulk.schema';
import { OrderKpisSchema } from './order-kpis.schema';
import { DESK_ROLES, FLOOR_ROLES, ORDER_READERS } from './roles';

/** Orders: created by a channel or the desk, listed and read by everyone, walked along the floor's steps, cancelled with a reason. */
export const ordersContract = {
  'orders.create': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate', 'integrator', 'system'],
    input: z.object({ order: OrderInputSchema, idempotencyKey: z.string().min(1).max(200).optional() }),
    output: z.object({ order: OrderSchema, replayed: z.boolean() }),
  },
  'orders.list': { kind: 'query', roles: ORDER_READERS, input: OrderListQuerySchema, output: OrderPageSchema },
  /**
   * The page and its counts apart: a desk reads the page again after every live change (a
   * millisecond's read at 100k orders) and the counts (tens of milliseconds, over every matching
   * order) at most twice a second, so a new order reaches the screen without waiting on them.
   */
  'orders.page': { kind: 'query', roles: ORDER_READERS, input: OrderListQuerySchema, output: OrderRowsPageSchema },
  'orders.counts': { kind: 'query', roles: ORDER_READERS, input: OrderListQuerySchema, output: OrderQueueCountsSchema },
  /** Any text as the id: one that is not an order id names no order (404, as for an id that names none). */
  /**
   * The KPI strip's six figures, in one statement as of the database's clock (each defined in
   * `order-kpis.schema.ts`): orders/h (last 60 min and the hour before), order fill rate at the first
   * sourcing decision and split rate (customer orders received in the last 24 h), on-time % (orders
   * that left in the last 24 h, by their `due_at`), backlog age (oldest and median open order) and the
   * queue's at-risk and late counts. An associate's figures cover their locations' orders only.
   */
  'orders.kpis': { kind: 'query', roles: ORDER_READERS, input: z.object({}).default({}), output: OrderKpisSchema },
  'orders.get': { kind: 'query', roles: ORDER_READERS, input: z.object({ id: z.string().min(1).max(64) }), output: OrderDetailSchema },
  'orders.advance': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate', 'system'],
    input: z.object({ id: OrderIdSchema, to: OrderStatusSchema, reason: z.string().max(500).optional() }),
    output: OrderSchema,
  },
  'orders.cancel': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'system'],
    input: z.object({ id: OrderIdSchema, reason: z.string().trim().min(1).max(500) }),
    output: OrderSchema,
  },
  /**
   * One action on many orders (advance, cancel with a reason, move to another location, print), each
   * order through its single endpoint (BULK_ACTION_ENDPOINTS) in its own transaction: the roles of
   * that endpoint apply (the handler checks them first), each change is audited as the single one is,
   * and one failure neither stops nor undoes the others. Answers per order: done, or why not.
   */
  'orders.bulk': { kind: 'command', roles: FLOOR_ROLES, input: BulkInputSchema, output: BulkOutputSchema },
  /** The signed-in person's saved queue views (name, filters, sort), by name. */
  'orders.views.list': { kind: 'query', roles: DESK_ROLES, input: z.object({}).default({}), output: z.array(QueueViewSchema) },
  /** Saves a view under its name for the signed-in person (a view of the same name is replaced). */
  'orders.views.save': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ name: z.string().trim().min(1).max(60), query: QueueViewQuerySchema }),
    output: QueueViewSchema,
  },
  /** Deletes one of the signed-in person's views (another person's is "no such view"). */
  'orders.views.delete': {
    kind: 'command',
    roles: DESK_ROLES,
    input: z.object({ id: z.uuid() }),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;
