import { z } from 'zod';
import { OrderListQuerySchema, OrderPageSchema, QueueViewQuerySchema, QueueViewSchema } from './order-queue.schema';
import { OrderDetailSchema, OrderIdSchema, OrderInputSchema, OrderSchema, OrderStatusSchema } from './order.schema';
import { DESK_ROLES, ORDER_READERS } from './roles';

/** Orders: created by a channel or the desk, listed and read by everyone, walked along the floor's steps, cancelled with a reason. */
export const ordersContract = {
  'orders.create': {
    kind: 'command',
    roles: ['planner', 'supervisor', 'associate', 'integrator', 'system'],
    input: z.object({ order: OrderInputSchema, idempotencyKey: z.string().min(1).max(200).optional() }),
    output: z.object({ order: OrderSchema, replayed: z.boolean() }),
  },
  'orders.list': { kind: 'query', roles: ORDER_READERS, input: OrderListQuerySchema, output: OrderPageSchema },
  /** Any text as the id: one that is not an order id names no order (404, as for an id that names none). */
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
