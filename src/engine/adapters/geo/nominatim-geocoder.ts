import { z } from 'zod';
import type { GeocodeQuery, GeocodeResult, Geocoder } from '../../ports/geocoder.port';

/**
 * An online geocoder speaking Nominatim's search API (`/search?format=jsonv2`, structured query:
 * street, city, state, postalcode, countrycodes). Point it at your own Nominatim (or a provider
 * speaking the same format); the public OSM instance allows at most one request a second.
 * Answers null when it finds nothing; throws when the service fails, so the caller can fall back.
 */

const NominatimHit = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  display_name: z.string().default(''),
  place_rank: z.number().optional(),
  addresstype: z.string().optional(),
  type: z.string().optional(),
});
const NominatimResponse = z.array(NominatimHit);

export interface NominatimOptions {
  /** Base URL, e.g. `https://nominatim.example.org` (the `/search` path is added). */
  url: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  userAgent?: string;
}

export class NominatimGeocoder implements Geocoder {
  constructor(private readonly opts: NominatimOptions) {}

  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    const params = new URLSearchParams({ format: 'jsonv2', limit: '1', countrycodes: q.country.toLowerCase(), city: q.city });
    if (q.line1) params.set('street', q.line1);
    if (q.region) params.set('state', q.region);
    if (q.postalCode) params.set('postalcode', q.postalCode);
    const url = `${this.opts.url.replace(/\/+$/, '')}/search?${params.toString()}`;
    const res = await (this.opts.fetch ?? fetch)(url, {
      headers: { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'Atalaya-OMS/0.1 (order geocoding)' },
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 3000),
    });
    if (!res.ok) throw new Error(`geocoder ${this.opts.url} answered ${res.status}`);
    const hits = NominatimResponse.parse(await res.json());
    const hit = hits[0];
    if (!hit) return null;
    const rank = hit.place_rank ?? 0;
    const precision: GeocodeResult['precision'] =
      q.line1 && rank >= 26 ? 'address' : hit.addresstype === 'postcode' || hit.type === 'postcode' ? 'postal_code' : 'city';
    return { lat: hit.lat, lng: hit.lon, precision, source: 'nominatim', matched: hit.display_name };
  }
}
