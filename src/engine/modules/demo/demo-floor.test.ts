import { describe, expect, it } from 'vitest';
import { isValidGtin } from '../../core/picking/gtin';
import { generateCatalog } from './demo-catalog';
import { demoBin, withFloorData } from './demo-floor';

describe('demo floor data', () => {
  const products = withFloorData(generateCatalog(20261125));

  it('gives every product a unique, valid Argentine EAN-13 and a box that fits its category', () => {
    const eans = products.map((p) => p.ean);
    expect(new Set(eans).size).toBe(products.length);
    for (const p of products) {
      expect(p.ean).toMatch(/^779\d{10}$/);
      expect(isValidGtin(p.ean)).toBe(true);
      for (const mm of [p.lengthMm, p.widthMm, p.heightMm]) {
        expect(Number.isInteger(mm)).toBe(true);
        expect(mm).toBeGreaterThanOrEqual(10);
        expect(mm).toBeLessThanOrEqual(2_000);
      }
    }
    // Heavier products of a category come in bigger boxes.
    const shoes = products.filter((p) => p.category === 'Calzado').sort((a, b) => a.weightGrams - b.weightGrams);
    expect(shoes.at(-1)!.lengthMm).toBeGreaterThan(shoes[0]!.lengthMm);
  });

  it('bins read aisle-bay-level, one department per aisle letter, a style side by side, deterministic', () => {
    const bin = demoBin('loc-palermo', 'Calzado', 'CAL-RUN-01-38', 7);
    expect(bin).toMatch(/^A\d{2}-\d{2}-[1-5]$/);
    expect(demoBin('loc-palermo', 'Calzado', 'CAL-RUN-01-38', 7)).toBe(bin);
    expect(demoBin('loc-palermo', 'Calzado', 'CAL-RUN-01-39', 8).slice(0, 7)).toBe(bin.slice(0, 7));
    expect(demoBin('loc-palermo', 'Belleza', 'BEL-XXX-01-U', 1)).toMatch(/^D/);
    const elsewhere = ['loc-a', 'loc-b', 'loc-c', 'loc-d'].map((l) => demoBin(l, 'Calzado', 'CAL-RUN-01-38', 7));
    expect(new Set(elsewhere).size).toBeGreaterThan(1);
  });
});
