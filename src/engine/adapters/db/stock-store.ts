import type { EntityManager } from 'typeorm';
import type { Actor } from '../../engine.types';
import { preparedRows, returningRows } from './sql';

/**
 * Reserves every line at one location and, if all were reserved, assigns the order there — the
 * fulfilment order, reservations, ledger rows, the order's new status, its timeline event and the
 * announcement, all in one statement. The guard is in the UPDATE itself
 * (`on_hand − reserved − safety ≥ qty`): two transactions can never both take the last unit,
 * because the second re-checks the guard on the row the first one changed and updates nothing.
 * With several lines, some rows may be reserved when another line failed: the caller wraps
 * multi-line calls in a savepoint and rolls it back when this returns false.
 */
export async function reserveAndAssign(
  m: EntityManager,
  r: { locationId: string; orderId: string; fromStatus: string; fulfilmentOrderId: string; lines: { sku: string; quantity: number }[]; actor: Actor; decision: Record<string, unknown> },
): Promise<boolean> {
  const lines = [...r.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const rows: { reserved: number }[] = await preparedRows(
    m,
    'atalaya_reserve',
    `WITH want AS (SELECT * FROM unnest($2::text[], $3::int[]) AS w(sku, qty)),
     upd AS (
       UPDATE stock s SET reserved = s.reserved + w.qty, updated_at = now()
       FROM want w
       WHERE s.location_id = $1 AND s.sku = w.sku AND s.on_hand - s.reserved - s.safety_stock >= w.qty
       RETURNING s.sku, w.qty),
     ok AS (SELECT count(*) = $6 AS all_reserved FROM upd),
     fo AS (
       INSERT INTO fulfilment_orders (id, order_id, location_id, status)
       SELECT $4, $5, $1, 'assigned' FROM ok WHERE ok.all_reserved RETURNING id),
     res AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status)
       SELECT $5, fo.id, $1, upd.sku, upd.qty, 'reserved' FROM upd, fo),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT $1, upd.sku, 0, upd.qty, 'reserve', $5, $7 FROM upd, ok WHERE ok.all_reserved),
     ord AS (
       UPDATE orders SET status = 'sourced', location_id = $1, unfillable_reason = NULL, updated_at = now()
       FROM ok WHERE orders.id = $5 AND ok.all_reserved RETURNING orders.id, orders.number, orders.updated_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, data)
       SELECT ord.id, 'order.sourced', $9, 'sourced', $7, $8, $10 FROM ord),
     out AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(ord.id, ord.number, 'sourced', $9::text, $1::text, ord.updated_at) FROM ord)
     SELECT (SELECT count(*) FROM upd)::int AS reserved`,
    [r.locationId, lines.map((l) => l.sku), lines.map((l) => l.quantity), r.fulfilmentOrderId, r.orderId, lines.length, r.actor.id, r.actor.name, r.fromStatus, r.decision],
  );
  return rows[0]?.reserved === lines.length;
}

/** Releases an order's open reservations (cancel): reserved goes down, on hand stays. */
export async function releaseReservations(m: EntityManager, orderId: string, actor: Actor): Promise<number> {
  return settle(m, orderId, actor, 'released');
}

/** Commits an order's reservations at shipment: the units leave on hand and reserved together. */
export async function commitReservations(m: EntityManager, orderId: string, actor: Actor): Promise<number> {
  return settle(m, orderId, actor, 'committed');
}

async function settle(m: EntityManager, orderId: string, actor: Actor, to: 'released' | 'committed'): Promise<number> {
  const rows = await returningRows<{ location_id: string; sku: string; quantity: number }>(
    m,
    `UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = $1 AND status = 'reserved' RETURNING location_id, sku, quantity`,
    [orderId, to],
  );
  if (rows.length === 0) return 0;
  rows.sort((a, b) => (a.location_id + a.sku < b.location_id + b.sku ? -1 : 1));
  const locs = rows.map((r) => r.location_id);
  const skus = rows.map((r) => r.sku);
  const qtys = rows.map((r) => r.quantity);
  const onHandDelta = to === 'committed' ? qtys.map((q) => -q) : qtys.map(() => 0);
  await m.query(
    `UPDATE stock s SET reserved = s.reserved - t.qty, on_hand = s.on_hand + t.dh, updated_at = now()
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(loc, sku, qty, dh)
     WHERE s.location_id = t.loc AND s.sku = t.sku`,
    [locs, skus, qtys, onHandDelta],
  );
  await m.query(
    `INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
     SELECT loc, sku, dh, -qty, $5, $6, $7 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS t(loc, sku, qty, dh)`,
    [locs, skus, qtys, onHandDelta, to === 'committed' ? 'ship' : 'release', orderId, actor.id],
  );
  return rows.length;
}
