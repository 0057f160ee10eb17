import type { Geocoder } from '../../ports/geocoder.port';

/**
 * The engine's geocoder: the bundled offline gazetteer, with an optional online geocoder in front.
 * (Placeholder for parallel work: answers nothing until the gazetteer lands; same signature.)
 */
export function createDefaultGeocoder(_opts: { onlineUrl?: string } = {}): Geocoder {
  return { geocode: async () => null };
}
