import { describe, expect, it } from 'vitest';
import { demoStockLevel, generateCatalog, skuPopularity } from './demo-catalog';
import { demoShopper } from './demo-customers';
import { createRng } from './rng';

describe('demo catalog', () => {
  const catalog = generateCatalog(42, 3000);

  it('is deterministic, unique and realistic', () => {
    expect(generateCatalog(42, 3000)).toEqual(catalog);
    expect(new Set(catalog.map((p) => p.sku)).size).toBe(3000);
    for (const p of catalog) {
      expect(p.price).toBeGreaterThanOrEqual(10_000);
      expect(p.price).toBeLessThanOrEqual(1_700_000);
      expect(p.weightGrams).toBeGreaterThan(0);
      expect(p.name).not.toMatch(/\s{2}/);
    }
    expect(catalog[0]).toMatchObject({ sku: 'CAL-RUN-01-38', name: 'Zapatilla running Aurora talle 38', category: 'Calzado' });
  });

  it('stocks DCs deep, stores shallow and dark stores selectively', () => {
    const share = (kind: 'dc' | 'store' | 'dark_store') => catalog.filter((_, i) => demoStockLevel(1, kind, i, `loc-${kind}`) !== null).length / catalog.length;
    expect(share('dc')).toBeGreaterThan(0.9);
    expect(share('store')).toBeGreaterThan(0.5);
    expect(share('store')).toBeLessThan(0.7);
    expect(share('dark_store')).toBeLessThan(0.35);
    const dcLevels = catalog.map((_, i) => demoStockLevel(1, 'dc', i, 'loc-dc')).filter((q): q is number => q !== null);
    expect(Math.min(...dcLevels)).toBeGreaterThanOrEqual(50);
    expect(demoStockLevel(7, 'store', 5, 'x')).toBe(demoStockLevel(7, 'store', 5, 'x'));
  });

  it('popularity falls with rank', () => {
    expect(skuPopularity(0)).toBeGreaterThan(skuPopularity(10));
    expect(skuPopularity(10)).toBeGreaterThan(skuPopularity(1000));
  });

  it('shoppers live near the chosen place', () => {
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const { customer, shipTo } = demoShopper(rng, [{ city: 'Rosario', lat: -32.95, lng: -60.64 }]);
      expect(shipTo.city).toBe('Rosario');
      expect(Math.abs(shipTo.lat + 32.95)).toBeLessThanOrEqual(0.025);
      expect(customer.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.com\.ar$/);
    }
  });
});
