import { createRng, hashString, intBetween } from '../../core/rng';
import { COLOURS, GENDER_FORM, type Colour, type Family } from './demo-families';
import { FASHION_FAMILIES } from './demo-families-fashion';
import { GOODS_FAMILIES } from './demo-families-goods';

/** Every family, in catalog order (the order the generator fills them in, so the same seed gives the same catalog). */
const FAMILIES: readonly Family[] = [...FASHION_FAMILIES, ...GOODS_FAMILIES];

/**
 * The demo retailer's catalog: fashion, home, electronics, sports and beauty for an Argentine
 * omnichannel retailer, as product families × models × colourways × sizes, with Spanish names and
 * 2026 peso prices. Pure and deterministic: the same seed and count give the same catalog.
 */
export interface DemoProduct {
  /** `FAM-ILY-SS-VARIANT`, e.g. `CAL-RUN-01-42`: family, style (model + colourway), size or variant. */
  sku: string;
  name: string;
  category: string;
  weightGrams: number;
  /** ARS, with retail endings (e.g. 89999). */
  price: number;
}

/** Later generations of a model when a family runs out of first ones (only for very large catalogs). */
const GENERATIONS = ['', ' II', ' III', ' IV', ' V', ' VI', ' VII', ' VIII', ' IX', ' X'];

/** Two-character style codes: 01–99, then A0–Z9 (fixed width so SKUs sort the same everywhere). */
function styleCode(n: number): string {
  if (n < 100) return String(n).padStart(2, '0');
  const k = n - 100;
  if (k >= 26 * 36) throw new RangeError('demo catalog: too many styles in one family');
  return String.fromCharCode(65 + Math.floor(k / 36)) + (k % 36).toString(36).toUpperCase();
}

/** Retail price endings: $ 24.499, $ 89.999, $ 1.249.999. */
function retailPrice(p: number): number {
  const step = p < 50_000 ? 500 : p < 500_000 ? 1_000 : 10_000;
  return Math.max(step, Math.ceil(p / step) * step) - 1;
}

interface Style {
  number: number;
  /** 0 for a model's first generation; later ones ("Aurora II") only once every family ran out. */
  generation: number;
  model: string;
  colour: Colour | undefined;
  basePrice: number;
  baseWeight: number;
}

/** A family's styles in order: each model in its 2–4 colourways (or once, if colour is a variant). */
function* stylesOf(f: Family, rng: () => number): Generator<Style, void> {
  let number = 1;
  for (let generation = 0; generation < GENERATIONS.length; generation++) {
    for (const m of f.models) {
      const model = m + GENERATIONS[generation]!;
      // Log-uniform base price: many affordable models, a few premium ones.
      const basePrice = Math.exp(Math.log(f.price[0]) + rng() * (Math.log(f.price[1]) - Math.log(f.price[0])));
      const baseWeight = f.weight[0] + rng() * (f.weight[1] - f.weight[0]);
      if (f.colours.length === 0) {
        yield { number: number++, generation, model, colour: undefined, basePrice, baseWeight };
        continue;
      }
      const ways = Math.min(f.colours.length, intBetween(rng, 2, 4));
      const pool = [...f.colours];
      for (let i = 0; i < ways; i++) {
        const [name] = pool.splice(Math.floor(rng() * pool.length), 1);
        yield { number: number++, generation, model, colour: COLOURS[name!], basePrice, baseWeight };
      }
    }
  }
}

/**
 * A deterministic demo catalog of `count` SKUs. Families get shares of the catalog (fashion-heavy,
 * as an Argentine omnichannel retailer's), filled with whole styles (all sizes of a model in a
 * colourway) so the assortment looks real. The result is sorted by SKU (plain ASCII codes of fixed
 * segment widths, so a database sorts them the same way): the index of a product is its rank in
 * `ORDER BY sku`, which is what {@link skuPopularity} and {@link demoStockLevel} take.
 */
export function generateCatalog(seed: number, count = 3000): DemoProduct[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`demo catalog: count must be a non-negative integer, got ${count}`);
  const rng = createRng(seed);
  const state = FAMILIES.map((f) => {
    const styles = stylesOf(f, createRng(seed ^ hashString(f.code)));
    return { f, styles, pending: styles.next().value, made: 0 };
  });
  const out: DemoProduct[] = [];
  let generation = 0;
  while (out.length < count) {
    // Of the families with a style of the current generation left, the one furthest behind its share.
    let next: (typeof state)[number] | undefined;
    for (const s of state) {
      if (s.pending && s.pending.generation <= generation && (!next || s.made / s.f.share < next.made / next.f.share)) next = s;
    }
    if (!next) {
      if (!state.some((s) => s.pending))
        throw new RangeError(`demo catalog: at most ${out.length} SKUs can be generated (asked for ${count})`);
      generation++;
      continue;
    }
    const { f, pending: style } = next;
    if (!style) continue;
    const colourWord = style.colour ? ` ${style.colour.forms[GENDER_FORM[f.gender]]}` : '';
    for (const variant of f.variants) {
      out.push({
        sku: `${f.code}-${styleCode(style.number)}-${variant.code}`,
        name: `${f.noun} ${style.model}${colourWord} ${f.variantWord ? `${f.variantWord} ` : ''}${variant.label}`,
        category: f.category,
        weightGrams: Math.max(1, Math.round(style.baseWeight * variant.weightFactor * (0.98 + rng() * 0.04))),
        price: retailPrice(style.basePrice * variant.priceFactor),
      });
    }
    next.made += f.variants.length;
    next.pending = next.styles.next().value ?? undefined;
  }
  out.length = count;
  return out.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
