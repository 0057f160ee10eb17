import type { LatLng } from '../geo';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** A point in radians with its latitude's cosine: the parts of the haversine that depend on one end only. */
export interface Probe {
  lat: number;
  lng: number;
  cosLat: number;
}

export function probeOf(p: LatLng): Probe {
  const lat = p.lat * RAD;
  return { lat, lng: p.lng * RAD, cosLat: Math.cos(lat) };
}

const cache = new WeakMap<object, Probe>();

/** A location's probe, computed once per location object (networks are reused across decisions). */
export function cachedProbe(p: LatLng): Probe {
  let probe = cache.get(p);
  if (!probe) cache.set(p, (probe = probeOf(p)));
  return probe;
}

/**
 * The haversine term h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2): monotone in distance, so it ranks
 * and compares against a band without the square root and arcsine. `kmOfH` finishes the job.
 */
export function haversineH(a: Probe, b: Probe): number {
  const s1 = Math.sin((b.lat - a.lat) / 2);
  const s2 = Math.sin((b.lng - a.lng) / 2);
  return s1 * s1 + a.cosLat * b.cosLat * s2 * s2;
}

/** Great-circle km from h (the same formula as geo.distanceKm). */
export function kmOfH(h: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** h of a distance: compare h values instead of km (beyond half the globe every h qualifies). */
export function hOfKm(km: number): number {
  if (km >= Math.PI * EARTH_RADIUS_KM) return Infinity;
  const s = Math.sin(km / (2 * EARTH_RADIUS_KM));
  return s * s;
}
