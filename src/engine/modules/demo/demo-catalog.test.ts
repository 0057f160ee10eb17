import { describe, expect, it } from 'vitest';
import { generateCatalog } from './demo-catalog';
import { FAST_MOVER_SHARE, demoStockLevel, isFastMover, skuPopularity } from './demo-demand';

const SEED = 20261125;

describe('demo catalog', () => {
  const catalog = generateCatalog(SEED);

  it('is deterministic: same seed, same catalog; another seed, other prices', () => {
    expect(generateCatalog(SEED)).toEqual(catalog);
    expect(generateCatalog(SEED + 1).map((p) => p.price)).not.toEqual(catalog.map((p) => p.price));
  });

  it('has 3,000 unique SKUs by default, in SKU order, with fixed-width codes', () => {
    expect(catalog).toHaveLength(3000);
    const skus = catalog.map((p) => p.sku);
    expect(new Set(skus).size).toBe(3000);
    expect([...skus].sort()).toEqual(skus);
    for (const sku of skus) expect(sku).toMatch(/^[A-Z]{3}-[A-Z]{3}-[0-9A-Z]{2}-[0-9A-Z]{1,8}$/);
  });

  it('keeps the SKU the end-to-end test orders', () => {
    expect(catalog.find((p) => p.sku === 'CAL-RUN-01-38')).toMatchObject({
      category: 'Calzado',
      name: expect.stringMatching(/^Zapatilla running Aurora \w+ talle 38$/),
    });
  });

  it('reads like an Argentine retailer: Spanish names, peso prices with retail endings, real weights', () => {
    expect(new Set(catalog.map((p) => p.name)).size).toBe(3000);
    for (const p of catalog) {
      expect(p.name).not.toMatch(/\s{2}|^\s|\s$|undefined/);
      expect(p.price).toBeGreaterThanOrEqual(15_000);
      expect(p.price).toBeLessThanOrEqual(1_500_000);
      expect((p.price + 1) % 500).toBe(0);
      expect(Number.isInteger(p.weightGrams)).toBe(true);
      expect(p.weightGrams).toBeGreaterThanOrEqual(30);
      expect(p.weightGrams).toBeLessThanOrEqual(30_000);
    }
    const byCategory = new Map<string, number>();
    for (const p of catalog) byCategory.set(p.category, (byCategory.get(p.category) ?? 0) + 1);
    expect([...byCategory.keys()].sort()).toEqual([
      'Accesorios',
      'Belleza',
      'Calzado',
      'Deportes',
      'Electrohogar',
      'Electrónica',
      'Hogar',
      'Indumentaria',
    ]);
    expect(byCategory.get('Indumentaria')! + byCategory.get('Calzado')!).toBeGreaterThan(1500);
    // Sizes of one style share its name and price; the sizes differ.
    const style = catalog.filter((p) => p.sku.startsWith('CAL-RUN-01-'));
    expect(style.map((p) => p.sku.slice(11))).toEqual(['35', '36', '37', '38', '39', '40', '41', '42', '43', '44', '45']);
    expect(new Set(style.map((p) => p.price)).size).toBe(1);
    expect(new Set(style.map((p) => p.name.replace(/ talle \d+$/, ''))).size).toBe(1);
    // Spanish agreement: feminine nouns take feminine colours.
    expect(catalog.some((p) => /^Zapatilla .* (negra|blanca|roja) talle/.test(p.name))).toBe(true);
    expect(catalog.some((p) => /^Zapatilla .* (negro|blanco|rojo) talle/.test(p.name))).toBe(false);
  });

  it('makes any size of catalog, and says when asked for more than it can', () => {
    expect(generateCatalog(1, 0)).toEqual([]);
    expect(generateCatalog(1, 1)).toHaveLength(1);
    const big = generateCatalog(1, 12_000);
    expect(new Set(big.map((p) => p.sku)).size).toBe(12_000);
    expect(() => generateCatalog(1, 1_000_000)).toThrow(RangeError);
    expect(() => generateCatalog(1, -1)).toThrow(RangeError);
  });
});

describe('demo stock', () => {
  const n = 3000;
  const levels = (kind: 'dc' | 'store' | 'dark_store', id: string) =>
    Array.from({ length: n }, (_, i) => demoStockLevel(SEED, kind, i, id));
  const carried = (qs: (number | null)[]) => qs.filter((q): q is number => q !== null);

  it('is deterministic per seed, location and SKU, and differs between locations', () => {
    expect(levels('store', 'loc-palermo')).toEqual(levels('store', 'loc-palermo'));
    expect(levels('store', 'loc-palermo')).not.toEqual(levels('store', 'loc-belgrano'));
    expect(demoStockLevel(7, 'store', 5)).toBe(demoStockLevel(7, 'store', 5, ''));
  });

  it('stocks DCs with almost everything in depth', () => {
    const q = carried(levels('dc', 'loc-dc-ezeiza'));
    expect(q.length / n).toBeGreaterThan(0.94);
    expect(Math.min(...q)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...q)).toBeLessThanOrEqual(400);
  });

  it('stocks stores with ~60% of the catalog, shallow, some at zero', () => {
    const q = carried(levels('store', 'loc-quilmes'));
    expect(q.length / n).toBeGreaterThan(0.55);
    expect(q.length / n).toBeLessThan(0.65);
    expect(Math.min(...q)).toBe(0);
    expect(Math.max(...q)).toBeLessThanOrEqual(12);
    expect(q.filter((x) => x === 0).length / q.length).toBeGreaterThan(0.05);
  });

  it('stocks dark stores with the fast movers only, 5–40 deep', () => {
    const qs = levels('dark_store', 'loc-ds-colegiales');
    const q = carried(qs);
    expect(q.length / n).toBeGreaterThan(0.2);
    expect(q.length / n).toBeLessThan(0.3);
    expect(Math.min(...q)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...q)).toBeLessThanOrEqual(40);
    const fast = qs.filter((x, i) => x !== null && isFastMover(i)).length;
    expect(fast / q.length).toBeGreaterThan(0.9);
  });
});

describe('SKU popularity', () => {
  const weights = Array.from({ length: 3000 }, (_, i) => skuPopularity(i));

  it('is a positive weight, the same every time', () => {
    expect(weights.every((w) => w > 0 && w <= 1)).toBe(true);
    expect(skuPopularity(17)).toBe(skuPopularity(17));
  });

  it('is Zipf-like: a tenth of the SKUs make most of the demand', () => {
    const sorted = [...weights].sort((a, b) => b - a);
    const total = sorted.reduce((s, w) => s + w, 0);
    const top = (share: number) => sorted.slice(0, share * 3000).reduce((s, w) => s + w, 0) / total;
    expect(top(0.1)).toBeGreaterThan(0.5);
    expect(top(0.1)).toBeLessThan(0.7);
    expect(sorted[0]! / sorted[1499]!).toBeGreaterThan(100);
  });

  it('scatters best sellers over the catalog rather than the first SKUs in order', () => {
    const firstHalf = weights.slice(0, 1500).reduce((s, w) => s + w, 0);
    const secondHalf = weights.slice(1500).reduce((s, w) => s + w, 0);
    expect(firstHalf / secondHalf).toBeGreaterThan(0.6);
    expect(firstHalf / secondHalf).toBeLessThan(1.6);
  });

  it('marks the top quarter of demand as fast movers', () => {
    const fast = weights.map((_, i) => i).filter(isFastMover);
    expect(fast.length / 3000).toBeCloseTo(FAST_MOVER_SHARE, 1);
    const minFast = Math.min(...fast.map((i) => weights[i]!));
    const maxSlow = Math.max(...weights.filter((_, i) => !isFastMover(i)));
    expect(minFast).toBeGreaterThan(maxSlow);
  });
});
