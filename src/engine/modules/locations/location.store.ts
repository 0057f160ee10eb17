import type { SourcingLocation } from '../../core/sourcing/nearest-full-fill';
import type { Db, Tx } from '../../db/data-source';

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

/** An active location by id or code (a pickup store named by a channel or the desk). */
export async function findActiveLocations(
  m: Tx,
  idOrCode: string,
): Promise<{ id: string; code: string; name: string; city: string; lat: number; lng: number }[]> {
  return m.query('SELECT id, code, name, city, lat, lng FROM locations WHERE (id = $1 OR code = $1) AND active', [idOrCode]);
}
