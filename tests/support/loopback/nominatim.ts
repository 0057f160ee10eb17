import { fold } from '../../../src/engine/adapters/geo/regions';
import { type LoopbackServer, startLoopback } from './loopback-server';

/** A loopback Nominatim: `GET /search?format=jsonv2&city=…&countrycodes=…`, answering from a small table. */
export interface NominatimPlace {
  city: string;
  country: string;
  lat: number;
  lon: number;
  display_name: string;
  place_rank?: number;
  addresstype?: string;
}

export interface LoopbackNominatim extends LoopbackServer {
  /** While true, every search answers 503. */
  down: boolean;
}

export async function startNominatim(places: NominatimPlace[]): Promise<LoopbackNominatim> {
  const state = { down: false };
  const server = await startLoopback((req) => {
    if (state.down) return { status: 503, body: 'Service Unavailable' };
    if (req.path !== '/search') return { status: 404, body: { error: 'not found' } };
    if (req.query.get('format') !== 'jsonv2')
      return { status: 400, body: { error: { code: 400, message: 'Parameter format: unsupported' } } };
    if (!req.headers['user-agent']) return { status: 403, body: 'Access blocked: no User-Agent' };
    const city = fold(req.query.get('city') ?? '');
    const cc = (req.query.get('countrycodes') ?? '').toUpperCase();
    const hits = places
      .filter((p) => fold(p.city) === city && (!cc || p.country === cc))
      .map((p, i) => ({
        place_id: 1000 + i,
        licence: 'Data © OpenStreetMap contributors, ODbL 1.0',
        osm_type: 'node',
        lat: String(p.lat),
        lon: String(p.lon),
        display_name: p.display_name,
        place_rank: p.place_rank ?? 16,
        addresstype: p.addresstype ?? 'city',
        type: p.addresstype ?? 'city',
        category: 'place',
        importance: 0.6,
      }));
    return { status: 200, body: hits.slice(0, Number(req.query.get('limit') ?? 10)) };
  });
  // An accessor, so a test flipping `down` changes what the handler sees.
  return Object.defineProperty(server, 'down', {
    get: () => state.down,
    set: (v: boolean) => (state.down = v),
    enumerable: true,
  }) as LoopbackNominatim;
}
