import type { DataSource, EntityManager } from 'typeorm';
import type { LocationHealth } from '../../../shared';
import type { SourcingLocation } from '../../core/sourcing/nearest-full-fill';
import { LocationEntity } from './entities/location.entity';

/** Locations as sourcing needs them (few, read on every decision: cached by the caller). */
export async function loadSourcingLocations(ds: DataSource): Promise<SourcingLocation[]> {
  const rows = await ds.getRepository(LocationEntity).find({ order: { id: 'ASC' } });
  return rows.map((l) => ({ id: l.id, name: l.name, city: l.city, kind: l.kind, dailyCapacity: l.dailyCapacity, lat: l.lat, lng: l.lng, active: l.active }));
}

/** Every location with the numbers the map shows at a glance. */
export async function listLocationHealth(m: EntityManager): Promise<LocationHealth[]> {
  const rows: {
    id: string; code: string; name: string; kind: LocationHealth['kind']; city: string; lat: number; lng: number;
    daily_capacity: number; opening_hours: LocationHealth['openingHours']; active: boolean; backlog: string; assigned_today: string; stock_outs: string;
  }[] = await m.query(`
    SELECT l.id, l.code, l.name, l.kind, l.city, l.lat, l.lng, l.daily_capacity, l.opening_hours, l.active,
      (SELECT count(*) FROM orders o WHERE o.location_id = l.id AND o.status IN ('sourced','picked','packed')) AS backlog,
      (SELECT count(*) FROM fulfilment_orders f WHERE f.location_id = l.id AND f.created_at >= date_trunc('day', now()) AND f.status <> 'cancelled') AS assigned_today,
      (SELECT count(*) FROM stock s WHERE s.location_id = l.id AND s.on_hand - s.reserved - s.safety_stock <= 0) AS stock_outs
    FROM locations l ORDER BY l.kind, l.name`);
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, kind: r.kind, city: r.city, lat: r.lat, lng: r.lng,
    dailyCapacity: r.daily_capacity, openingHours: r.opening_hours, active: r.active,
    backlog: Number(r.backlog), assignedToday: Number(r.assigned_today), stockOuts: Number(r.stock_outs),
  }));
}
