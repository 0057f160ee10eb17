import type { EntityManager } from 'typeorm';
import type { Order, OrderDetail, OrderInput, OrderListQuery, OrderPage, OrderStatus } from '../../../shared';
import type { Actor } from '../../engine.types';

const ORDER_SELECT = `
  SELECT o.id, o.number, o.channel, o.external_id, o.status, o.customer, o.ship_to, o.currency, o.total_units,
         o.total_amount, o.location_id, l.name AS location_name, o.unfillable_reason, o.created_at, o.updated_at
  FROM orders o LEFT JOIN locations l ON l.id = o.location_id`;

interface OrderSqlRow {
  id: string;
  number: string;
  channel: string;
  external_id: string;
  status: OrderStatus;
  customer: Order['customer'];
  ship_to: Order['shipTo'];
  currency: string;
  total_units: number;
  total_amount: string | null;
  location_id: string | null;
  location_name: string | null;
  unfillable_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

function toOrder(r: OrderSqlRow): Order {
  return {
    id: r.id,
    number: Number(r.number),
    channel: r.channel,
    externalId: r.external_id,
    status: r.status,
    customer: r.customer,
    shipTo: r.ship_to,
    currency: r.currency.trim(),
    totalUnits: r.total_units,
    totalAmount: r.total_amount === null ? null : Number(r.total_amount),
    locationId: r.location_id,
    locationName: r.location_name,
    unfillableReason: r.unfillable_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface NewOrder {
  id: string;
  input: OrderInput;
  payloadHash: string;
}

/**
 * Inserts an order and its lines as `received`. Returns null when the channel already sent an
 * order with this external id (the unique constraint decides, so two racing deliveries cannot
 * both insert).
 */
export async function insertOrder(m: EntityManager, o: NewOrder): Promise<Order | null> {
  const units = o.input.lines.reduce((s, l) => s + l.quantity, 0);
  const amount = o.input.lines.every((l) => l.unitPrice !== undefined) ? o.input.lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0) : null;
  const inserted: { id: string }[] = await m.query(
    `INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, total_amount, notes, raw, payload_hash)
     VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (channel, external_id) DO NOTHING RETURNING id`,
    [o.id, o.input.channel, o.input.externalId, o.input.customer, o.input.shipTo, o.input.currency, units, amount, o.input.notes ?? null, o.input, o.payloadHash],
  );
  if (inserted.length === 0) return null;
  await m.query(
    `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
     SELECT $1, n, sku, qty, price FROM unnest($2::text[], $3::int[], $4::numeric[]) WITH ORDINALITY AS t(sku, qty, price, n)`,
    [o.id, o.input.lines.map((l) => l.sku), o.input.lines.map((l) => l.quantity), o.input.lines.map((l) => l.unitPrice ?? null)],
  );
  return getOrder(m, o.id);
}

export async function findOrderIdByExternal(m: EntityManager, channel: string, externalId: string): Promise<{ id: string; payloadHash: string } | null> {
  const rows: { id: string; payload_hash: string }[] = await m.query('SELECT id, payload_hash FROM orders WHERE channel = $1 AND external_id = $2', [channel, externalId]);
  return rows[0] ? { id: rows[0].id, payloadHash: rows[0].payload_hash } : null;
}

export async function getOrder(m: EntityManager, id: string): Promise<Order | null> {
  const rows: OrderSqlRow[] = await m.query(`${ORDER_SELECT} WHERE o.id = $1`, [id]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/** Counts a sourcing attempt (drives the retry backoff of unfillable orders). */
export async function markSourcingAttempt(m: EntityManager, id: string): Promise<void> {
  await m.query('UPDATE orders SET sourcing_attempts = sourcing_attempts + 1, sourcing_attempted_at = now() WHERE id = $1', [id]);
}

/** Locks the order row for a status change; returns its status and location. */
export async function lockOrder(m: EntityManager, id: string): Promise<{ status: OrderStatus; locationId: string | null; number: number } | null> {
  const rows: { status: OrderStatus; location_id: string | null; number: string }[] = await m.query('SELECT status, location_id, number FROM orders WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? { status: rows[0].status, locationId: rows[0].location_id, number: Number(rows[0].number) } : null;
}

export async function setOrderStatus(m: EntityManager, id: string, status: OrderStatus, patch: { locationId?: string | null; unfillableReason?: string | null } = {}): Promise<void> {
  await m.query(
    `UPDATE orders SET status = $2,
       location_id = CASE WHEN $3::boolean THEN $4 ELSE location_id END,
       unfillable_reason = CASE WHEN $5::boolean THEN $6 ELSE unfillable_reason END,
       updated_at = now()
     WHERE id = $1`,
    [id, status, 'locationId' in patch, patch.locationId ?? null, 'unfillableReason' in patch, patch.unfillableReason ?? null],
  );
}

export async function getOrderLines(m: EntityManager, id: string): Promise<{ sku: string; quantity: number }[]> {
  return m.query('SELECT sku, quantity FROM order_lines WHERE order_id = $1 ORDER BY line_no', [id]);
}

export interface TimelineEntry {
  type: string;
  from?: OrderStatus | null;
  to?: OrderStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** Appends one event to the order's timeline (the table refuses updates and deletes). */
export async function appendOrderEvent(m: EntityManager, orderId: string, actor: Actor, e: TimelineEntry): Promise<void> {
  await m.query(
    `INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [orderId, e.type, e.from ?? null, e.to ?? null, actor.id, actor.name, e.reason ?? null, e.data ?? null],
  );
}

export async function getOrderDetail(m: EntityManager, id: string): Promise<OrderDetail | null> {
  const order = await getOrder(m, id);
  if (!order) return null;
  const lines: { line_no: number; sku: string; name: string | null; quantity: number; unit_price: string | null }[] = await m.query(
    `SELECT ol.line_no, ol.sku, p.name, ol.quantity, ol.unit_price FROM order_lines ol LEFT JOIN products p ON p.sku = ol.sku WHERE ol.order_id = $1 ORDER BY ol.line_no`,
    [id],
  );
  const events: { id: string; type: string; from_status: OrderStatus | null; to_status: OrderStatus | null; actor_name: string; reason: string | null; data: Record<string, unknown> | null; at: Date }[] =
    await m.query('SELECT id, type, from_status, to_status, actor_name, reason, data, at FROM order_events WHERE order_id = $1 ORDER BY id', [id]);
  return {
    ...order,
    lines: lines.map((l) => ({ lineNo: l.line_no, sku: l.sku, productName: l.name, quantity: l.quantity, unitPrice: l.unit_price === null ? null : Number(l.unit_price) })),
    timeline: events.map((e) => ({ id: Number(e.id), type: e.type, fromStatus: e.from_status, toStatus: e.to_status, actor: e.actor_name, reason: e.reason, data: e.data, at: e.at.toISOString() })),
  };
}

const SORT_SQL: Record<OrderListQuery['sort'], string> = {
  number: 'o.number',
  createdAt: 'o.created_at',
  updatedAt: 'o.updated_at',
  status: 'o.status',
  channel: 'o.channel',
  totalUnits: 'o.total_units',
  customer: "(o.customer->>'name')",
  location: 'l.name',
};

/** The queue: filter, sort and page in SQL (the table never holds more than a page). */
export async function listOrders(m: EntityManager, q: OrderListQuery): Promise<OrderPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (q.status?.length) where.push(`o.status = ANY(${p(q.status)}::text[])`);
  if (q.channel) where.push(`o.channel = ${p(q.channel)}`);
  if (q.locationId) where.push(`o.location_id = ${p(q.locationId)}`);
  if (q.search) {
    const term = q.search;
    const asNumber = /^#?\d{1,15}$/.test(term) ? Number(term.replace('#', '')) : null;
    const like = p(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(${asNumber !== null ? `o.number = ${p(asNumber)} OR ` : ''}o.external_id ILIKE ${like} OR (o.customer->>'name') ILIKE ${like} OR (o.ship_to->>'city') ILIKE ${like})`,
    );
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  const countRows: { n: string }[] = await m.query(`SELECT count(*) AS n FROM orders o ${whereSql}`, params);
  const rows: OrderSqlRow[] = await m.query(
    `${ORDER_SELECT} ${whereSql} ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, o.number ${dir} LIMIT ${p(q.pageSize)} OFFSET ${p(q.page * q.pageSize)}`,
    params,
  );
  return { rows: rows.map(toOrder), total: Number(countRows[0]?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** Orders left in `received` (their sourcing job was lost): the sweeper enqueues them again. */
export async function findStaleReceived(m: EntityManager, olderThanMs: number, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM orders WHERE status = 'received' AND updated_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Unfillable orders due another try, oldest first. The wait grows with each failed attempt
 * (retryMs × attempts, capped at ten), so a long-unfillable order does not hammer the database.
 */
export async function findUnfillableForRetry(m: EntityManager, retryMs: number, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM orders WHERE status = 'unfillable'
       AND sourcing_attempted_at < now() - make_interval(secs => $1 * least(sourcing_attempts, 10))
     ORDER BY created_at LIMIT $2`,
    [retryMs / 1000, limit],
  );
  return rows.map((r) => r.id);
}
