import { gtin13 } from '../../core/picking/gtin';
import { hashInt, hashString } from '../../core/rng';
import type { DemoProduct } from './demo-catalog';

/**
 * What the floor needs of the demo catalog: an EAN per product (GS1 Argentina's 779 prefix, a demo
 * company number, the product's rank; valid check digit), a box size for each product, and a bin
 * for each SKU at each location ("A03-12-2": aisle, bay, level). Pure and deterministic.
 */

/** The demo retailer's GS1 company prefix after 779 (made up). */
const COMPANY = '831';

/** Typical box (mm) and weight (g) of a category: a product's box scales with the cube root of its weight. */
const BOXES: Record<string, { l: number; w: number; h: number; g: number }> = {
  Calzado: { l: 330, w: 210, h: 120, g: 700 },
  Indumentaria: { l: 300, w: 250, h: 40, g: 350 },
  Accesorios: { l: 220, w: 150, h: 60, g: 250 },
  Hogar: { l: 400, w: 300, h: 150, g: 2_000 },
  Electrohogar: { l: 450, w: 350, h: 350, g: 5_000 },
  Electrónica: { l: 250, w: 200, h: 80, g: 600 },
  Deportes: { l: 500, w: 300, h: 200, g: 2_500 },
  Belleza: { l: 120, w: 80, h: 60, g: 200 },
};
const DEFAULT_BOX = { l: 300, w: 200, h: 100, g: 800 };

/** Aisle letters by category, so a walk passes one department at a time. */
const AISLE_LETTER: Record<string, string> = {
  Calzado: 'A',
  Indumentaria: 'B',
  Accesorios: 'C',
  Belleza: 'D',
  Deportes: 'E',
  Hogar: 'F',
  Electrónica: 'G',
  Electrohogar: 'H',
};

export interface DemoFloorProduct extends DemoProduct {
  ean: string;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
}

const clampMm = (n: number) => Math.min(2_000, Math.max(10, Math.round(n)));

/** The catalog with EANs and box sizes (the catalog's order: index i gets item number i + 1). */
export function withFloorData(catalog: readonly DemoProduct[]): DemoFloorProduct[] {
  if (catalog.length > 999_999) throw new RangeError('demo EANs number at most 999,999 products');
  return catalog.map((p, i) => {
    const box = BOXES[p.category] ?? DEFAULT_BOX;
    const scale = Math.cbrt(Math.max(1, p.weightGrams) / box.g);
    return {
      ...p,
      ean: gtin13(`779${COMPANY}${String(i + 1).padStart(6, '0')}`),
      lengthMm: clampMm(box.l * scale),
      widthMm: clampMm(box.w * scale),
      heightMm: clampMm(box.h * scale),
    };
  });
}

/**
 * The bin of catalog product `index` at a location: its category's aisle letter, then an aisle
 * number, a bay and a level. Sizes of one style sit side by side (same aisle and bay, levels by
 * size); each location lays its aisles out its own way.
 */
export function demoBin(locationId: string, category: string, sku: string, index: number): string {
  const style = sku.slice(0, sku.lastIndexOf('-'));
  const h = hashInt(hashString(locationId) ^ hashString(style));
  const aisle = 1 + (h % 12);
  const bay = 1 + (Math.floor(h / 12) % 30);
  const level = 1 + (index % 5);
  return `${AISLE_LETTER[category] ?? 'Z'}${String(aisle).padStart(2, '0')}-${String(bay).padStart(2, '0')}-${level}`;
}
