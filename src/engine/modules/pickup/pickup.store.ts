import { PICKUP_MAX_WRONG_CODES, PICKUP_TRANSITIONS, type OrderStatus, type PickupStatus } from '../../../shared';
import type { Tx } from '../../db/data-source';
import { returningRows, statusGuard } from '../../db/sql';

/**
 * Every statement on `pickups` (migrations 0018, 0021). A pickup is keyed by its order; the order
 * row is locked (orders' `lockOrder`) before a pickup changes, so a hand-over, a new code and the
 * expiry never cross on one pickup.
 */

/** Statuses a pickup is still waiting at the counter in. */
export const OPEN_PICKUP = ['ready', 'partially_collected'] as const satisfies readonly PickupStatus[];
const INTO = {
  partially_collected: statusGuard(PICKUP_TRANSITIONS, 'partially_collected'),
  collected: statusGuard(PICKUP_TRANSITIONS, 'collected'),
  expired: statusGuard(PICKUP_TRANSITIONS, 'expired'),
  cancelled: statusGuard(PICKUP_TRANSITIONS, 'cancelled'),
} as const;

/** A pickup as read, with its order's number and customer and the names of its products. */
export interface PickupRow {
  order_id: string;
  order_number: string;
  location_id: string;
  customer_name: string | null;
  status: PickupStatus;
  code: string;
  lines: Record<string, number>;
  collected: Record<string, number>;
  names: Record<string, string>;
  wrong_codes: number;
  ready_by: string;
  ready_at: Date;
  expires_at: Date;
  collected_at: Date | null;
}

const PICKUP_SELECT = `
  SELECT p.order_id, o.number AS order_number, p.location_id, o.customer->>'name' AS customer_name, p.status, p.code, p.lines, p.collected,
    (SELECT coalesce(jsonb_object_agg(pr.sku, pr.name), '{}') FROM products pr WHERE pr.sku IN (SELECT jsonb_object_keys(p.lines))) AS names,
    p.wrong_codes, p.ready_by, p.ready_at, p.expires_at, p.collected_at
  FROM pickups p JOIN orders o ON o.id = p.order_id`;

/** What making a pickup ready needs to know of its order. */
export interface PickupOrderFacts {
  number: number;
  status: OrderStatus;
  deliveryType: 'home_delivery' | 'store_pickup';
  pickupLocationId: string | null;
}

export async function pickupOrderFacts(m: Tx, orderId: string): Promise<PickupOrderFacts | null> {
  const rows: {
    number: string;
    status: OrderStatus;
    delivery_type: PickupOrderFacts['deliveryType'];
    pickup_location_id: string | null;
  }[] = await m.query(`SELECT number, status, delivery_type, pickup_location_id FROM orders WHERE id = $1`, [orderId]);
  const r = rows[0];
  return r ? { number: Number(r.number), status: r.status, deliveryType: r.delivery_type, pickupLocationId: r.pickup_location_id } : null;
}

/** An order's units still reserved, per SKU: what its pickup hands over. */
export async function reservedUnits(m: Tx, orderId: string): Promise<Record<string, number>> {
  const rows: { sku: string; q: number }[] = await m.query(
    `SELECT sku, sum(quantity)::int AS q FROM reservations WHERE order_id = $1 AND status = 'reserved' GROUP BY sku ORDER BY sku`,
    [orderId],
  );
  return Object.fromEntries(rows.map((r) => [r.sku, r.q]));
}

/** The order's pickup; `lock` takes its row for the rest of the transaction. */
export async function readPickup(m: Tx, orderId: string, lock = false): Promise<PickupRow | null> {
  const rows: PickupRow[] = await m.query(`${PICKUP_SELECT} WHERE p.order_id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [orderId]);
  return rows[0] ?? null;
}

/** A location's counter: open pickups (or every pickup), the soonest to expire first. */
export async function listPickups(m: Tx, locationId: string, includeClosed: boolean, limit = 500): Promise<PickupRow[]> {
  return m.query(
    `${PICKUP_SELECT} WHERE p.location_id = $1 AND ($2::boolean OR p.status IN ('ready', 'partially_collected'))
     ORDER BY (p.status IN ('ready', 'partially_collected')) DESC, p.expires_at, p.order_id LIMIT $3`,
    [locationId, includeClosed, limit],
  );
}

/** Inserts the pickup (none may exist for the order: the caller holds the order's lock and read none). */
export async function insertPickup(
  m: Tx,
  p: { orderId: string; locationId: string; code: string; lines: Record<string, number>; readyBy: string; holdHours: number },
): Promise<void> {
  await m.query(
    `INSERT INTO pickups (order_id, location_id, code, status, lines, ready_by, expires_at)
     VALUES ($1, $2, $3, 'ready', $4, $5, now() + make_interval(hours => $6))`,
    [p.orderId, p.locationId, p.code, p.lines, p.readyBy, p.holdHours],
  );
}

/** Counts a wrong code; answers the count (a locked pickup refuses every code until a new one is issued). */
export async function countWrongCode(m: Tx, orderId: string): Promise<number> {
  const rows = await returningRows<{ wrong_codes: number }>(
    m,
    `UPDATE pickups SET wrong_codes = wrong_codes + 1, updated_at = now() WHERE order_id = $1 RETURNING wrong_codes`,
    [orderId],
  );
  return rows[0]?.wrong_codes ?? PICKUP_MAX_WRONG_CODES;
}

/** A new code: the old one stops working and the wrong-code count starts again. */
export async function replaceCode(m: Tx, orderId: string, code: string): Promise<void> {
  await m.query(`UPDATE pickups SET code = $2, wrong_codes = 0, updated_at = now() WHERE order_id = $1`, [orderId, code]);
}

/**
 * Moves the pickup to `to` with what is collected now; guarded by the lifecycle (a closed pickup
 * stays closed). False when the guard refused.
 */
export async function settlePickup(
  m: Tx,
  orderId: string,
  to: Exclude<PickupStatus, 'ready'>,
  collected: Record<string, number>,
): Promise<boolean> {
  const rows = await returningRows<{ order_id: string }>(
    m,
    `UPDATE pickups SET status = $2, collected = $3,
       collected_at = CASE WHEN $2 = 'collected' THEN now() ELSE collected_at END, updated_at = now()
     WHERE order_id = $1 AND status IN ${INTO[to]} RETURNING order_id`,
    [orderId, to, collected],
  );
  return rows.length === 1;
}

/** Writes the counter's `floor.changed` event to the outbox (relayed once the transaction commits). */
export async function announcePickup(m: Tx, locationId: string, orderId: string): Promise<void> {
  await m.query(
    `INSERT INTO engine_events (payload) VALUES (jsonb_build_object('type', 'floor.changed', 'locationId', $1::text, 'kind', 'pickup',
       'refId', $2::text, 'at', atalaya_iso(clock_timestamp())))`,
    [locationId, orderId],
  );
}

/**
 * The next open pickup to close on its own: past its expiry at `now`, or whose order is no longer
 * packed (cancelled from the desk). Its order and pickup rows are locked; rows another node holds
 * are skipped (SKIP LOCKED), so two nodes never close one pickup twice and this never waits.
 */
export async function claimDuePickup(m: Tx, now: Date): Promise<{ orderId: string; orderStatus: OrderStatus } | null> {
  const rows: { order_id: string; status: OrderStatus }[] = await m.query(
    `SELECT p.order_id, o.status FROM pickups p JOIN orders o ON o.id = p.order_id
     WHERE p.status IN ('ready', 'partially_collected') AND (p.expires_at <= $1 OR o.status <> 'packed')
     ORDER BY p.expires_at LIMIT 1 FOR UPDATE OF o, p SKIP LOCKED`,
    [now],
  );
  return rows[0] ? { orderId: rows[0].order_id, orderStatus: rows[0].status } : null;
}

/**
 * Cancels units of an order's lines (declined at the counter, or not collected in time): per SKU
 * the lines' open units, in line order, take `cancelled_quantity` (the order's own guard keeps it
 * within the line). Called with the order locked.
 */
export async function cancelLineUnits(m: Tx, orderId: string, units: readonly { sku: string; quantity: number }[]): Promise<void> {
  if (!units.length) return;
  await m.query(
    `WITH want AS (SELECT sku, sum(qty)::int AS qty FROM unnest($2::text[], $3::int[]) AS w(sku, qty) GROUP BY sku),
     l AS (
       SELECT ol.line_no, ol.sku, ol.open_quantity,
         sum(ol.open_quantity) OVER (PARTITION BY ol.sku ORDER BY ol.line_no) - ol.open_quantity AS before
       FROM order_lines ol WHERE ol.order_id = $1 AND ol.sku IN (SELECT sku FROM want)),
     c AS (SELECT l.line_no, least(l.open_quantity, greatest(0, w.qty - l.before))::int AS q FROM l JOIN want w ON w.sku = l.sku)
     UPDATE order_lines ol SET cancelled_quantity = ol.cancelled_quantity + c.q FROM c
     WHERE ol.order_id = $1 AND ol.line_no = c.line_no AND c.q > 0`,
    [orderId, units.map((u) => u.sku), units.map((u) => u.quantity)],
  );
}

export interface PolicyRow {
  hold_hours: number;
  on_no_show: 'cancel';
  allow_partial: boolean;
}

export async function readPolicy(m: Tx): Promise<PolicyRow> {
  const rows: PolicyRow[] = await m.query(`SELECT hold_hours, on_no_show, allow_partial FROM pickup_policy WHERE id`);
  return rows[0] ?? { hold_hours: 168, on_no_show: 'cancel', allow_partial: true };
}

/** Replaces the policy; answers the one it replaced. */
export async function writePolicy(m: Tx, p: PolicyRow): Promise<PolicyRow> {
  const before = await m.query(`SELECT hold_hours, on_no_show, allow_partial FROM pickup_policy WHERE id FOR UPDATE`);
  await m.query(
    `INSERT INTO pickup_policy (id, hold_hours, on_no_show, allow_partial, updated_at) VALUES (true, $1, $2, $3, now())
     ON CONFLICT (id) DO UPDATE SET hold_hours = $1, on_no_show = $2, allow_partial = $3, updated_at = now()`,
    [p.hold_hours, p.on_no_show, p.allow_partial],
  );
  return (before as PolicyRow[])[0] ?? { hold_hours: 168, on_no_show: 'cancel', allow_partial: true };
}

/** What the bag label says: the order, its customer, the pickup location and the pickup's dates and units. */
export interface PickupLabelFacts {
  order_number: string;
  customer_name: string | null;
  location_name: string;
  ready_at: Date;
  expires_at: Date;
  units: number;
}

export async function pickupLabelFacts(m: Tx, orderId: string): Promise<PickupLabelFacts | null> {
  const rows: PickupLabelFacts[] = await m.query(
    `SELECT o.number AS order_number, o.customer->>'name' AS customer_name, l.name AS location_name, p.ready_at, p.expires_at,
       (SELECT coalesce(sum(v::int), 0) FROM jsonb_each_text(p.lines) AS e(k, v))::int AS units
     FROM pickups p JOIN orders o ON o.id = p.order_id JOIN locations l ON l.id = p.location_id WHERE p.order_id = $1`,
    [orderId],
  );
  return rows[0] ?? null;
}
