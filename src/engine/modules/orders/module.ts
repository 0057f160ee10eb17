import { AppError, OrderIdSchema, type ordersContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { getOrderDetail, listOrders } from './order-views.store';
import { intakeOrder } from './intake-order';
import { transitionOrder } from './workflows/transition-order';

/** Orders: intake from every channel, the queue and the detail, the floor's steps and cancellation. */
export const ordersModule = defineModule<keyof typeof ordersContract>({
  name: 'orders',
  handlers: {
    // A REST request already in the inbox has its row settled by the order's own insert.
    'orders.create': (ctx, input, actor, internal) =>
      intakeOrder(ctx, input.order, input.idempotencyKey, actor, { settleInbox: internal?.settleInbox }),
    'orders.list': (ctx, q) => listOrders(ctx.ds.manager, q),
    'orders.get': async (ctx, { id }) => {
      if (!OrderIdSchema.safeParse(id).success) throw new AppError('NOT_FOUND', `No order with id ${id}`);
      const d = await getOrderDetail(ctx.ds.manager, id);
      if (!d) throw new AppError('NOT_FOUND', `No order with id ${id}`);
      return d;
    },
    'orders.advance': (ctx, { id, to, reason }, actor) => {
      if (to === 'cancelled')
        throw new AppError('VALIDATION_FAILED', 'Use orders.cancel to cancel an order (a reason is required)', [
          { path: 'to', message: 'cancelled is not a floor step' },
        ]);
      return transitionOrder(ctx, id, to, actor, reason);
    },
    'orders.cancel': (ctx, { id, reason }, actor) => transitionOrder(ctx, id, 'cancelled', actor, reason),
  },
});
