import type { LocationHealth } from '../../../shared';
import type { SourcingLocation } from '../../core/sourcing/nearest-full-fill';
import type { Db, Tx } from '../../db/data-source';
import { availableSql } from '../inventory/stock.store';

/** Locations as sourcing needs them (few, read on every decision: cached by the caller). */
export async function loadSourcingLocations(ds: Db): Promise<SourcingLocation[]> {
  const rows: {
    id: string;
    name: string;
    city: string;
    kind: SourcingLocation['kind'];
    daily_capacity: number;
    lat: number;
    lng: number;
    active: boolean;
  }[] = await ds.query(`SELECT id, name, city, kind, daily_capacity, lat, lng, active FROM locations ORDER BY id`);
  return rows.map((l) => ({
    id: l.id,
    name: l.name,
    city: l.city,
    kind: l.kind,
    dailyCapacity: l.daily_capacity,
    lat: l.lat,
    lng: l.lng,
    active: l.active,
  }));
}

/**
 * Every location with the numbers the map shows at a glance: one pass over each table grouped by
 * location, not a count per location (the map asks for this every second under load).
 */
export async function listLocationHealth(m: Tx): Promise<LocationHealth[]> {
  const rows: {
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
    backlog: string;
    assigned_today: string;
    stock_outs: string;
  }[] = await m.query(`
    WITH backlog AS (
      SELECT location_id, count(*) AS n FROM orders WHERE status IN ('sourced','picked','packed') AND location_id IS NOT NULL GROUP BY location_id),
    today AS (
      SELECT location_id, count(*) AS n FROM fulfilment_orders WHERE created_at >= date_trunc('day', now()) AND status <> 'cancelled' GROUP BY location_id),
    outs AS (
      -- No channel: units ring-fenced for any channel count as out.
      SELECT location_id, count(*) AS n FROM stock s WHERE ${availableSql('s', 'NULL::text')} <= 0 GROUP BY location_id)
    SELECT l.id, l.code, l.name, l.kind, l.city, l.lat, l.lng, l.daily_capacity, l.opening_hours, l.active,
      coalesce(b.n, 0) AS backlog, coalesce(t.n, 0) AS assigned_today, coalesce(o.n, 0) AS stock_outs
    FROM locations l
    LEFT JOIN backlog b ON b.location_id = l.id
    LEFT JOIN today t ON t.location_id = l.id
    LEFT JOIN outs o ON o.location_id = l.id
    ORDER BY l.kind, l.name`);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    city: r.city,
    lat: r.lat,
    lng: r.lng,
    dailyCapacity: r.daily_capacity,
    openingHours: r.opening_hours,
    active: r.active,
    backlog: Number(r.backlog),
    assignedToday: Number(r.assigned_today),
    stockOuts: Number(r.stock_outs),
  }));
}

/** An active location by id or code (a pickup store named by a channel or the desk). */
export async function findActiveLocations(
  m: Tx,
  idOrCode: string,
): Promise<{ id: string; code: string; name: string; city: string; lat: number; lng: number }[]> {
  return m.query('SELECT id, code, name, city, lat, lng FROM locations WHERE (id = $1 OR code = $1) AND active', [idOrCode]);
}
