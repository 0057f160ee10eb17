import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultGeocoder, FallbackGeocoder } from '../../../src/engine/adapters/geo/default-geocoder';
import { Gazetteer } from '../../../src/engine/adapters/geo/gazetteer';
import { NominatimGeocoder } from '../../../src/engine/adapters/geo/nominatim-geocoder';
import { type LoopbackNominatim, startNominatim } from '../../support/loopback/nominatim';

/** The default geocoder: an online Nominatim-format geocoder first when configured, the bundled gazetteer behind it. */
describe('default geocoder', () => {
  let nominatim: LoopbackNominatim;
  beforeAll(async () => {
    nominatim = await startNominatim([
      {
        city: 'Rosario',
        country: 'AR',
        lat: -32.9442,
        lon: -60.6505,
        display_name: 'Bv. Oroño 1450, Rosario, Santa Fe, Argentina',
        place_rank: 30,
        addresstype: 'building',
      },
    ]);
  });
  afterAll(() => nominatim.close());

  it('asks the online geocoder first (structured Nominatim search) and reports its precision', async () => {
    const g = createDefaultGeocoder({ onlineUrl: nominatim.url });
    const r = await g.geocode({ line1: 'Bv. Oroño 1450', city: 'Rosario', region: 'Santa Fe', postalCode: 'S2000', country: 'AR' });
    expect(r).toEqual({
      lat: -32.9442,
      lng: -60.6505,
      precision: 'address',
      source: 'nominatim',
      matched: 'Bv. Oroño 1450, Rosario, Santa Fe, Argentina',
    });
    const q = nominatim.requests.at(-1)!.query;
    expect(Object.fromEntries(q)).toMatchObject({
      format: 'jsonv2',
      city: 'Rosario',
      street: 'Bv. Oroño 1450',
      state: 'Santa Fe',
      postalcode: 'S2000',
      countrycodes: 'ar',
    });
  });

  it('falls back to the gazetteer when the online geocoder finds nothing or is down', async () => {
    const g = createDefaultGeocoder({ onlineUrl: nominatim.url });
    expect(await g.geocode({ city: 'Mendoza', country: 'AR' })).toMatchObject({ source: 'gazetteer', precision: 'city' });
    nominatim.down = true;
    try {
      const fb = g as FallbackGeocoder;
      expect(await g.geocode({ city: 'Rosario', country: 'AR' })).toMatchObject({
        source: 'gazetteer',
        matched: expect.stringMatching(/^Rosario \(AR, admin1 21/),
      });
      expect(fb.lastFailure?.message).toMatch(/answered 503/);
    } finally {
      nominatim.down = false;
    }
  });

  it('is the gazetteer alone when nothing is configured, and null when no one can place the address', async () => {
    const saved = process.env.ATALAYA_GEOCODER_URL;
    delete process.env.ATALAYA_GEOCODER_URL;
    try {
      expect(createDefaultGeocoder()).toBeInstanceOf(Gazetteer);
    } finally {
      if (saved !== undefined) process.env.ATALAYA_GEOCODER_URL = saved;
    }
    const chain = new FallbackGeocoder([new NominatimGeocoder({ url: nominatim.url }), new Gazetteer()]);
    expect(await chain.geocode({ city: 'Pueblo Que No Existe', country: 'AR' })).toBeNull();
  });
});
