import type { Tx } from '../../db/data-source';
import { parseReasons, type UnroutableRow } from '../../../shared';
import type { Actor } from '../../../shared';
import { availableSql } from '../inventory/stock.store';
import { returningRows } from '../../db/sql';
import { fulfilmentInto } from './fulfilment.store';

/** Parts given back before packing (an order cancelled or moved): see FULFILMENT_TRANSITIONS. */
const OPEN_INTO_CANCELLED = fulfilmentInto('cancelled', ['assigned', 'picked']);
/** Parts not started yet, given back (a split settled elsewhere). */
const ASSIGNED_INTO_CANCELLED = fulfilmentInto('cancelled', ['assigned']);

/**
 * SQL of the floor's push-back: exclusions, capacity blocks, stock corrections for rejections and
 * short picks, the override audit and the unroutable queue. Every stock change is one guarded
 * statement that writes its ledger row in the same statement (no read-then-write in Node).
 */

/** Where an order must not go, and why (shown in the sourcing decision). */
export type Exclusions = ReadonlyMap<string, string>;

/**
 * The locations sourcing must drop for this order: those that rejected it (or came up short) and
 * those that are out of capacity for the rest of their day.
 */
export async function loadExclusions(m: Tx, orderId: string): Promise<Exclusions> {
  const rows: { location_id: string; reason: string }[] = await m.query(
    `SELECT location_id, reason FROM (${exclusionsSql('$1')}) x ORDER BY x.rank`,
    [orderId],
  );
  return exclusionsFrom(rows.map((r) => [r.location_id, r.reason]));
}

/**
 * The exclusions as a row source `(location_id, reason, rank)` for the order `orderIdSql` (a
 * parameter or a column): the sourcing claim embeds it so the hot path reads them in its one
 * round trip. Order-level exclusions (rank 0) come before day blocks (rank 1).
 * `atalaya_sourcing_facts` (src/engine/db/functions/atalaya_sourcing_facts.sql) spells the same rows: change both.
 */
export function exclusionsSql(orderIdSql: string): string {
  return `SELECT location_id, reason, 0 AS rank FROM sourcing_exclusions WHERE order_id = ${orderIdSql}
     UNION ALL
     SELECT location_id, reason || ' (until ' || to_char(until AT TIME ZONE 'America/Argentina/Buenos_Aires', 'HH24:MI') || ')', 1 FROM location_day_blocks WHERE until > now()`;
}

/** The first reason per location wins (the order's own exclusions lead). */
export function exclusionsFrom(rows: readonly (readonly [string, string])[]): Exclusions {
  const out = new Map<string, string>();
  for (const [loc, reason] of rows) if (!out.has(loc)) out.set(loc, reason);
  return out;
}

export async function addExclusion(
  m: Tx,
  e: { orderId: string; locationId: string; code: string; reason: string; actor: Actor },
): Promise<void> {
  await m.query(
    `INSERT INTO sourcing_exclusions (order_id, location_id, reason_code, reason, actor_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (order_id, location_id) DO UPDATE SET reason_code = EXCLUDED.reason_code, reason = EXCLUDED.reason, actor_id = EXCLUDED.actor_id, created_at = now()`,
    [e.orderId, e.locationId, e.code, e.reason, e.actor.id],
  );
}

/** Blocks a location for new orders until the end of its day; returns when the block ends. */
export async function blockLocationForToday(
  m: Tx,
  b: { locationId: string; orderId: string; reason: string; actor: Actor },
): Promise<string> {
  const rows: { until: Date }[] = await m.query(
    `INSERT INTO location_day_blocks (location_id, day, until, reason, order_id, actor_id)
     VALUES ($1, (now() AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, atalaya_location_day_end(now()), $2, $3, $4)
     ON CONFLICT (location_id, day) DO UPDATE SET until = location_day_blocks.until
     RETURNING until`,
    [b.locationId, b.reason, b.orderId, b.actor.id],
  );
  return rows[0]!.until.toISOString();
}

/**
 * Corrects stock at a location after a rejection or a short pick, in one statement per call with
 * its ledger rows. `zero`: nothing left to promise — on hand falls to what other orders still hold
 * reserved (their units are theirs to confirm or reject). `remove`: that many units are gone
 * (damaged, not found), never below what others hold. Returns the on-hand change per SKU.
 */
export async function correctStock(
  m: Tx,
  c: { locationId: string; items: { sku: string; remove: number | 'zero' }[]; reason: string; orderId: string; actor: Actor },
): Promise<{ sku: string; onHandDelta: number }[]> {
  if (c.items.length === 0) return [];
  const items = [...c.items].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  const rows = await returningRows<{ sku: string; delta: number }>(
    m,
    `WITH want AS (SELECT * FROM unnest($2::text[], $3::int[]) AS w(sku, remove)),
     cur AS (
       SELECT s.sku, CASE WHEN w.remove < 0 THEN s.reserved - s.on_hand ELSE -least(w.remove, s.on_hand - s.reserved) END AS delta
       FROM stock s JOIN want w ON w.sku = s.sku WHERE s.location_id = $1 ORDER BY s.sku FOR UPDATE OF s),
     -- The ledger row moves on hand (inventory's trigger); on hand is never written directly.
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT $1, cur.sku, cur.delta, 0, $4, $5, $6 FROM cur WHERE cur.delta <> 0)
     SELECT sku, delta::int AS delta FROM cur ORDER BY sku`,
    [c.locationId, items.map((i) => i.sku), items.map((i) => (i.remove === 'zero' ? -1 : i.remove)), c.reason, c.orderId, c.actor.id],
  );
  return rows.map((r) => ({ sku: r.sku, onHandDelta: r.delta }));
}

/** Cancels the order's fulfilment orders that have not left the floor (the location gives the order back). */
export async function cancelOpenFulfilments(m: Tx, orderId: string): Promise<number> {
  const rows = await returningRows<{ id: string }>(
    m,
    `UPDATE fulfilment_orders SET status = 'cancelled', updated_at = now() WHERE order_id = $1 AND status IN ${OPEN_INTO_CANCELLED} RETURNING id`,
    [orderId],
  );
  return rows.length;
}

/** The order's lines with the units it still ships itself (less any backordered or cancelled); fully moved lines are left out. */
export async function orderLines(m: Tx, orderId: string): Promise<{ lineNo: number; sku: string; quantity: number }[]> {
  return m.query(
    `SELECT line_no AS "lineNo", sku, open_quantity AS quantity FROM order_lines WHERE order_id = $1 AND open_quantity > 0 ORDER BY line_no`,
    [orderId],
  );
}

export interface EngineDecisionRecord {
  chosen: string | null;
  candidates: { locationId: string; locationName: string; distanceKm: number | null }[];
}

/** The engine's own last decision for the order (not a supervisor's), read defensively from the timeline. */
export async function lastEngineDecision(m: Tx, orderId: string): Promise<EngineDecisionRecord | null> {
  const rows: { data: Record<string, unknown> | null }[] = await m.query(
    `SELECT data FROM order_events WHERE order_id = $1 AND type IN ('order.sourced','order.unfillable') AND actor_id = 'system' AND data IS NOT NULL ORDER BY id DESC LIMIT 1`,
    [orderId],
  );
  const data = rows[0]?.data;
  if (!data) return null;
  const list = Array.isArray(data.candidates) ? (data.candidates as unknown[]) : [];
  const candidates = list
    .filter(
      (c): c is Record<string, unknown> => !!c && typeof c === 'object' && typeof (c as Record<string, unknown>).locationId === 'string',
    )
    .map((c) => ({
      locationId: c.locationId as string,
      locationName: typeof c.locationName === 'string' ? c.locationName : (c.locationId as string),
      distanceKm: typeof c.distanceKm === 'number' ? c.distanceKm : null,
    }));
  return { chosen: typeof data.chosen === 'string' ? data.chosen : null, candidates };
}

export interface LocationStockRow {
  locationId: string;
  locationName: string;
  kind: string;
  city: string;
  lat: number;
  lng: number;
  active: boolean;
  /** SKU → available to promise here now. */
  available: Map<string, number>;
}

/**
 * Locations with what `channel` may promise of the given SKUs there (`availableSql`: ring-fenced units of other
 * channels excluded), only those with some of it plus `always`.
 */
export async function stockOfSkus(m: Tx, skus: string[], always: string[], channel: string): Promise<LocationStockRow[]> {
  const rows: {
    id: string;
    name: string;
    kind: string;
    city: string;
    lat: number;
    lng: number;
    active: boolean;
    stock: [string, number][] | null;
  }[] = await m.query(
    `SELECT l.id, l.name, l.kind, l.city, l.lat, l.lng, l.active,
       (SELECT json_agg(json_build_array(s.sku, ${availableSql('s', '$3::text')})) FROM stock s WHERE s.location_id = l.id AND s.sku = ANY($1::text[])) AS stock
     FROM locations l
     WHERE l.id = ANY($2::text[]) OR EXISTS (SELECT 1 FROM stock s WHERE s.location_id = l.id AND s.sku = ANY($1::text[]) AND ${availableSql('s', '$3::text')} > 0)
     ORDER BY l.id`,
    [skus, always, channel],
  );
  return rows.map((r) => ({
    locationId: r.id,
    locationName: r.name,
    kind: r.kind,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    active: r.active,
    available: new Map((r.stock ?? []).map(([sku, q]) => [sku, q])),
  }));
}

export async function recordOverride(
  m: Tx,
  o: {
    orderId: string;
    from: string | null;
    to: string;
    engine: string | null;
    reason: string;
    actor: Actor;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await m.query(
    `WITH ov AS (
       INSERT INTO sourcing_overrides (order_id, from_location_id, to_location_id, engine_location_id, reason, actor_id, actor_name)
       VALUES ($1, $2, $3, (SELECT id FROM locations WHERE id = $4), $5, $6, $7) RETURNING id)
     INSERT INTO order_events (order_id, type, from_status, to_status, actor_id, actor_name, reason, data)
     SELECT $1, 'order.overridden', NULL, NULL, $6, $7, $5, $8 FROM ov`,
    [o.orderId, o.from, o.to, o.engine, o.reason, o.actor.id, o.actor.name, o.data],
  );
}

/**
 * The priority of the unroutable queue, in one place: promised date first (none = last), then age
 * (oldest first), then customer tier, then the order number (a total, deterministic order).
 */
const PRIORITY = `o.promised_at ASC NULLS LAST, o.created_at ASC,
  CASE o.customer_tier WHEN 'vip' THEN 0 WHEN 'gold' THEN 1 WHEN 'silver' THEN 2 ELSE 3 END ASC, o.number ASC`;

export async function listUnroutable(m: Tx, limit: number): Promise<{ rows: UnroutableRow[]; total: number }> {
  const rows: {
    id: string;
    number: string;
    channel: string;
    customer_name: string;
    customer_tier: string | null;
    promised_at: Date | null;
    created_at: Date;
    total_units: number;
    unfillable_reason: string | null;
    sourcing_attempts: number;
    sourcing_attempted_at: Date | null;
  }[] = await m.query(
    `SELECT o.id, o.number, o.channel, o.customer->>'name' AS customer_name, o.customer_tier, o.promised_at, o.created_at, o.total_units,
       o.unfillable_reason, o.sourcing_attempts, o.sourcing_attempted_at
     FROM orders o WHERE o.status = 'unfillable' ORDER BY ${PRIORITY} LIMIT $1`,
    [limit],
  );
  const total: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'unfillable'`);
  return {
    total: total[0]?.n ?? 0,
    rows: rows.map((r, i) => ({
      orderId: r.id,
      number: Number(r.number),
      channel: r.channel,
      customerName: r.customer_name,
      customerTier: r.customer_tier,
      promisedAt: r.promised_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
      totalUnits: r.total_units,
      reason: r.unfillable_reason,
      reasonCodes: r.unfillable_reason ? parseReasons(r.unfillable_reason) : null,
      attempts: r.sourcing_attempts,
      lastAttemptAt: r.sourcing_attempted_at?.toISOString() ?? null,
      priority: i + 1,
    })),
  };
}

/**
 * Unroutable orders worth another try now, highest priority first: stock of one of their SKUs
 * became available (a stock row changed since the last attempt and now covers the line), capacity
 * freed up since the last attempt (a capacity block ended, or a fulfilment order was given back or
 * cancelled), or the backoff has passed (`retryMs × attempts`, capped at ten) as a safety net for
 * changes nobody announced.
 */
export async function findUnroutableDue(m: Tx, retryMs: number, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `WITH freed AS (
       SELECT greatest(
         (SELECT max(until) FROM location_day_blocks WHERE until <= now()),
         (SELECT max(updated_at) FROM fulfilment_orders WHERE status = 'cancelled')) AS at)
     SELECT o.id FROM orders o, freed
     WHERE o.status = 'unfillable' AND (
       o.sourcing_attempted_at IS NULL
       OR o.sourcing_attempted_at < now() - make_interval(secs => $1 * least(o.sourcing_attempts, 10))
       OR o.sourcing_attempted_at < freed.at
       OR EXISTS (
         SELECT 1 FROM order_lines l JOIN stock s ON s.sku = l.sku
         WHERE l.order_id = o.id AND l.open_quantity > 0 AND s.updated_at > o.sourcing_attempted_at AND ${availableSql('s', 'o.channel')} >= l.open_quantity))
     ORDER BY ${PRIORITY} LIMIT $2`,
    [retryMs / 1000, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Part of a split: releases the order's open reservations of these SKUs wherever they are, with
 * their ledger rows, in one statement. Returns what was released.
 */
export async function releaseLines(
  m: Tx,
  orderId: string,
  skus: string[],
  actor: Actor,
): Promise<{ locationId: string; sku: string; quantity: number }[]> {
  const rows: { location_id: string; sku: string; quantity: number }[] = await m.query(
    `WITH rel AS (
       UPDATE reservations SET status = 'released', updated_at = now()
       WHERE order_id = $1 AND sku = ANY($2::text[]) AND status = 'reserved'
       RETURNING location_id, sku, quantity),
     st AS (
       UPDATE stock s SET reserved = s.reserved - r.quantity, updated_at = now() FROM rel r WHERE s.location_id = r.location_id AND s.sku = r.sku),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT location_id, sku, 0, -quantity, 'release', $1, $3 FROM rel)
     SELECT location_id, sku, quantity FROM rel ORDER BY location_id, sku`,
    [orderId, [...skus].sort(), actor.id],
  );
  return rows.map((r) => ({ locationId: r.location_id, sku: r.sku, quantity: r.quantity }));
}

/**
 * Part of a split: reserves these lines at one location behind the same guard as sourcing
 * (`on_hand − reserved − safety ≥ qty`), under the order's open fulfilment order there (or a new
 * one), with reservations and ledger rows — all or nothing: false when any line was short, and
 * then nothing was written but the guarded stock rows, which the caller's rollback undoes.
 */
export async function reserveLinesAt(
  m: Tx,
  r: { orderId: string; locationId: string; newFulfilmentOrderId: string; lines: { sku: string; quantity: number }[]; actor: Actor },
): Promise<boolean> {
  const lines = [...r.lines].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  const rows: { reserved: number }[] = await m.query(
    `WITH want AS (SELECT * FROM unnest($2::text[], $3::int[]) AS w(sku, qty)),
     upd AS (
       UPDATE stock s SET reserved = s.reserved + w.qty, updated_at = now() FROM want w
       WHERE s.location_id = $1 AND s.sku = w.sku AND ${availableSql('s', '(SELECT channel FROM orders WHERE id = $5::uuid)')} >= w.qty
       RETURNING s.sku, w.qty),
     ok AS (SELECT count(*) = $4 AS all_reserved FROM upd),
     existing AS (
       SELECT id FROM fulfilment_orders WHERE order_id = $5 AND location_id = $1 AND status = 'assigned' ORDER BY created_at LIMIT 1),
     fo_new AS (
       INSERT INTO fulfilment_orders (id, order_id, location_id, status)
       SELECT $6, $5, $1, 'assigned' FROM ok WHERE ok.all_reserved AND NOT EXISTS (SELECT 1 FROM existing) RETURNING id),
     fo AS (SELECT id FROM existing UNION ALL SELECT id FROM fo_new),
     res AS (
       INSERT INTO reservations (order_id, fulfilment_order_id, location_id, sku, quantity, status, channel)
       SELECT $5, fo.id, $1, upd.sku, upd.qty, 'reserved', (SELECT channel FROM orders WHERE id = $5::uuid) FROM upd, fo, ok WHERE ok.all_reserved),
     led AS (
       INSERT INTO stock_movements (location_id, sku, on_hand_delta, reserved_delta, reason, order_id, actor)
       SELECT $1, upd.sku, 0, upd.qty, 'reserve', $5, $7 FROM upd, ok WHERE ok.all_reserved)
     SELECT (SELECT count(*) FROM upd)::int AS reserved`,
    [r.locationId, lines.map((l) => l.sku), lines.map((l) => l.quantity), lines.length, r.orderId, r.newFulfilmentOrderId, r.actor.id],
  );
  return rows[0]?.reserved === lines.length;
}

/**
 * After a split: fulfilment orders left with nothing reserved are cancelled, and the order's
 * location follows its largest open part (ties: the earliest). Announces the change to desks.
 */
export async function settleSplit(m: Tx, orderId: string): Promise<string | null> {
  const rows: { location_id: string | null }[] = await m.query(
    `WITH gone AS (
       UPDATE fulfilment_orders f SET status = 'cancelled', updated_at = now()
       WHERE f.order_id = $1 AND f.status IN ${ASSIGNED_INTO_CANCELLED} AND NOT EXISTS (SELECT 1 FROM reservations r WHERE r.fulfilment_order_id = f.id AND r.status = 'reserved')
       RETURNING f.id),
     main AS (
       SELECT r.location_id FROM reservations r JOIN fulfilment_orders f ON f.id = r.fulfilment_order_id
       WHERE r.order_id = $1 AND r.status = 'reserved' AND f.id NOT IN (SELECT id FROM gone)
       GROUP BY r.location_id ORDER BY sum(r.quantity) DESC, min(f.created_at) LIMIT 1),
     o AS (
       UPDATE orders SET location_id = coalesce((SELECT location_id FROM main), location_id), updated_at = now()
       WHERE id = $1 RETURNING id, number, status, location_id, updated_at),
     ev AS (
       INSERT INTO engine_events (payload) SELECT atalaya_order_changed(o.id, o.number, o.status, o.status, o.location_id, o.updated_at) FROM o)
     SELECT location_id FROM o`,
    [orderId],
  );
  return rows[0]?.location_id ?? null;
}

/** Where each of the order's lines is reserved now: SKU → its locations (several when the line was split across locations). */
export async function reservedAt(m: Tx, orderId: string): Promise<Map<string, Set<string>>> {
  const rows: { sku: string; location_id: string }[] = await m.query(
    `SELECT sku, location_id FROM reservations WHERE order_id = $1 AND status = 'reserved'`,
    [orderId],
  );
  const at = new Map<string, Set<string>>();
  for (const r of rows) at.set(r.sku, (at.get(r.sku) ?? new Set()).add(r.location_id));
  return at;
}
