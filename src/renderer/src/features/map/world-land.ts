import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

let cached: Promise<FeatureCollection> | undefined;

/**
 * The bundled offline base map: Natural Earth 1:50m countries from world-atlas, converted from
 * TopoJSON once. Loaded as a separate chunk so the first paint does not wait for 750 kB of
 * coastline; no network is involved either way.
 */
export function loadWorldLand(): Promise<FeatureCollection> {
  cached ??= import('world-atlas/countries-50m.json').then((m) => {
    const topo = (m.default ?? m) as unknown as Topology<{ countries: GeometryCollection }>;
    return feature(topo, topo.objects.countries) as FeatureCollection;
  });
  return cached;
}
