import type { Db, Tx } from '../../db/data-source';
import { ORDER_TYPES, type OrderType } from '../../../shared';
import type { NetworkLocation, OrderLineToSource } from '../../core/sourcing/types';
import type { Actor } from '../../../shared';
import { availableSql } from '../inventory/stock.store';
import { preparedNamedRows, preparedRows } from '../../db/sql';
import { fulfilmentInto } from './fulfilment.store';

/**
 * The network as the sourcing profile sees it: every location with its opening hours, cut-off,
 * channels, labour cost and the fulfilment orders assigned to it today (one grouped pass).
 */
export async function loadNetwork(m: Tx): Promise<NetworkLocation[]> {
  const rows = await preparedRows<{
    id: string;
    name: string;
    city: string;
    kind: NetworkLocation['kind'];
    lat: number;
    lng: number;
    active: boolean;
    daily_capacity: number;
    opening_hours: NetworkLocation['openingHours'];
    carrier_cutoff: string | null;
    pickup_capable: boolean;
    channels: string[] | null;
    labour: string;
    today: number;
  }>(
    m,
    'atalaya_sourcing_network',
    `SELECT l.id, l.name, l.city, l.kind, l.lat, l.lng, l.active, l.daily_capacity, l.opening_hours, l.carrier_cutoff, l.pickup_capable, l.channels,
            l.labour_cost_per_unit AS labour, coalesce(t.n, 0)::int AS today
     FROM locations l
     LEFT JOIN (SELECT location_id, count(*) AS n FROM fulfilment_orders
                WHERE created_at >= date_trunc('day', now()) AND status <> 'cancelled' GROUP BY location_id) t ON t.location_id = l.id
     ORDER BY l.id`,
    [],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    city: r.city,
    kind: r.kind,
    lat: r.lat,
    lng: r.lng,
    active: r.active,
    dailyCapacity: r.daily_capacity,
    openingHours: r.opening_hours ?? {},
    carrierCutoff: r.carrier_cutoff,
    pickupCapable: r.pickup_capable,
    channels: r.channels,
    labourCostPerUnit: Number(r.labour),
    assignedToday: r.today,
  }));
}

const networkCache = new WeakMap<Db, { at: number; network: Promise<NetworkLocation[]> }>();
/**
 * How long an engine reuses the network it read. Locations change rarely (and every change
 * invalidates it through `locations.changed`); what moves is each location's count of fulfilment
 * orders today, which the engine bumps itself as it sources (`noteAssigned`) and re-reads at this
 * pace — the daily capacity is a soft limit of the decision, never a guard on stock.
 */
const NETWORK_TTL_MS = 1000;

/** `loadNetwork`, shared by every sourcing job of this engine for up to {@link NETWORK_TTL_MS}. */
export function cachedNetwork(ds: Db): Promise<NetworkLocation[]> {
  const hit = networkCache.get(ds);
  if (hit && Date.now() - hit.at < NETWORK_TTL_MS) return hit.network;
  const network = loadNetwork(ds.manager);
  networkCache.set(ds, { at: Date.now(), network });
  network.catch(() => networkCache.delete(ds));
  return network;
}

/** Counts fulfilment orders this engine just committed at these locations in the cached network. */
export function noteAssigned(ds: Db, locationIds: readonly string[]): void {
  void networkCache.get(ds)?.network.then(
    (net) => {
      for (const id of locationIds) {
        const loc = net.find((l) => l.id === id);
        if (loc) loc.assignedToday++;
      }
    },
    () => undefined,
  );
}

/** Forget the cached network (a location changed). */
export function forgetNetwork(ds: Db): void {
  networkCache.delete(ds);
}

export interface OrderFacts {
  channel: string;
  orderType: OrderType;
  createdAt: Date;
  lines: OrderLineToSource[];
}

/** What sourcing needs beyond the claim: channel, order type (sent as `orderType`, default delivery), line prices and weights. */
export async function loadOrderFacts(m: Tx, orderId: string): Promise<OrderFacts | null> {
  const rows = await preparedRows<{
    channel: string;
    order_type: string | null;
    created_at: Date;
    lines: { sku: string; quantity: number; unitPrice: number | null; weightGrams: number }[];
  }>(
    m,
    'atalaya_sourcing_facts_v2',
    `SELECT o.channel, o.raw->>'orderType' AS order_type, o.created_at,
       (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.open_quantity, 'unitPrice', l.unit_price, 'weightGrams', coalesce(p.weight_grams, 0)) ORDER BY l.line_no)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.order_id = o.id AND l.open_quantity > 0) AS lines
     FROM orders o WHERE o.id = $1`,
    [orderId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    channel: r.channel,
    orderType: ORDER_TYPES.includes(r.order_type as OrderType) ? (r.order_type as OrderType) : 'delivery',
    createdAt: r.created_at,
    lines: r.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice === null ? null : Number(l.unitPrice),
      weightGrams: l.weightGrams,
    })),
  };
}

export interface PartToReserve {
  locationId: string;
  fulfilmentOrderId: string;
  lines: { sku: string; quantity: number }[];
}

/**
 * Reserves a split order: every line at its part's location with the same guarded UPDATE as a
 * single-location reservation (`on_hand − reserved − safety ≥ qty`), and only if every line was
 * reserved, one fulfilment order per location, the reservations, the ledger, the order's new
 * status (its `location_id` is the part with most units), its timeline event and the outbox row —
 * one statement. Returns false when some line could not be reserved: the caller wraps the call in
 * a savepoint and rolls it back (rows reserved by the other lines are undone with it).
 *
 * `mode: 'reassign'` is re-optimisation: the order stays `sourced` and the event is `order.reoptimised`.
 */
export async function reserveParts(
  m: Tx,
  r: {
    orderId: string;
    fromStatus: string;
    parts: PartToReserve[];
    actor: Actor;
    decision: Record<string, unknown>;
    mode: 'source' | 'reassign';
  },
): Promise<boolean> {
  const flat = r.parts.flatMap((p) => p.lines.map((l) => ({ loc: p.locationId, fo: p.fulfilmentOrderId, sku: l.sku, qty: l.quantity })));
  flat.sort((a, b) => (a.loc + '\u0000' + a.sku < b.loc + '\u0000' + b.sku ? -1 : 1));
  const primary = [...r.parts].sort((a, b) => units(b) - units(a) || (a.locationId < b.locationId ? -1 : 1))[0]!;
  const rows = await preparedNamedRows<{ reserved: number }>(
    m,
    'atalaya_reserve_parts_v2',
    `WITH want AS (SELECT * FROM unnest(:locs::text[], :skus::text[], :quantities::int[], :fulfilmentOrderIds::uuid[]) AS w(loc, sku, qty, fo)),
     upd AS (
       UPDATE stock s SET reserved = s.reserved + w.qty, updated_at = now()
       FROM want w
       WHERE s.location_id = w.loc AND s.sku = w.sku AND ${availableSql('s', '(SELECT channel FROM orders WHERE id = :orderId::uuid)')} >= w.qty
       RETURNING s.location_id AS loc, s.sku, w.qty, w.fo),
     ok AS (SELECT count(*) = :lineCount AS all_reserved FROM upd),
     fo AS (
       INSERT INTO fulfilment_orders (id, order_id, location_id, status)
       SELECT DISTINCT upd.fo, :orderId::uuid, upd.loc, 'assigned' FROM upd, ok WHERE ok.all_reserved RETURNING id),
     res AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
       SELECT :orderId, upd.fo, upd.loc, upd.sku, upd.qty, 'reserved', (SELECT channel FROM orders WHERE id = :orderId::uuid) FROM upd JOIN fo ON fo.id = upd.fo),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT upd.loc, upd.sku, 0, upd.qty, 'reserve', :orderId, :actorId FROM upd, ok WHERE ok.all_reserved),
     ord AS (
       UPDATE orders SET status = 'sourced', location_id = :primaryLocationId, unfillable_reason = NULL, updated_at = now()
       FROM ok WHERE orders.id = :orderId AND ok.all_reserved RETURNING orders.id, orders.number, orders.updated_at),
     ev AS (
       INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, data)
       SELECT ord.id, :eventType, :fromStatus, 'sourced', :actorId, :actorName, :decision FROM ord),
     out AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(ord.id, ord.number, 'sourced', :fromStatus::text, :primaryLocationId::text, ord.updated_at) FROM ord)
     SELECT (SELECT count(*) FROM upd)::int AS reserved`,
    {
      locs: flat.map((f) => f.loc),
      skus: flat.map((f) => f.sku),
      quantities: flat.map((f) => f.qty),
      fulfilmentOrderIds: flat.map((f) => f.fo),
      lineCount: flat.length,
      orderId: r.orderId,
      actorId: r.actor.id,
      actorName: r.actor.name,
      primaryLocationId: primary.locationId,
      fromStatus: r.fromStatus,
      decision: r.decision,
      eventType: r.mode === 'source' ? 'order.sourced' : 'order.reoptimised',
    },
  );
  return rows[0]?.reserved === flat.length;
}

const units = (p: PartToReserve) => p.lines.reduce((s, l) => s + l.quantity, 0);

/** Past orders created in [from, to), oldest first, as the routing simulator replays them. */
export async function loadPastOrders(
  m: Tx,
  from: string,
  to: string,
  limit: number,
): Promise<(OrderFacts & { shipTo: { lat: number; lng: number } })[]> {
  const rows: {
    channel: string;
    order_type: string | null;
    created_at: Date;
    ship_to: { lat: number; lng: number };
    lines: OrderFacts['lines'];
  }[] = await m.query(
    `SELECT o.channel, o.raw->>'orderType' AS order_type, o.created_at, o.ship_to,
       (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity, 'unitPrice', l.unit_price, 'weightGrams', coalesce(p.weight_grams, 0)) ORDER BY l.line_no)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku WHERE l.order_id = o.id) AS lines
     FROM orders o WHERE o.created_at >= $1 AND o.created_at < $2 ORDER BY o.created_at, o.id LIMIT $3`,
    [from, to, limit],
  );
  return rows.map((r) => ({
    channel: r.channel,
    orderType: ORDER_TYPES.includes(r.order_type as OrderType) ? (r.order_type as OrderType) : 'delivery',
    createdAt: r.created_at,
    shipTo: r.ship_to,
    lines: r.lines.map((l) => ({ ...l, unitPrice: l.unitPrice === null ? null : Number(l.unitPrice) })),
  }));
}

/**
 * Stock that could be promised if nothing were reserved (on hand − safety), for the given SKUs: the simulator's starting point.
 * Not `availableSql`: the simulator replays orders of every channel against one pool per location and SKU, with no
 * reservations, so neither reserved units nor per-channel ring fences apply to it.
 */
export async function loadStockFor(m: Tx, skus: readonly string[]): Promise<{ location_id: string; sku: string; qty: number }[]> {
  return m.query(
    `SELECT location_id, sku, on_hand - safety_stock AS qty FROM stock WHERE sku = ANY($1::text[]) AND on_hand - safety_stock > 0`,
    [skus],
  );
}

const ASSIGNED_INTO_CANCELLED = fulfilmentInto('cancelled', ['assigned']);
/** Cancels the order's fulfilment orders that are still assigned (re-optimisation moves the work elsewhere). */
export async function cancelAssignedFulfilment(m: Tx, orderId: string): Promise<void> {
  await m.query(
    `UPDATE fulfilment_orders SET status = 'cancelled', updated_at = now() WHERE order_id = $1 AND status IN ${ASSIGNED_INTO_CANCELLED}`,
    [orderId],
  );
}

/** What the order's channel may promise of these SKUs, per location (the reservation guard's left-hand side), for sourcing part of an order. */
export async function atpForOrder(m: Tx, orderId: string, skus: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const rows: { location_id: string; sku: string; atp: number }[] = await m.query(
    `SELECT s.location_id, s.sku, ${availableSql('s', 'o.channel')} AS atp
     FROM orders o JOIN stock s ON s.sku = ANY($2::text[]) WHERE o.id = $1 AND ${availableSql('s', 'o.channel')} > 0`,
    [orderId, [...new Set(skus)]],
  );
  const atp = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let bySku = atp.get(r.location_id);
    if (!bySku) atp.set(r.location_id, (bySku = new Map()));
    bySku.set(r.sku, r.atp);
  }
  return atp;
}
