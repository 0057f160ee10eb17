import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Gazetteer } from '../../src/engine/adapters/geo/gazetteer';

/**
 * `npm run bench gazetteer`: what the offline gazetteer costs — first-use load time, memory it
 * keeps after the package's raw array is collected, and lookups per second on Argentine cities.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const QUERIES = [
  { city: 'Córdoba', country: 'AR' },
  { city: 'CABA', country: 'AR' },
  { city: 'Rosario', country: 'AR', region: 'Santa Fe' },
  { city: 'Mar del Plata', country: 'AR', postalCode: 'B7600' },
  { city: 'San Miguel de Tucumán', country: 'AR' },
  { city: 'Villa del Rosario', country: 'AR', region: 'Entre Ríos' },
  { city: 'Montevideo', country: 'UY' },
  { city: 'Pueblo Inexistente', country: 'AR' },
];

export async function run(args: string[]): Promise<object> {
  const lookups = Number(args[args.indexOf('--lookups') + 1]) || 200_000;
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const g = new Gazetteer();
  const t0 = performance.now();
  const stats = g.warm();
  const loadMs = performance.now() - t0;
  const heapBeforeGc = process.memoryUsage().heapUsed - heap0;
  gc();
  const retained = process.memoryUsage().heapUsed - heap0;
  const rss = process.memoryUsage().rss - rss0;
  const t1 = performance.now();
  let hits = 0;
  for (let i = 0; i < lookups; i += 1) if (g.lookup(QUERIES[i % QUERIES.length]!)) hits += 1;
  const lookupMs = performance.now() - t1;
  return {
    bench: 'gazetteer',
    places: stats.places,
    loadMs: Math.round(loadMs),
    heapDuringLoadMb: Math.round(heapBeforeGc / 1e5) / 10,
    heapRetainedMb: Math.round(retained / 1e5) / 10,
    rssGrowthMb: Math.round(rss / 1e5) / 10,
    lookups,
    hitRate: Math.round((hits / lookups) * 1000) / 1000,
    lookupsPerSecond: Math.round(lookups / (lookupMs / 1000)),
    note: 'measured on a shared 2-core machine; indicative only',
  };
}
