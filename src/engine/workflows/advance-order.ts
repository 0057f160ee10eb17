import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError, HOLDS_RESERVATION, ORDER_TRANSITIONS, PLANNER_STEPS, type Order, type OrderStatus } from '../../shared';
import { openBackordersOf } from '../adapters/db/backorder-store';
import { assertTransition } from '../core/lifecycle';
import { inTransaction } from '../adapters/db/data-source';
import { getOrder, lockOrder, recordTransition } from '../adapters/db/order-store';
import { commitReservations, releaseReservations } from '../adapters/db/stock-store';
import type { Actor } from '../engine.types';
import type { WorkflowDeps } from './deps';

const FULFILMENT_STATUS: Partial<Record<OrderStatus, string>> = {
  picked: 'picked',
  packed: 'packed',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
};

/**
 * Moves an order one step on the floor (picked → packed → shipped → delivered) or cancels it.
 * The transition table decides what is legal; stock follows the status in the same transaction:
 * shipping commits the reservation (units leave on hand), cancelling releases it.
 */
export async function transitionOrder(deps: WorkflowDeps, id: string, to: OrderStatus, actor: Actor, reason?: string): Promise<Order> {
  if (to !== 'cancelled' && !PLANNER_STEPS.includes(to)) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `"${to}" is set by the engine, not by hand; a planner can move an order to ${PLANNER_STEPS.join(', ')} or cancel it`,
    );
  }
  return inTransaction(deps.ds, async (m) => {
    const head = await lockOrder(m, id);
    if (!head) throw new AppError('NOT_FOUND', `No order with id ${id}`);
    assertTransition(head.status, to);
    let stock: Record<string, number> | undefined;
    if (to === 'cancelled' && HOLDS_RESERVATION.includes(head.status)) stock = { released: await releaseReservations(m, id, actor) };
    if (to === 'shipped') {
      stock = { committed: await commitReservations(m, id, actor) };
      const fo: { id: string }[] = await m.query(`SELECT id FROM fulfilment_orders WHERE order_id = $1 AND status <> 'cancelled'`, [id]);
      for (const f of fo)
        await m.query(`INSERT INTO shipments (id, fulfilment_order_id, carrier, status) VALUES ($1, $2, 'manual', 'shipped')`, [
          randomUUID(),
          f.id,
        ]);
    }
    if (to === 'delivered') {
      await m.query(
        `UPDATE shipments SET status = 'delivered', delivered_at = now() WHERE fulfilment_order_id IN (SELECT id FROM fulfilment_orders WHERE order_id = $1) AND status = 'shipped'`,
        [id],
      );
    }
    const foStatus = FULFILMENT_STATUS[to];
    if (foStatus)
      await m.query(`UPDATE fulfilment_orders SET status = $2, updated_at = now() WHERE order_id = $1 AND status <> 'cancelled'`, [
        id,
        foStatus,
      ]);
    await recordTransition(m, {
      orderId: id,
      from: head.status,
      to,
      type: `order.${to}`,
      actor,
      reason: reason ?? null,
      data: stock ?? null,
    });
    if (to === 'cancelled') await cancelBackorders(m, id, actor, `order #${head.number} was cancelled${reason ? `: ${reason}` : ''}`);
    return (await getOrder(m, id))!;
  });
}

/**
 * The order's backorders that have not shipped go with it (a cancelled order, or one whose lines
 * the channel replaced): each is locked, its stock released and its work on the floor cancelled.
 */
export async function cancelBackorders(m: EntityManager, orderId: string, actor: Actor, reason: string): Promise<number> {
  let n = 0;
  for (const b of await openBackordersOf(m, orderId)) {
    const head = await lockOrder(m, b.id);
    if (!head || !ORDER_TRANSITIONS[head.status].includes('cancelled')) continue;
    const released = HOLDS_RESERVATION.includes(head.status) ? await releaseReservations(m, b.id, actor) : 0;
    await m.query(`UPDATE fulfilment_orders SET status = 'cancelled', updated_at = now() WHERE order_id = $1 AND status <> 'cancelled'`, [
      b.id,
    ]);
    await recordTransition(m, {
      orderId: b.id,
      from: head.status,
      to: 'cancelled',
      type: 'order.cancelled',
      actor,
      reason: reason.slice(0, 500),
      data: { released, backorderOf: orderId },
    });
    n++;
  }
  return n;
}
