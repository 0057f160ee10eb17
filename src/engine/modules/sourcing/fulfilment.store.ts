import { FULFILMENT_TRANSITIONS, type FulfilmentStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { statusGuard } from '../../db/sql';

/** A fulfilment order's status guard for a move into `to` (see FULFILMENT_TRANSITIONS). */
export const fulfilmentInto = (to: FulfilmentStatus, only?: readonly FulfilmentStatus[]) => statusGuard(FULFILMENT_TRANSITIONS, to, only);

const INTO = {
  picked: fulfilmentInto('picked'),
  packed: fulfilmentInto('packed'),
  shipped: fulfilmentInto('shipped'),
  delivered: fulfilmentInto('delivered'),
  cancelled: fulfilmentInto('cancelled'),
} as const;

/**
 * Moves every part of an order that may go there to `to` (its order walked a floor step, or was
 * cancelled): a part that already left (cancelled, or further on) stays as it is.
 */
export async function moveFulfilments(m: Tx, orderId: string, to: Exclude<FulfilmentStatus, 'assigned'>): Promise<void> {
  await moveFulfilmentsOf(m, [orderId], to);
}

/** {@link moveFulfilments} for many orders, in one statement. */
export async function moveFulfilmentsOf(m: Tx, orderIds: readonly string[], to: Exclude<FulfilmentStatus, 'assigned'>): Promise<void> {
  if (!orderIds.length) return;
  await m.query(`UPDATE fulfilment_orders SET status = $2, updated_at = now() WHERE order_id = ANY($1::uuid[]) AND status IN ${INTO[to]}`, [
    [...orderIds],
    to,
  ]);
}

/** Moves the order's parts at one location into `to` (a location packed its part; its other locations still have theirs to do). */
export async function moveFulfilmentsAt(
  m: Tx,
  orderId: string,
  locationId: string,
  to: Exclude<FulfilmentStatus, 'assigned'>,
): Promise<void> {
  await m.query(
    `UPDATE fulfilment_orders SET status = $3, updated_at = now() WHERE order_id = $1 AND location_id = $2 AND status IN ${INTO[to]}`,
    [orderId, locationId, to],
  );
}

/** The parts of an order that ship (every part not cancelled). */
export async function shippingParts(m: Tx, orderId: string): Promise<string[]> {
  const rows: { id: string }[] = await m.query(`SELECT id FROM fulfilment_orders WHERE order_id = $1 AND status <> 'cancelled'`, [orderId]);
  return rows.map((r) => r.id);
}

/** Where an order is fulfilled: the locations of its parts not cancelled (a location scope's check for commands). */
export async function fulfilmentLocations(m: Tx, orderId: string): Promise<string[]> {
  const rows: { location_id: string }[] = await m.query(
    `SELECT DISTINCT location_id FROM fulfilment_orders WHERE order_id = $1 AND status <> 'cancelled' ORDER BY location_id`,
    [orderId],
  );
  return rows.map((r) => r.location_id);
}

/** How many of an order's parts are picked (picking has started). */
export async function pickedParts(m: Tx, orderId: string): Promise<number> {
  const rows: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM fulfilment_orders WHERE order_id = $1 AND status = 'picked'`,
    [orderId],
  );
  return rows[0]?.n ?? 0;
}
