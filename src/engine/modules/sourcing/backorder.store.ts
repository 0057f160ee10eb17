import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/data-source';
import type { Actor } from '../../../shared';
import { returningRows } from '../../db/sql';
import { fulfilmentInto } from './fulfilment.store';

/**
 * SQL of partial fulfilment: a location's part picked, part of a reservation given back, units
 * moved to a backorder order or cancelled. Each is one statement that writes the timeline event and
 * the desks' announcement with the change.
 */

export interface OpenPart {
  id: string;
  locationId: string;
  status: 'assigned' | 'picked';
  /** What this part holds (its open reservations), per SKU. */
  lines: { sku: string; quantity: number }[];
}

/** The order's fulfilment orders that are still on the floor (assigned or picked), oldest first, with what each holds. */
export async function openParts(m: Tx, orderId: string): Promise<OpenPart[]> {
  const rows: { id: string; location_id: string; status: OpenPart['status']; lines: { sku: string; quantity: number }[] | null }[] =
    await m.query(
      `SELECT f.id, f.location_id, f.status,
       (SELECT json_agg(json_build_object('sku', r.sku, 'quantity', r.q) ORDER BY r.sku)
          FROM (SELECT sku, sum(quantity)::int AS q FROM reservations WHERE fulfilment_order_id = f.id AND status = 'reserved' GROUP BY sku) r) AS lines
     FROM fulfilment_orders f WHERE f.order_id = $1 AND f.status IN ('assigned', 'picked') ORDER BY f.created_at, f.id`,
      [orderId],
    );
  return rows.map((r) => ({ id: r.id, locationId: r.location_id, status: r.status, lines: r.lines ?? [] }));
}

/**
 * A part keeps only the units found: for each SKU its open reservation is released and, when some
 * were found, re-reserved for that many (reservation rows change status, never quantity), with one
 * ledger row for the net release. Returns the units given back per SKU.
 */
export async function keepFound(
  m: Tx,
  p: { orderId: string; fulfilmentOrderId: string; keep: { sku: string; quantity: number }[]; actor: Actor },
): Promise<{ sku: string; released: number }[]> {
  const keep = [...p.keep].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  const rows = await returningRows<{ sku: string; released: number }>(
    m,
    `WITH want AS (SELECT * FROM unnest($2::text[], $3::int[]) AS w(sku, keep)),
     rel AS (
       UPDATE reservations r SET status = 'released', updated_at = now() FROM want w
       WHERE r.fulfilment_order_id = $1 AND r.sku = w.sku AND r.status = 'reserved'
       RETURNING r.location_id, r.sku, r.quantity, r.channel, w.keep),
     agg AS (SELECT location_id, sku, sum(quantity)::int AS q, min(keep) AS keep, min(channel) AS channel FROM rel GROUP BY location_id, sku),
     again AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
       SELECT $4, $1, location_id, sku, least(keep, q), 'reserved', channel FROM agg WHERE keep > 0),
     st AS (
       UPDATE stock s SET reserved = s.reserved - (agg.q - least(agg.keep, agg.q)), updated_at = now()
       FROM agg WHERE s.location_id = agg.location_id AND s.sku = agg.sku AND agg.q > agg.keep),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT location_id, sku, 0, -(q - least(keep, q)), 'release', $4, $5 FROM agg WHERE q > keep)
     SELECT sku, (q - least(keep, q))::int AS released FROM agg ORDER BY sku`,
    [p.fulfilmentOrderId, keep.map((k) => k.sku), keep.map((k) => k.quantity), p.orderId, p.actor.id],
  );
  return rows;
}

/** A part is settled from `assigned` only, into `picked` or `cancelled`: both moves are checked against FULFILMENT_TRANSITIONS. */
const SETTLE_FROM = fulfilmentInto('picked', ['assigned']);
if (fulfilmentInto('cancelled', ['assigned']) !== SETTLE_FROM)
  throw new Error('Lifecycle: a part is settled from the same statuses into picked or cancelled');

/**
 * Moves a part on: `picked` when it holds something, `cancelled` when nothing is left in it. A part
 * already cancelled with nothing reserved (emptied by a short pick and cancelled by `settleSplit`
 * when its remainder was sourced elsewhere) is settled as `cancelled`.
 */
export async function settlePart(m: Tx, fulfilmentOrderId: string): Promise<'picked' | 'cancelled'> {
  const rows = await returningRows<{ status: 'picked' | 'cancelled' }>(
    m,
    `UPDATE fulfilment_orders f SET updated_at = now(),
       status = CASE WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.fulfilment_order_id = f.id AND r.status = 'reserved') THEN 'picked' ELSE 'cancelled' END
     WHERE f.id = $1 AND f.status IN ${SETTLE_FROM} RETURNING f.status`,
    [fulfilmentOrderId],
  );
  if (rows[0]) return rows[0].status;
  const emptied: unknown[] = await m.query(
    `SELECT 1 FROM fulfilment_orders f WHERE f.id = $1 AND f.status = 'cancelled'
       AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.fulfilment_order_id = f.id AND r.status = 'reserved')`,
    [fulfilmentOrderId],
  );
  if (emptied.length) return 'cancelled';
  throw new Error(`fulfilment order ${fulfilmentOrderId} is no longer waiting to be picked: it cannot be settled`);
}

/** How many of the order's parts still wait to be picked. */
export async function partsToPick(m: Tx, orderId: string): Promise<number> {
  const rows: { n: number }[] = await m.query(
    `SELECT count(*)::int AS n FROM fulfilment_orders WHERE order_id = $1 AND status = 'assigned'`,
    [orderId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Splits units off an order into a backorder: a new order for the same customer, address, channel
 * and promise, `unfillable` from the start so the unroutable queue fills it when stock arrives (it
 * inherits the parent's priority facts). The parent's lines count the units as backordered. One
 * statement: both orders' events and the announcement of the new order go with it.
 */
export async function createBackorder(
  m: Tx,
  b: { parentId: string; lines: { lineNo: number; sku: string; quantity: number }[]; reason: string; actor: Actor },
): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const rows = await returningRows<{ number: string }>(
    m,
    `WITH want AS (SELECT * FROM unnest($3::int[], $4::text[], $5::int[]) WITH ORDINALITY AS w(line_no, sku, qty, n)),
     parent AS (SELECT * FROM orders WHERE id = $1),
     priced AS (SELECT w.*, l.unit_price FROM want w JOIN order_lines l ON l.order_id = $1 AND l.line_no = w.line_no),
     o AS (
       INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, total_amount, notes, raw, payload_hash,
                           channel_id, external_number, delivery_type, pickup_location_id, bill_to, promised_at, payment_status,
                           shipping_method, tax_total, discount_total, tags, geocode_source, customer_tier, backorder_of, unfillable_reason)
       SELECT $2, p.channel, p.external_id || '/backorder-' || (SELECT count(*) + 1 FROM orders c WHERE c.backorder_of = p.id), 'unfillable',
              p.customer, p.ship_to, p.currency, (SELECT sum(qty) FROM want),
              (SELECT CASE WHEN bool_and(unit_price IS NOT NULL) THEN sum(unit_price * qty) END FROM priced), p.notes,
              jsonb_build_object('backorderOf', p.id, 'orderType', p.raw->'orderType'), 'backorder:' || p.id,
              p.channel_id, p.external_number, p.delivery_type, p.pickup_location_id, p.bill_to, p.promised_at, p.payment_status,
              p.shipping_method, NULL, NULL, p.tags, p.geocode_source, p.customer_tier, p.id, $6
       FROM parent p RETURNING id, number, created_at),
     l AS (
       INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
       SELECT o.id, priced.n, priced.sku, priced.qty, priced.unit_price FROM o, priced),
     pl AS (
       UPDATE order_lines l SET backordered_quantity = l.backordered_quantity + w.qty FROM want w WHERE l.order_id = $1 AND l.line_no = w.line_no),
     ev_child AS (
       INSERT INTO order_events (order_id, type, to_status, actor_id, actor_name, reason, data)
       SELECT o.id, 'order.backorder_created', 'unfillable', $7, $8, $6, jsonb_build_object('backorderOf', $1::text, 'parentNumber', (SELECT number FROM parent)) FROM o),
     ev_parent AS (
       INSERT INTO order_events (order_id, type, actor_id, actor_name, reason, data)
       SELECT $1, 'order.backordered', $7, $8, $6,
              jsonb_build_object('backorder', jsonb_build_object('id', o.id, 'number', o.number), 'lines', (SELECT jsonb_agg(jsonb_build_object('sku', sku, 'quantity', qty)) FROM want))
       FROM o),
     out AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, 'unfillable', NULL, NULL, o.created_at) FROM o)
     SELECT number FROM o`,
    [
      b.parentId,
      id,
      b.lines.map((l) => l.lineNo),
      b.lines.map((l) => l.sku),
      b.lines.map((l) => l.quantity),
      b.reason,
      b.actor.id,
      b.actor.name,
    ],
  );
  return { id, number: Number(rows[0]!.number) };
}

/** Cancels units of the order's lines that no location can supply (policy `cancel_unavailable`), with the event. */
export async function cancelUnits(
  m: Tx,
  c: { orderId: string; lines: { lineNo: number; sku: string; quantity: number }[]; reason: string; actor: Actor },
): Promise<void> {
  await m.query(
    `WITH want AS (SELECT * FROM unnest($2::int[], $3::text[], $4::int[]) AS w(line_no, sku, qty)),
     upd AS (UPDATE order_lines l SET cancelled_quantity = l.cancelled_quantity + w.qty FROM want w WHERE l.order_id = $1 AND l.line_no = w.line_no)
     INSERT INTO order_events (order_id, type, actor_id, actor_name, reason, data)
     SELECT $1, 'order.units_cancelled', $5, $6, $7, jsonb_build_object('lines', (SELECT jsonb_agg(jsonb_build_object('sku', sku, 'quantity', qty)) FROM want))`,
    [
      c.orderId,
      c.lines.map((l) => l.lineNo),
      c.lines.map((l) => l.sku),
      c.lines.map((l) => l.quantity),
      c.actor.id,
      c.actor.name,
      c.reason,
    ],
  );
}

/** The order's backorders (and theirs) that have not left the building: a cancelled order takes them with it. */
export async function openBackordersOf(m: Tx, orderId: string): Promise<{ id: string; status: string }[]> {
  return m.query(
    `WITH RECURSIVE tree AS (
       SELECT id, status FROM orders WHERE backorder_of = $1
       UNION ALL SELECT o.id, o.status FROM orders o JOIN tree t ON o.backorder_of = t.id)
     SELECT id, status FROM tree WHERE status NOT IN ('shipped', 'delivered', 'cancelled') ORDER BY id`,
    [orderId],
  );
}
