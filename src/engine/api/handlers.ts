import { AppError, type Endpoint } from '../../shared';
import { getOrderDetail, listOrders } from '../adapters/db/order-store';
import { listLocationHealth } from '../adapters/db/location-store';
import { transitionOrder } from '../workflows/advance-order';
import { channelHandlers } from './channel.handlers';
import type { Handler } from './handler.types';
import { intakeOrder } from '../workflows/intake-order';
import { entryHandlers } from './entry.handlers';
import { importHandlers } from './import.handlers';
import { inventoryHandlers } from './inventory.handlers';
import { sourcingHandlers } from './sourcing.handlers';
import { sourcingOpsHandlers } from './sourcing-ops.handlers';
import { floorHandlers } from './floor.handlers';

export type { HandlerContext, InternalCall } from './handler.types';

/** The implementation of every endpoint of the contract; the type makes a missing one a build error. Areas keep theirs in `<area>.handlers.ts` (typed with `HandlersFor`) and spread them in here. */
export const handlers: { [E in Endpoint]: Handler<E> } = {
  ...channelHandlers,
  ...importHandlers,
  ...entryHandlers,
  // A REST request already in the inbox has its row settled by the order's own insert.
  'orders.create': (ctx, input, actor, internal) =>
    intakeOrder(ctx, input.order, input.idempotencyKey, actor, { settleInbox: internal?.settleInbox }),
  'orders.list': (ctx, q) => listOrders(ctx.ds.manager, q),
  'orders.get': async (ctx, { id }) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND', `No order with id ${id}`);
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
  'locations.list': (ctx) => listLocationHealth(ctx.ds.manager),
  'system.health': (ctx) => ctx.health(),
  'system.settings': async (ctx, _input, actor) => ({
    tileUrl: ctx.config.tileUrl ?? null,
    simulatorRate: ctx.simulator.rate(),
    user: { name: actor.name, role: actor.role },
  }),
  'demo.simulate': async (ctx, { ordersPerMinute }) => {
    ctx.simulator.setRate(ordersPerMinute);
    return { ordersPerMinute: ctx.simulator.rate() };
  },
  ...inventoryHandlers,
  ...sourcingHandlers,
  ...sourcingOpsHandlers,
  ...floorHandlers,
};
