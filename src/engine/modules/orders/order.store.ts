import type { Tx } from '../../db/data-source';
import { AppError, parseReasons, type Order, type OrderInput, type OrderStatus } from '../../../shared';
import type { Actor } from '../../../shared';
import { named, preparedNamedRows } from '../../db/sql';
import { recordOrderEvents } from './order-batch.store';
import { newOrderClaim, type SourcingClaim } from '../sourcing/sourcing-claim.store';
import { inboxInto } from '../channels/inbox.store';

/** An inbox row settled by its order's insert moves from `received` to `processed` (INBOX_TRANSITIONS). */
const INBOX_SETTLED_FROM = inboxInto('processed', ['received']);

/** The order row's columns as the desk shows it (with its location's name, from {@link ORDER_FROM}); `toOrder` reads them. */
export const ORDER_COLUMNS = `o.id, o.number, o.channel, o.external_id, o.status, o.customer, o.ship_to, o.currency, o.total_units,
         o.total_amount, o.location_id, l.name AS location_name, o.unfillable_reason, o.created_at, o.updated_at`;
export const ORDER_FROM = 'FROM orders o LEFT JOIN locations l ON l.id = o.location_id';
export const ORDER_SELECT = `SELECT ${ORDER_COLUMNS} ${ORDER_FROM}`;

export interface OrderSqlRow {
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

export function toOrder(r: OrderSqlRow): Order {
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
    unfillableReasonCodes: r.unfillable_reason ? parseReasons(r.unfillable_reason) : null,
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
    /** Also count a sourcing attempt, dated as given (as `noteSourcingAttempt` in sourcing-claim does). */
    sourcingAttemptAt?: Date;
  },
): Promise<void> {
  const setLocation = r.locationId !== undefined;
  const setReason = r.unfillableReason !== undefined;
  const q = named(
    `WITH o AS (
       UPDATE orders SET status = :to,
         location_id = CASE WHEN :setLocation::boolean THEN :locationId ELSE location_id END,
         unfillable_reason = CASE WHEN :setReason::boolean THEN :unfillableReason ELSE unfillable_reason END,
         sourcing_attempts = sourcing_attempts + CASE WHEN :sourcingAttemptAt::timestamptz IS NULL THEN 0 ELSE 1 END,
         sourcing_attempted_at = coalesce(:sourcingAttemptAt::timestamptz, sourcing_attempted_at),
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
      sourcingAttemptAt: r.sourcingAttemptAt ?? null,
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
  await recordOrderEvents(m, [e]);
}
