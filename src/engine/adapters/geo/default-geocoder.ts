import type { GeocodeQuery, GeocodeResult, Geocoder } from '../../ports/geocoder.port';
import { Gazetteer } from './gazetteer';
import { NominatimGeocoder } from './nominatim-geocoder';

/** One gazetteer per process: its index is loaded once, on first use. */
let shared: Gazetteer | undefined;
export function sharedGazetteer(): Gazetteer {
  shared ??= new Gazetteer();
  return shared;
}

/** Tries each geocoder in turn; a failing one (down, timing out) is skipped, not fatal. */
export class FallbackGeocoder implements Geocoder {
  /** The last failure of a geocoder that was skipped, for health reporting. */
  lastFailure: { source: number; message: string; at: Date } | undefined;

  constructor(private readonly chain: readonly Geocoder[]) {}

  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    for (const [i, g] of this.chain.entries()) {
      try {
        const r = await g.geocode(q);
        if (r) return r;
      } catch (e) {
        this.lastFailure = { source: i, message: (e as Error).message, at: new Date() };
      }
    }
    return null;
  }
}

/**
 * The engine's geocoder: the bundled offline gazetteer, with an optional online geocoder in front
 * (Nominatim search format) when `onlineUrl` — or `ATALAYA_GEOCODER_URL` — is set.
 */
export function createDefaultGeocoder(opts: { onlineUrl?: string } = {}): Geocoder {
  const online = opts.onlineUrl ?? process.env.ATALAYA_GEOCODER_URL;
  const gazetteer = sharedGazetteer();
  return online ? new FallbackGeocoder([new NominatimGeocoder({ url: online }), gazetteer]) : gazetteer;
}
