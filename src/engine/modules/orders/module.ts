import { AppError, OrderIdSchema, type ordersContract } from '../../../shared';
import { defineModule } from '../../kernel/define-module';
import { assertWorksAt, locationScope } from '../../kernel/location-scope';
import { getOrderDetail } from './order-views.store';
import { countOrders, listOrders, pageOfOrders } from './order-queue.store';
import { orderKpis } from './order-kpis.store';
import { deleteQueueView, listQueueViews, saveQueueView } from './queue-views.store';
import { intakeOrder } from './intake-order';
import { transitionOrder } from './transition-order';
import { bulkOrders } from './bulk-orders';

/** Orders: intake from every channel, the queue and the detail, the floor's steps and cancellation. */
export const ordersModule = defineModule<keyof typeof ordersContract>({
  name: 'orders',
  handlers: {
    // A REST request already in the inbox has its row settled by the order's own insert.
    'orders.create': (ctx, input, actor, internal) =>
      intakeOrder(ctx, input.order, input.idempotencyKey, actor, { settleInbox: internal?.settleInbox }),
    // A store associate reads their locations' orders only: naming another location is refused.
    'orders.list': (ctx, q, actor) => {
      if (q.locationId) assertWorksAt(actor, q.locationId);
      return listOrders(ctx.ds.manager, q, locationScope(actor));
    },
    'orders.page': (ctx, q, actor) => {
      if (q.locationId) assertWorksAt(actor, q.locationId);
      return pageOfOrders(ctx.ds.manager, q, locationScope(actor));
    },
    'orders.counts': (ctx, q, actor) => {
      if (q.locationId) assertWorksAt(actor, q.locationId);
      return countOrders(ctx.ds.manager, q, locationScope(actor));
    },
    // The KPI strip: an associate's figures are their locations' orders only.
    'orders.kpis': (ctx, _input, actor) => orderKpis(ctx.ds.manager, locationScope(actor)),
    // Another location's order is "no such order" to an associate, not "forbidden": it says nothing of it.
    'orders.get': async (ctx, { id }, actor) => {
      if (!OrderIdSchema.safeParse(id).success) throw new AppError('NOT_FOUND', `No order with id ${id}`);
      const d = await getOrderDetail(ctx.ds.manager, id, locationScope(actor));
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
    // Each order through its single endpoint (roles, workflow, audit row), one failure never stopping the rest.
    'orders.bulk': (ctx, input, actor) => bulkOrders(ctx, input, actor),
    // Saved queue views belong to the person signed in: the actor's id, never one named in the input.
    'orders.views.list': (ctx, _input, actor) => listQueueViews(ctx.ds.manager, actor.id),
    'orders.views.save': (ctx, { name, query }, actor) => saveQueueView(ctx.ds.manager, actor.id, name, query),
    'orders.views.delete': async (ctx, { id }, actor) => ({ deleted: await deleteQueueView(ctx.ds.manager, actor.id, id) }),
  },
});
