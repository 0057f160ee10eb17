import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A populated place: name, latitude, longitude, people. */
export type Place = [name: string, lat: number, lng: number, population: number];

export interface BaseMapDetails {
  /** Provinces and states, each with `properties.name`. */
  admin1: FeatureCollection;
  /** Most populous first. */
  places: Place[];
}

let cached: Promise<BaseMapDetails> | undefined;

/**
 * The offline base map's details for zoomed-in views (resources/basemap, built by
 * scripts/build-basemap.mjs): provinces and states from Natural Earth admin-1, and populated places
 * from GeoNames. A chunk of its own, loaded the first time the planner zooms in.
 */
export function loadBaseMapDetails(): Promise<BaseMapDetails> {
  cached ??= Promise.all([
    import('../../../../../resources/basemap/admin1.json'),
    import('../../../../../resources/basemap/places.json'),
  ]).then(([a, p]) => {
    const topos = (a.default ?? a) as unknown as Record<string, Topology<Record<string, GeometryCollection>>>;
    const features = Object.entries(topos).flatMap(([iso3, topo]) => (feature(topo, topo.objects[iso3]!) as FeatureCollection).features);
    return { admin1: { type: 'FeatureCollection', features }, places: (p.default ?? p) as unknown as Place[] };
  });
  cached.catch(() => (cached = undefined));
  return cached;
}

/** Zoom from which province borders show, and their names. */
export const PROVINCES_FROM_ZOOM = 5;
export const PROVINCE_NAMES_FROM_ZOOM = 6;

/** The smallest place (people) named at a zoom: big cities first, towns when zoomed well in; none at country zoom. */
export function minPopulationAt(zoom: number): number | null {
  if (zoom < 5) return null;
  if (zoom < 6) return 1_000_000;
  if (zoom < 7) return 300_000;
  if (zoom < 8) return 100_000;
  if (zoom < 9) return 50_000;
  return 15_000;
}

/** The places to name in a view: big enough for the zoom, inside the bounds, at most `max` (most populous first). */
export function placesToName(
  places: readonly Place[],
  zoom: number,
  bounds: { south: number; west: number; north: number; east: number },
  max = 60,
): Place[] {
  const min = minPopulationAt(zoom);
  if (min === null) return [];
  const out: Place[] = [];
  for (const p of places) {
    if (p[3] < min) break; // sorted: the rest are smaller
    if (p[1] >= bounds.south && p[1] <= bounds.north && p[2] >= bounds.west && p[2] <= bounds.east) out.push(p);
    if (out.length >= max) break;
  }
  return out;
}
