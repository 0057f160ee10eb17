import {
  AppError,
  HOLDS_RESERVATION,
  ORDER_TRANSITIONS,
  PLANNER_STEPS,
  type Actor,
  type FulfilmentStatus,
  type Order,
  type OrderStatus,
} from '../../../shared';
import { openBackordersOf } from '../sourcing/backorder.store';
import { assertTransition } from '../../core/lifecycle';
import { inTransaction, type Tx } from '../../db/data-source';
import { getOrder, lockOrder, recordTransition } from './order.store';
import { recordTransitions } from './order-batch.store';
import { deliverShipments, deliverShipmentsOf, recordManualShipments, recordManualShipmentsOf } from './shipment.store';
import { fulfilmentLocations, moveFulfilments, moveFulfilmentsOf, shippingParts } from '../sourcing/fulfilment.store';
import { commitReservations, commitReservationsOf, releaseReservations } from '../inventory/stock.store';
import type { WorkflowDeps } from '../../kernel/context';
import { auditNote } from '../../kernel/audit';
import { assertWorksAtOneOf } from '../../kernel/location-scope';

/** The status an order's parts follow it into, for the moves that concern the floor. */
const FULFILMENT_STATUS: Partial<Record<OrderStatus, Exclude<FulfilmentStatus, 'assigned'>>> = {
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
  return inTransaction(deps.ds, (m) => transitionOrderIn(m, id, to, actor, reason));
}

/**
 * {@link transitionOrder} inside the caller's transaction (packing moves the order to packed in the
 * transaction that writes its parcels). The caller has checked nothing: this checks and moves.
 */
export async function transitionOrderIn(m: Tx, id: string, to: OrderStatus, actor: Actor, reason?: string): Promise<Order> {
  const head = await lockOrder(m, id);
  if (!head) throw new AppError('NOT_FOUND', `No order with id ${id}`);
  // A store associate moves only orders fulfilled at their locations.
  if (actor.role === 'associate') assertWorksAtOneOf(actor, await fulfilmentLocations(m, id), `order #${head.number}`);
  assertTransition(head.status, to);
  if (head.status === 'packed' && to === 'delivered') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `order #${head.number} is packed: it ships first; a store-pickup order is delivered by handing it over at the counter (pickup.handover)`,
    );
  }
  auditNote({ locationId: head.locationId ?? undefined, before: { status: head.status }, after: { status: to } });
  let stock: Record<string, number> | undefined;
  if (to === 'cancelled' && HOLDS_RESERVATION.includes(head.status)) stock = { released: await releaseReservations(m, id, actor) };
  if (to === 'shipped') {
    stock = { committed: await commitReservations(m, id, actor) };
    await recordManualShipments(m, await shippingParts(m, id));
  }
  if (to === 'delivered') await deliverShipments(m, id);
  const foStatus = FULFILMENT_STATUS[to];
  if (foStatus) await moveFulfilments(m, id, foStatus);
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
}

/**
 * Ships or delivers many orders at once, in the caller's transaction, as {@link transitionOrderIn}
 * would each — stock committed on shipping, manual shipments for parts without one, delivery of
 * what is still on its way, the parts following, the timeline and the outbox — in one statement
 * per step for all of them. For the engine's own moves (orders following their tracked parcels):
 * the caller holds the orders' locks and read `from` under them; the transition table is checked.
 */
export async function advanceOrdersIn(
  m: Tx,
  orders: readonly { id: string; from: OrderStatus }[],
  to: 'shipped' | 'delivered',
  actor: Actor,
  reason: string,
): Promise<void> {
  if (!orders.length) return;
  for (const o of orders) assertTransition(o.from, to);
  const ids = orders.map((o) => o.id);
  let committed = new Map<string, number>();
  if (to === 'shipped') {
    committed = await commitReservationsOf(m, ids, actor);
    await recordManualShipmentsOf(m, ids);
  } else await deliverShipmentsOf(m, ids);
  await moveFulfilmentsOf(m, ids, FULFILMENT_STATUS[to]!);
  await recordTransitions(
    m,
    orders.map((o) => ({
      orderId: o.id,
      from: o.from,
      to,
      type: `order.${to}`,
      actor,
      reason,
      data: to === 'shipped' ? { committed: committed.get(o.id) ?? 0 } : null,
    })),
  );
}

/**
 * The order's backorders that have not shipped go with it (a cancelled order, or one whose lines
 * the channel replaced): each is locked, its stock released and its work on the floor cancelled.
 */
export async function cancelBackorders(m: Tx, orderId: string, actor: Actor, reason: string): Promise<number> {
  let n = 0;
  for (const b of await openBackordersOf(m, orderId)) {
    const head = await lockOrder(m, b.id);
    if (!head || !ORDER_TRANSITIONS[head.status].includes('cancelled')) continue;
    const released = HOLDS_RESERVATION.includes(head.status) ? await releaseReservations(m, b.id, actor) : 0;
    await moveFulfilments(m, b.id, 'cancelled');
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
