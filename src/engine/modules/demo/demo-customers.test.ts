import { describe, expect, it } from 'vitest';
import { AddressSchema, CustomerSchema } from '../../../shared';
import { DEMO_CITIES } from './demo-cities';
import { demoShopper, type DemoPlace } from './demo-customers';
import { SHOPPER_JITTER_DEG } from './demo-land';
import { createRng } from '../../core/rng';

const PLACES: DemoPlace[] = [
  { city: 'Buenos Aires', lat: -34.60372, lng: -58.38159, weight: 250, kind: 'store' },
  { city: 'Córdoba', lat: -31.4135, lng: -64.18105, weight: 230, kind: 'store' },
  { city: 'Ezeiza', lat: -34.84787, lng: -58.52869, weight: 8000, kind: 'dc' },
  { city: 'Pueblo Nuevo', lat: -30, lng: -62, weight: 0 },
];
const many = (seed: number, places: readonly DemoPlace[], n = 500) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => demoShopper(rng, places));
};

describe('demo shoppers', () => {
  it('are deterministic for a seed', () => {
    expect(many(11, PLACES, 50)).toEqual(many(11, PLACES, 50));
    expect(many(11, PLACES, 50)).not.toEqual(many(12, PLACES, 50));
  });

  it('are valid order customers and addresses', () => {
    for (const { customer, shipTo } of many(1, PLACES)) {
      expect(() => CustomerSchema.parse(customer)).not.toThrow();
      expect(() => AddressSchema.parse(shipTo)).not.toThrow();
      expect(customer.name).toMatch(/^\p{Lu}[\p{L} ]+ \p{Lu}[\p{L} ]+$/u);
      expect(customer.email).toMatch(/^[a-z._0-9]+@example\.(com|net|org)$/);
      expect(customer.phone).toMatch(/^\+54 9 \d{2,4} \d{2,4}-\d{4}$/);
      expect(customer.phone.replace(/^\+54 9 /, '').replace(/\D/g, '')).toHaveLength(10);
      expect(shipTo.line1).toMatch(/\d/);
      expect(shipTo.country).toBe('AR');
    }
  });

  it('live near a weighted place, never around a DC or a zero-weight place', () => {
    const shoppers = many(2, PLACES, 2000);
    const cities = new Map<string, number>();
    for (const s of shoppers) cities.set(s.shipTo.city, (cities.get(s.shipTo.city) ?? 0) + 1);
    expect([...cities.keys()].sort()).toEqual(['Buenos Aires', 'Córdoba']);
    expect(cities.get('Buenos Aires')! / cities.get('Córdoba')!).toBeGreaterThan(0.9);
    expect(cities.get('Buenos Aires')! / cities.get('Córdoba')!).toBeLessThan(1.3);
    for (const { shipTo } of shoppers) {
      const place = PLACES.find((p) => p.city === shipTo.city)!;
      expect(Math.abs(shipTo.lat - place.lat)).toBeLessThanOrEqual(SHOPPER_JITTER_DEG);
      expect(Math.abs(shipTo.lng - place.lng)).toBeLessThanOrEqual(0.05);
    }
  });

  it('fill in province, postal code and local phone area for known cities', () => {
    const [cba] = many(3, [{ city: 'Córdoba', lat: -31.4135, lng: -64.18105 }], 1);
    expect(cba!.shipTo).toMatchObject({ region: 'Córdoba', postalCode: 'X5000' });
    expect(cba!.customer.phone).toMatch(/^\+54 9 351 /);
    const [lp] = many(3, [{ city: 'La Plata', lat: -34.92145, lng: -57.95453 }], 1);
    expect(lp!.shipTo.line1).toMatch(/^Calle \d+ N° \d+$/);
    const [elsewhere] = many(3, [{ city: 'Pueblo Nuevo', lat: -30, lng: -62 }], 1);
    expect(elsewhere!.shipTo.region).toBeUndefined();
    expect(DEMO_CITIES).toContain('Ushuaia');
  });

  it('stay out of the water around waterside cities', () => {
    const around = (city: string, lat: number, lng: number) => many(4, [{ city, lat, lng }], 400).map((s) => s.shipTo);
    // The Atlantic east of Mar del Plata's centre, the Río de la Plata east of Microcentro, the
    // Paraná east of Rosario, the Beagle Channel south of Ushuaia, Nahuel Huapi north of Bariloche.
    for (const p of around('Mar del Plata', -38.00042, -57.5562)) expect(p.lng).toBeLessThan(-57.54);
    for (const p of around('Buenos Aires', -34.60372, -58.38159)) expect(p.lng).toBeLessThan(-58.35);
    for (const p of around('Rosario', -32.94682, -60.63932)) expect(p.lng).toBeLessThan(-60.632);
    for (const p of around('Ushuaia', -54.81084, -68.31591)) expect(p.lat).toBeGreaterThan(-54.807);
    for (const p of around('San Carlos de Bariloche', -41.14557, -71.30822)) expect(p.lat).toBeLessThan(-41.137);
  });

  it('need a place', () => {
    expect(() => demoShopper(createRng(1), [])).toThrow(RangeError);
  });
});
