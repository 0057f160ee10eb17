import type { Tx } from '../../db/data-source';
import {
  AppError,
  type Order,
  type OrderDetail,
  type OrderInput,
  type OrderIntakeFacts,
  type OrderListQuery,
  type OrderPage,
  type OrderStatus,
} from '../../../shared';
import type { Actor } from '../../../shared';
import { named, preparedNamedRows } from '../../db/sql';
import { newOrderClaim, type SourcingClaim } from '../sourcing/sourcing-claim.store';
import { inboxInto } from '../channels/inbox.store';

/** An inbox row settled by its order's insert moves from `received` to `processed` (INBOX_TRANSITIONS). */
const INBOX_SETTLED_FROM = inboxInto('processed', ['received']);

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
  /** Scoped per channel account ({@link idempotencyScope}): two integrations may send the same key. */
  idempotencyKey?: string;
  actor: Actor;
  /**
   * The inbox row this order came from: marked processed by the same statement that inserts the
   * order (one commit, no window in which the order exists and its row still looks unprocessed).
   */
  settleInbox?: { id: string; actor: string };
  /** Also read what sourcing needs (ATP of its SKUs, weights, exclusions) in the same statement, for a worker that sources the order next. */
  withSourcingFacts?: boolean;
}

export type InsertResult =
  | { kind: 'inserted'; order: Order; sourcing?: SourcingClaim }
  /** The idempotency key was used before: its request hash and order. */
  | { kind: 'key-used'; requestHash: string; orderId: string }
  /** The channel already sent an order with this external id (null when it was committed while this statement ran). */
  | { kind: 'duplicate'; existing: { id: string; payloadHash: string } | null };

/**
 * Intake in one statement, one round trip, atomic without an explicit transaction (intake is the
 * hottest path, and round trips are what costs): checks the idempotency key, inserts the order,
 * its lines, the key and the first timeline event, and writes its event to the outbox (relayed to
 * desks once committed). A concurrent request with the same key makes the key insert fail with a unique
 * violation, which undoes the whole statement; the caller retries and then finds the key used.
 */
export async function insertOrder(m: Tx, o: NewOrder): Promise<InsertResult> {
  const { input } = o;
  const units = input.lines.reduce((s, l) => s + l.quantity, 0);
  const amount = input.lines.every((l) => l.unitPrice !== undefined)
    ? input.lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0)
    : null;
  const rows = await preparedNamedRows<{
    number: string | null;
    created_at: Date | null;
    version: string | null;
    prior_hash: string | null;
    prior_order: string | null;
    existing_id: string | null;
    existing_hash: string | null;
    facts: { atp: [string, string, number][]; weights: Record<string, number>; exclusions: [string, string][] } | null;
  }>(
    m,
    'atalaya_intake_v8',
    `WITH prior AS (SELECT request_hash, order_id FROM idempotency_keys WHERE :idempotencyKey::text IS NOT NULL AND scope = :keyScope AND key = :idempotencyKey),
     -- The channel sent this order before (a redelivery or an update): found here, not in a second
     -- round trip, and no order number is spent on an insert that would conflict.
     existing AS (SELECT id, payload_hash FROM orders WHERE channel_key = coalesce(:channelId, ':' || :channel) AND external_id = :externalId),
     o AS (
       INSERT INTO orders (id, channel, external_id, status, customer, ship_to, currency, total_units, total_amount, notes, raw, payload_hash,
                           channel_id, external_number, delivery_type, pickup_location_id, bill_to, promised_at, payment_status,
                           shipping_method, shipping_amount, tax_total, discount_total, tags, geocode_source, customer_tier)
       SELECT :id, :channel, :externalId, 'received', :customer, :shipTo, :currency, :units, :amount, :notes, :raw, :payloadHash,
              :channelId, :externalNumber, coalesce(:deliveryType, 'home_delivery'), :pickupLocationId, :billTo, :promisedAt::timestamptz, coalesce(:paymentStatus, 'unknown'), :shippingMethod, :shippingAmount::numeric, :taxTotal::numeric, :discountTotal::numeric, coalesce(:tags::text[], '{}'), :geocodeSource, :customer::jsonb->>'tier'
       WHERE NOT EXISTS (SELECT 1 FROM prior) AND NOT EXISTS (SELECT 1 FROM existing)
       ON CONFLICT (channel_key, external_id) DO NOTHING RETURNING id, number, created_at, xmin::text AS version),
     l AS (
       INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
       SELECT o.id, t.n, t.sku, t.qty, t.price FROM o, unnest(:skus::text[], :quantities::int[], :prices::numeric[]) WITH ORDINALITY AS t(sku, qty, price, n)),
     k AS (
       INSERT INTO idempotency_keys (scope, key, request_hash, order_id) SELECT :keyScope, :idempotencyKey, :payloadHash, o.id FROM o WHERE :idempotencyKey::text IS NOT NULL),
     e AS (
       INSERT INTO order_events (order_id, type, to_status, actor_id, actor_name, data)
       SELECT o.id, 'order.received', 'received', :actorId, :actorName, :eventData FROM o),
     ev AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, 'received', NULL, NULL, o.created_at) FROM o),
     inb AS (
       UPDATE inbox SET status = 'processed', error = NULL, order_id = o.id, processed_at = now(), updated_at = now(),
         history = history || jsonb_build_array(jsonb_build_object('at', atalaya_iso(now()), 'action', 'processed', 'actor', :inboxActor::text, 'note', NULL))
       FROM o WHERE inbox.id = :inboxId::bigint AND inbox.status IN ${INBOX_SETTLED_FROM}),
     n AS (SELECT o.number, o.created_at, o.version FROM o)
     SELECT n.number, n.created_at, n.version, p.request_hash AS prior_hash, p.order_id AS prior_order, x.id AS existing_id, x.payload_hash AS existing_hash,
       -- What claimForSourcing would read next, read now (the order is new: no exclusions of its own yet).
       CASE WHEN :withFacts::boolean AND n.number IS NOT NULL THEN atalaya_sourcing_facts(:channel::text, :skus::text[], :id::uuid) END AS facts
     FROM (SELECT 1) one LEFT JOIN n ON true LEFT JOIN prior p ON true LEFT JOIN existing x ON true`,
    {
      id: o.id,
      channel: input.channel,
      externalId: input.externalId,
      customer: input.customer,
      shipTo: input.shipTo,
      currency: input.currency,
      units,
      amount,
      notes: input.notes ?? null,
      raw: input,
      payloadHash: o.payloadHash,
      skus: input.lines.map((l) => l.sku),
      quantities: input.lines.map((l) => l.quantity),
      prices: input.lines.map((l) => l.unitPrice ?? null),
      idempotencyKey: o.idempotencyKey ?? null,
      keyScope: idempotencyScope(input),
      actorId: o.actor.id,
      actorName: o.actor.name,
      eventData: { channel: input.channel, externalId: input.externalId, lines: input.lines.length },
      channelId: input.channelId ?? null,
      externalNumber: input.externalNumber ?? null,
      deliveryType: input.deliveryType ?? null,
      pickupLocationId: input.pickupLocationId ?? null,
      billTo: input.billTo ?? null,
      promisedAt: input.promisedAt ?? null,
      paymentStatus: input.paymentStatus ?? null,
      shippingMethod: input.shipping?.method ?? null,
      shippingAmount: input.shipping?.amount ?? null,
      taxTotal: input.taxTotal ?? null,
      discountTotal: input.discountTotal ?? null,
      tags: input.tags ?? null,
      geocodeSource: input.geocodeSource ?? null,
      inboxId: o.settleInbox?.id ?? null,
      inboxActor: o.settleInbox?.actor ?? null,
      withFacts: o.withSourcingFacts === true,
    },
  ).catch((e: unknown) => {
    throw unknownReference(e) ?? e;
  });
  const r = rows[0]!;
  if (r.prior_hash !== null && r.prior_order !== null) return { kind: 'key-used', requestHash: r.prior_hash, orderId: r.prior_order };
  if (r.number === null || r.created_at === null)
    return { kind: 'duplicate', existing: r.existing_id && r.existing_hash ? { id: r.existing_id, payloadHash: r.existing_hash } : null };
  const at = r.created_at.toISOString();
  const number = Number(r.number);
  return {
    kind: 'inserted',
    order: {
      id: o.id,
      number,
      channel: input.channel,
      externalId: input.externalId,
      status: 'received',
      customer: input.customer,
      shipTo: input.shipTo,
      currency: input.currency,
      totalUnits: units,
      totalAmount: amount,
      locationId: null,
      locationName: null,
      unfillableReason: null,
      createdAt: at,
      updatedAt: at,
    },
    ...(r.facts
      ? { sourcing: newOrderClaim(input, number, r.version ?? '', r.created_at, r.facts.atp, r.facts.weights, r.facts.exclusions) }
      : {}),
  };
}

/** A channel id or pickup location that does not exist is the caller's mistake (400 naming the field), not a 500. */
function unknownReference(e: unknown): AppError | undefined {
  const d = e as { code?: string; constraint?: string };
  if (d?.code !== '23503') return undefined;
  if (d.constraint === 'orders_channel_id_fkey')
    return new AppError('VALIDATION_FAILED', 'Invalid order: channelId: no such channel', [
      { path: 'order.channelId', message: 'no such channel; omit it or use a channel id from the desk' },
    ]);
  if (d.constraint === 'orders_pickup_location_id_fkey')
    return new AppError('VALIDATION_FAILED', 'Invalid order: pickupLocationId: no such location', [
      { path: 'order.pickupLocationId', message: 'no such location' },
    ]);
  return undefined;
}

/** The key an order's identity is unique under (migration 0011): its channel account, else `:<kind>`. */
export function channelKey(channel: string, channelId: string | null | undefined): string {
  return channelId ?? `:${channel}`;
}

/** The order this channel account already sent under this external id (two stores of one kind may share ids). */
export async function findOrderIdByExternal(
  m: Tx,
  who: { channel: string; channelId?: string | null },
  externalId: string,
): Promise<{ id: string; payloadHash: string } | null> {
  const rows: { id: string; payload_hash: string }[] = await m.query(
    'SELECT id, payload_hash FROM orders WHERE channel_key = $1 AND external_id = $2',
    [channelKey(who.channel, who.channelId), externalId],
  );
  return rows[0] ? { id: rows[0].id, payloadHash: rows[0].payload_hash } : null;
}

export async function getOrder(m: Tx, id: string): Promise<Order | null> {
  const rows: OrderSqlRow[] = await m.query(`${ORDER_SELECT} WHERE o.id = $1`, [id]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/**
 * Sets the order's status, appends the timeline event and writes the change to the event outbox —
 * one statement. The outbox row commits or rolls back with the change: a rolled-back change is
 * never announced.
 */
export async function recordTransition(
  m: Tx,
  r: {
    orderId: string;
    from: OrderStatus;
    to: OrderStatus;
    actor: Actor;
    type: string;
    reason?: string | null;
    data?: Record<string, unknown> | null;
    locationId?: string | null;
    unfillableReason?: string | null;
    /** Also count a sourcing attempt (as `noteSourcingAttempt` in sourcing-claim does). */
    sourcingAttempt?: boolean;
  },
): Promise<void> {
  const setLocation = r.locationId !== undefined;
  const setReason = r.unfillableReason !== undefined;
  const q = named(
    `WITH o AS (
       UPDATE orders SET status = :to,
         location_id = CASE WHEN :setLocation::boolean THEN :locationId ELSE location_id END,
         unfillable_reason = CASE WHEN :setReason::boolean THEN :unfillableReason ELSE unfillable_reason END,
         sourcing_attempts = sourcing_attempts + CASE WHEN :sourcingAttempt::boolean THEN 1 ELSE 0 END,
         sourcing_attempted_at = CASE WHEN :sourcingAttempt::boolean THEN now() ELSE sourcing_attempted_at END,
         updated_at = now()
       WHERE id = :orderId RETURNING id, number, location_id, updated_at),
     e AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
       SELECT o.id, :type, :from, :to, :actorId, :actorName, :reason, :data FROM o)
     INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, :to::text, :from::text, o.location_id, o.updated_at) FROM o`,
    {
      orderId: r.orderId,
      to: r.to,
      from: r.from,
      type: r.type,
      actorId: r.actor.id,
      actorName: r.actor.name,
      reason: r.reason ?? null,
      setLocation,
      locationId: r.locationId ?? null,
      setReason,
      unfillableReason: r.unfillableReason ?? null,
      data: r.data ?? null,
      sourcingAttempt: r.sourcingAttempt === true,
    },
  );
  await m.query(q.text, q.values);
}

/** Locks the order row for a status change; returns its status and location. */
export async function lockOrder(m: Tx, id: string): Promise<{ status: OrderStatus; locationId: string | null; number: number } | null> {
  const rows: { status: OrderStatus; location_id: string | null; number: string }[] = await m.query(
    'SELECT status, location_id, number FROM orders WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0] ? { status: rows[0].status, locationId: rows[0].location_id, number: Number(rows[0].number) } : null;
}

export async function getOrderDetail(m: Tx, id: string): Promise<OrderDetail | null> {
  const order = await getOrder(m, id);
  if (!order) return null;
  const lines: {
    line_no: number;
    sku: string;
    name: string | null;
    quantity: number;
    unit_price: string | null;
    cancelled_quantity: number;
    backordered_quantity: number;
  }[] = await m.query(
    `SELECT ol.line_no, ol.sku, p.name, ol.quantity, ol.unit_price, ol.cancelled_quantity, ol.backordered_quantity
     FROM order_lines ol LEFT JOIN products p ON p.sku = ol.sku WHERE ol.order_id = $1 ORDER BY ol.line_no`,
    [id],
  );
  const related: { parts: OrderDetail['parts'] | null; parent: OrderDetail['backorderOf']; children: OrderDetail['backorders'] | null }[] =
    await m.query(
      `SELECT
       (SELECT json_agg(json_build_object('id', f.id, 'locationId', f.location_id, 'locationName', l.name, 'status', f.status,
          'lines', coalesce((SELECT json_agg(json_build_object('sku', r.sku, 'quantity', r.q) ORDER BY r.sku)
             FROM (SELECT sku, sum(quantity)::int AS q FROM reservations WHERE fulfilment_order_id = f.id AND status IN ('reserved', 'committed') GROUP BY sku) r), '[]'))
          ORDER BY f.created_at, f.id)
        FROM fulfilment_orders f JOIN locations l ON l.id = f.location_id WHERE f.order_id = o.id AND f.status <> 'cancelled') AS parts,
       (SELECT json_build_object('id', p.id, 'number', p.number, 'status', p.status) FROM orders p WHERE p.id = o.backorder_of) AS parent,
       (SELECT json_agg(json_build_object('id', c.id, 'number', c.number, 'status', c.status) ORDER BY c.number) FROM orders c WHERE c.backorder_of = o.id) AS children
     FROM orders o WHERE o.id = $1`,
      [id],
    );
  const events: {
    id: string;
    type: string;
    from_status: OrderStatus | null;
    to_status: OrderStatus | null;
    actor_name: string;
    reason: string | null;
    data: Record<string, unknown> | null;
    at: Date;
  }[] = await m.query(
    'SELECT id, type, from_status, to_status, actor_name, reason, data, at FROM order_events WHERE order_id = $1 ORDER BY id',
    [id],
  );
  const facts: IntakeFactsRow[] = await m.query(
    `SELECT o.channel_id, c.name AS channel_name, o.external_number, o.delivery_type, o.pickup_location_id, pl.name AS pickup_location_name,
            o.payment_status, o.promised_at, o.shipping_method, o.shipping_amount, o.tax_total, o.discount_total, o.tags, o.bill_to, o.geocode_source
     FROM orders o LEFT JOIN channels c ON c.id = o.channel_id LEFT JOIN locations pl ON pl.id = o.pickup_location_id WHERE o.id = $1`,
    [id],
  );
  return {
    ...order,
    intake: toIntakeFacts(facts[0]!),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      productName: l.name,
      quantity: l.quantity,
      unitPrice: l.unit_price === null ? null : Number(l.unit_price),
      cancelledQuantity: l.cancelled_quantity,
      backorderedQuantity: l.backordered_quantity,
    })),
    parts: related[0]?.parts ?? [],
    backorderOf: related[0]?.parent ? { ...related[0].parent, number: Number(related[0].parent.number) } : null,
    backorders: (related[0]?.children ?? []).map((c) => ({ ...c, number: Number(c.number) })),
    timeline: events.map((e) => ({
      id: Number(e.id),
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actor: e.actor_name,
      reason: e.reason,
      data: e.data,
      at: e.at.toISOString(),
    })),
  };
}

interface IntakeFactsRow {
  channel_id: string | null;
  channel_name: string | null;
  external_number: string | null;
  delivery_type: OrderIntakeFacts['deliveryType'];
  pickup_location_id: string | null;
  pickup_location_name: string | null;
  payment_status: OrderIntakeFacts['paymentStatus'];
  promised_at: Date | null;
  shipping_method: string | null;
  shipping_amount: string | null;
  tax_total: string | null;
  discount_total: string | null;
  tags: string[];
  bill_to: OrderIntakeFacts['billTo'];
  geocode_source: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

function toIntakeFacts(r: IntakeFactsRow): OrderIntakeFacts {
  return {
    channelId: r.channel_id,
    channelName: r.channel_name,
    externalNumber: r.external_number,
    deliveryType: r.delivery_type,
    pickupLocationId: r.pickup_location_id,
    pickupLocationName: r.pickup_location_name,
    paymentStatus: r.payment_status,
    promisedAt: r.promised_at ? r.promised_at.toISOString() : null,
    shippingMethod: r.shipping_method,
    shippingAmount: num(r.shipping_amount),
    taxTotal: num(r.tax_total),
    discountTotal: num(r.discount_total),
    tags: r.tags,
    billTo: r.bill_to,
    geocodeSource: r.geocode_source,
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
export async function listOrders(m: Tx, q: OrderListQuery): Promise<OrderPage> {
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
export async function findStaleReceived(m: Tx, olderThanMs: number, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM orders WHERE status = 'received' AND updated_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
    [olderThanMs / 1000, limit],
  );
  return rows.map((r) => r.id);
}

/** Records an idempotency key for an order that already existed (a replay with a new key answers the same next time). */
/**
 * The space an Idempotency-Key is unique in (migration 0015): the channel account the request came
 * through (on REST, the API key's channel), or '' for calls through no channel (keyless loopback, the desk).
 */
export function idempotencyScope(input: Pick<OrderInput, 'channelId'>): string {
  return input.channelId ?? '';
}

export async function rememberIdempotencyKey(m: Tx, scope: string, key: string, requestHash: string, orderId: string): Promise<void> {
  await m.query('INSERT INTO idempotency_keys (scope, key, request_hash, order_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    scope,
    key,
    requestHash,
    orderId,
  ]);
}

/** The order a channel account sent with this external id, if any. */
export async function findOrderByChannelKey(m: Tx, channelKey: string, externalId: string): Promise<string | null> {
  const rows: { id: string }[] = await m.query('SELECT id FROM orders WHERE channel_key = $1 AND external_id = $2', [
    channelKey,
    externalId,
  ]);
  return rows[0]?.id ?? null;
}

/** An order's status, or null when there is no such order. */
export async function orderStatus(m: Tx, orderId: string): Promise<OrderStatus | null> {
  const rows: { status: OrderStatus }[] = await m.query('SELECT status FROM orders WHERE id = $1', [orderId]);
  return rows[0]?.status ?? null;
}

/** A timeline event that changes no status, announced to desks (their queues and maps refresh the order). */
export async function recordOrderEvent(
  m: Tx,
  e: { orderId: string; type: string; actor: Actor; reason?: string | null; data?: Record<string, unknown> | null },
): Promise<void> {
  await m.query(
    `WITH o AS (UPDATE orders SET updated_at = now() WHERE id = $1 RETURNING id, number, status, location_id, updated_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
       SELECT o.id, $2, NULL, NULL, $3, $4, $5, $6 FROM o)
     INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, o.status, o.status, o.location_id, o.updated_at) FROM o`,
    [e.orderId, e.type, e.actor.id, e.actor.name, e.reason ?? null, e.data ?? null],
  );
}

/** What a channel update is compared with: the order's destination and lines as stored. */
export async function orderShape(
  m: Tx,
  orderId: string,
): Promise<{ shipTo: { lat: number; lng: number }; lines: { sku: string; quantity: number }[] } | null> {
  const rows: { ship_to: { lat: number; lng: number }; lines: { sku: string; quantity: number }[] }[] = await m.query(
    `SELECT o.ship_to, (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity) ORDER BY l.sku) FROM order_lines l WHERE l.order_id = o.id) AS lines
     FROM orders o WHERE o.id = $1`,
    [orderId],
  );
  return rows[0] ? { shipTo: rows[0].ship_to, lines: rows[0].lines } : null;
}

/** A channel's newer version of the order replaces what it may change (everything but its lines, which {@link replaceLines} swaps). */
export async function updateFromChannel(m: Tx, orderId: string, input: OrderInput, payloadHash: string): Promise<void> {
  const q = named(
    `UPDATE orders SET customer = :customer, ship_to = :shipTo, currency = :currency, total_units = :units, total_amount = :amount, notes = :notes,
       raw = :raw, payload_hash = :payloadHash, external_number = :externalNumber, bill_to = :billTo, promised_at = :promisedAt,
       payment_status = coalesce(:paymentStatus, payment_status), shipping_method = :shippingMethod, shipping_amount = :shippingAmount,
       tax_total = :taxTotal, discount_total = :discountTotal, tags = coalesce(:tags::text[], '{}'), geocode_source = :geocodeSource, updated_at = now()
     WHERE id = :orderId`,
    {
      orderId,
      customer: input.customer,
      shipTo: input.shipTo,
      currency: input.currency,
      units: input.lines.reduce((s, l) => s + l.quantity, 0),
      amount: input.lines.every((l) => l.unitPrice !== undefined)
        ? input.lines.reduce((s, l) => s + l.quantity * (l.unitPrice ?? 0), 0)
        : null,
      notes: input.notes ?? null,
      raw: input,
      payloadHash,
      externalNumber: input.externalNumber ?? null,
      billTo: input.billTo ?? null,
      promisedAt: input.promisedAt ?? null,
      paymentStatus: input.paymentStatus ?? null,
      shippingMethod: input.shipping?.method ?? null,
      shippingAmount: input.shipping?.amount ?? null,
      taxTotal: input.taxTotal ?? null,
      discountTotal: input.discountTotal ?? null,
      tags: input.tags ?? null,
      geocodeSource: input.geocodeSource ?? null,
    },
  );
  await m.query(q.text, q.values);
}

/** The order's lines become these (a channel changed them). */
export async function replaceLines(
  m: Tx,
  orderId: string,
  lines: readonly { sku: string; quantity: number; unitPrice?: number }[],
): Promise<void> {
  await m.query('DELETE FROM order_lines WHERE order_id = $1', [orderId]);
  await m.query(
    `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
     SELECT $1, t.n, t.sku, t.qty, t.price FROM unnest($2::text[], $3::int[], $4::numeric[]) WITH ORDINALITY AS t(sku, qty, price, n)`,
    [orderId, lines.map((l) => l.sku), lines.map((l) => l.quantity), lines.map((l) => l.unitPrice ?? null)],
  );
}
