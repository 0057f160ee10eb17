import {
  gradeLocation,
  LATE_AFTER_HOURS,
  RECENT_DEMAND_DAYS,
  STOCK_OUTS_SHOWN,
  type LocationDetail,
  type LocationHealth,
  type LocationStockOut,
} from '../../../shared';
import type { Tx } from '../../db/data-source';
import { availableSql } from '../inventory/stock.store';

/** Fulfilment statuses still at the location: the queue there. */
const OPEN = `('assigned','picked','packed')`;

/**
 * The demand that makes a stock-out matter, as CTEs over `loc` (the locations asked for):
 * `waiting` — units per SKU in orders no location has taken yet (received, unroutable), network-wide;
 * `recent` — units per location × SKU reserved there in the last RECENT_DEMAND_DAYS;
 * `outs` — stock rows at those locations with nothing to promise (no channel: units ring-fenced for
 * any channel count as out) and either kind of demand. Candidates come from the demand side, so the
 * cost follows the demand, not the size of the assortment.
 */
const STOCK_OUTS_CTES = `
    waiting AS (
      SELECT ol.sku, sum(ol.quantity)::int AS units FROM orders o JOIN order_lines ol ON ol.order_id = o.id
      WHERE o.status IN ('received','unfillable') GROUP BY ol.sku),
    recent AS (
      SELECT r.location_id, r.sku, sum(r.quantity)::int AS units FROM reservations r JOIN loc ON loc.id = r.location_id
      WHERE r.created_at > now() - make_interval(days => ${RECENT_DEMAND_DAYS}) AND r.status <> 'released'
      GROUP BY r.location_id, r.sku),
    candidates AS (
      SELECT s.location_id, s.sku FROM stock s JOIN loc ON loc.id = s.location_id JOIN waiting w ON w.sku = s.sku
      UNION
      SELECT location_id, sku FROM recent),
    outs AS (
      SELECT s.location_id, s.sku, s.on_hand, s.reserved,
        coalesce(w.units, 0) AS waiting_units, coalesce(r.units, 0) AS recent_units
      FROM candidates c
      JOIN stock s ON s.location_id = c.location_id AND s.sku = c.sku
      LEFT JOIN waiting w ON w.sku = c.sku
      LEFT JOIN recent r ON r.location_id = c.location_id AND r.sku = c.sku
      WHERE ${availableSql('s', 'NULL::text')} <= 0)`;

/**
 * Per location (of `loc`): the open backlog, how much of it is late, today's assignments and the
 * stock-outs that matter — one grouped pass per table for every location at once.
 */
const NUMBERS_SQL = (loc: string) => `
  WITH loc AS (${loc}),
    open AS (
      SELECT f.location_id, count(*) AS backlog,
        count(*) FILTER (WHERE f.created_at < now() - make_interval(hours => ${LATE_AFTER_HOURS}) OR o.promised_at < now()) AS late
      FROM fulfilment_orders f JOIN loc ON loc.id = f.location_id JOIN orders o ON o.id = f.order_id
      WHERE f.status IN ${OPEN} GROUP BY f.location_id),
    today AS (
      SELECT f.location_id, count(*) AS n FROM fulfilment_orders f JOIN loc ON loc.id = f.location_id
      WHERE f.created_at >= date_trunc('day', now()) AND f.status <> 'cancelled' GROUP BY f.location_id),
    ${STOCK_OUTS_CTES},
    out_counts AS (SELECT location_id, count(*) AS n FROM outs GROUP BY location_id)
  SELECT l.id, l.code, l.name, l.kind, l.city, l.lat, l.lng, l.daily_capacity, l.opening_hours, l.active,
    l.paused_at, l.paused_by, l.paused_reason,
    coalesce(op.backlog, 0)::int AS backlog, coalesce(op.late, 0)::int AS late,
    coalesce(t.n, 0)::int AS assigned_today, coalesce(oc.n, 0)::int AS stock_outs
  FROM locations l JOIN loc ON loc.id = l.id
  LEFT JOIN open op ON op.location_id = l.id
  LEFT JOIN today t ON t.location_id = l.id
  LEFT JOIN out_counts oc ON oc.location_id = l.id
  ORDER BY l.kind, l.name`;

interface NumbersRow {
  id: string;
  code: string;
  name: string;
  kind: LocationHealth['kind'];
  city: string;
  lat: number;
  lng: number;
  daily_capacity: number;
  opening_hours: LocationHealth['openingHours'];
  active: boolean;
  paused_at: Date | null;
  paused_by: string | null;
  paused_reason: string | null;
  backlog: number;
  late: number;
  assigned_today: number;
  stock_outs: number;
}

function toHealth(r: NumbersRow): LocationHealth {
  const numbers = {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    dailyCapacity: r.daily_capacity,
    openingHours: r.opening_hours ?? {},
    active: r.active,
    backlog: r.backlog,
    assignedToday: r.assigned_today,
    late: r.late,
    stockOuts: r.stock_outs,
  };
  return { ...numbers, health: gradeLocation(numbers) };
}

/**
 * Every location with the numbers the map shows at a glance and its grade. One statement for the
 * whole network, not a count per location (the map asks for this every second under load).
 */
export async function listLocationHealth(m: Tx): Promise<LocationHealth[]> {
  const rows: NumbersRow[] = await m.query(NUMBERS_SQL('SELECT id FROM locations'));
  return rows.map(toHealth);
}

/** One location for the panel, with its top stock-outs that matter; undefined when there is no such location. */
export async function locationDetail(m: Tx, id: string): Promise<LocationDetail | undefined> {
  const rows: NumbersRow[] = await m.query(NUMBERS_SQL('SELECT id FROM locations WHERE id = $1'), [id]);
  const r = rows[0];
  if (!r) return undefined;
  const outs: { sku: string; name: string; on_hand: number; reserved: number; waiting_units: number; recent_units: number }[] =
    await m.query(
      `WITH loc AS (SELECT $1::text AS id), ${STOCK_OUTS_CTES}
       SELECT outs.sku, coalesce(p.name, outs.sku) AS name, outs.on_hand, outs.reserved, outs.waiting_units, outs.recent_units
       FROM outs LEFT JOIN products p ON p.sku = outs.sku
       ORDER BY outs.waiting_units + outs.recent_units DESC, outs.sku
       LIMIT ${STOCK_OUTS_SHOWN}`,
      [id],
    );
  const topStockOuts: LocationStockOut[] = outs.map((o) => ({
    sku: o.sku,
    name: o.name,
    onHand: o.on_hand,
    reserved: o.reserved,
    waitingUnits: o.waiting_units,
    recentUnits: o.recent_units,
  }));
  return {
    ...toHealth(r),
    pausedAt: r.paused_at ? r.paused_at.toISOString() : null,
    pausedBy: r.paused_by,
    pausedReason: r.paused_reason,
    topStockOuts,
  };
}
