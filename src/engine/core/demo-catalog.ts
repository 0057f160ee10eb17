import type { LocationKind } from '../../shared';
import { createRng, hashString, pick } from './rng';

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  weightGrams: number;
  /** ARS. */
  price: number;
}

interface Family {
  code: string;
  category: string;
  noun: string;
  models: readonly string[];
  variants: readonly string[];
  variantLabel: string;
  price: readonly [number, number];
  weight: readonly [number, number];
}

const FAMILIES: readonly Family[] = [
  { code: 'CAL-RUN', category: 'Calzado', noun: 'Zapatilla running', models: ['Aurora', 'Pampa', 'Andes', 'Viento', 'Cóndor', 'Delta'], variants: ['38', '39', '40', '41', '42', '43', '44'], variantLabel: 'talle', price: [89000, 260000], weight: [600, 900] },
  { code: 'CAL-URB', category: 'Calzado', noun: 'Zapatilla urbana', models: ['Palermo', 'Boedo', 'Nuñez', 'Abasto'], variants: ['36', '37', '38', '39', '40', '41', '42'], variantLabel: 'talle', price: [69000, 180000], weight: [550, 850] },
  { code: 'IND-REM', category: 'Indumentaria', noun: 'Remera algodón', models: ['Básica', 'Estampada', 'Oversize', 'Rayada'], variants: ['S', 'M', 'L', 'XL'], variantLabel: 'talle', price: [15000, 42000], weight: [180, 260] },
  { code: 'IND-CAM', category: 'Indumentaria', noun: 'Campera', models: ['Inflable Bariloche', 'Rompevientos Sur', 'Polar Chaltén', 'Softshell Lanín'], variants: ['S', 'M', 'L', 'XL', 'XXL'], variantLabel: 'talle', price: [95000, 320000], weight: [450, 1100] },
  { code: 'IND-JEA', category: 'Indumentaria', noun: 'Jean', models: ['Recto', 'Chupín', 'Mom', 'Cargo'], variants: ['36', '38', '40', '42', '44', '46'], variantLabel: 'talle', price: [45000, 110000], weight: [500, 700] },
  { code: 'HOG-SAB', category: 'Hogar', noun: 'Juego de sábanas', models: ['Percal 180 hilos', 'Algodón 300 hilos', 'Microfibra'], variants: ['1 plaza', '2 plazas', 'Queen', 'King'], variantLabel: '', price: [38000, 160000], weight: [900, 1800] },
  { code: 'HOG-OLL', category: 'Hogar', noun: 'Olla antiadherente', models: ['Essen-style', 'Acero quirúrgico', 'Cerámica'], variants: ['16 cm', '20 cm', '24 cm', '28 cm'], variantLabel: '', price: [29000, 140000], weight: [800, 2600] },
  { code: 'HOG-MAT', category: 'Hogar', noun: 'Mate de calabaza', models: ['Imperial', 'Torpedo', 'Camionero'], variants: ['virola alpaca', 'virola acero', 'sin virola'], variantLabel: '', price: [15000, 85000], weight: [200, 400] },
  { code: 'ELE-AUR', category: 'Electrónica', noun: 'Auriculares inalámbricos', models: ['Bass 200', 'Sport X', 'ANC Pro'], variants: ['negro', 'blanco', 'azul'], variantLabel: 'color', price: [35000, 320000], weight: [150, 350] },
  { code: 'ELE-CEL', category: 'Electrónica', noun: 'Smartphone', models: ['A15', 'A35', 'Nova 12', 'Edge 50'], variants: ['128 GB', '256 GB'], variantLabel: '', price: [420000, 1500000], weight: [190, 240] },
  { code: 'ELE-PAR', category: 'Electrónica', noun: 'Parlante bluetooth', models: ['Mini', 'Go 4', 'Party 300'], variants: ['negro', 'rojo', 'azul'], variantLabel: 'color', price: [28000, 390000], weight: [300, 4200] },
  { code: 'DEP-BIC', category: 'Deportes', noun: 'Bicicleta', models: ['MTB rodado 29', 'Urbana rodado 26', 'Plegable rodado 20'], variants: ['S', 'M', 'L'], variantLabel: 'cuadro', price: [380000, 1200000], weight: [11000, 16000] },
  { code: 'DEP-PEL', category: 'Deportes', noun: 'Pelota de fútbol', models: ['Match', 'Training', 'Futsal'], variants: ['N°4', 'N°5'], variantLabel: '', price: [22000, 120000], weight: [400, 450] },
  { code: 'BEL-PER', category: 'Belleza', noun: 'Perfume', models: ['Cítrico', 'Amaderado', 'Floral', 'Oriental'], variants: ['50 ml', '100 ml'], variantLabel: '', price: [48000, 210000], weight: [250, 450] },
];

/** Every (family, model, variant) combination, in a fixed order, repeated with editions as needed. */
function* combinations(): Generator<{ f: Family; model: string; variant: string; edition: number }> {
  for (let edition = 0; ; edition++) {
    for (const f of FAMILIES) for (const model of f.models) for (const variant of f.variants) yield { f, model, variant, edition };
  }
}

const round = (n: number, to: number) => Math.round(n / to) * to;

/** A deterministic demo catalog of `count` SKUs with Spanish names and realistic ARS prices. */
export function generateCatalog(seed: number, count = 3000): DemoProduct[] {
  const rng = createRng(seed);
  const out: DemoProduct[] = [];
  const modelPrice = new Map<string, number>();
  const it = combinations();
  while (out.length < count) {
    const { f, model, variant, edition } = it.next().value!;
    const modelKey = `${f.code}|${model}|${edition}`;
    const base = modelPrice.get(modelKey) ?? f.price[0] + rng() * (f.price[1] - f.price[0]);
    modelPrice.set(modelKey, base);
    const season = edition === 0 ? '' : ` T${26 + edition}`;
    const modelIdx = f.models.indexOf(model) + 1;
    const variantCode = variant.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 12);
    out.push({
      sku: `${f.code}-${String(modelIdx).padStart(2, '0')}${edition ? `E${edition}` : ''}-${variantCode}`,
      name: `${f.noun} ${model}${season} ${f.variantLabel ? `${f.variantLabel} ` : ''}${variant}`.replace(/\s+/g, ' ').trim(),
      category: f.category,
      weightGrams: Math.round(f.weight[0] + rng() * (f.weight[1] - f.weight[0])),
      price: round(base * (0.95 + rng() * 0.1), 500),
    });
  }
  return out;
}

/**
 * Demo stock of the catalog's SKU number `skuIndex` at a location, or null when the location does
 * not carry it: DCs carry nearly everything in depth, stores ~60% shallow (some at zero), dark
 * stores the fast-moving quarter.
 */
export function demoStockLevel(seed: number, kind: LocationKind, skuIndex: number, locationId: string): number | null {
  const rng = createRng(seed ^ hashString(`${locationId}#${skuIndex}`));
  const r = rng();
  switch (kind) {
    case 'dc':
      return r < 0.97 ? 50 + Math.floor(rng() * 350) : null;
    case 'store':
      return r < 0.6 ? Math.floor(rng() * 13) : null;
    case 'dark_store':
      return skuIndex % 4 === 0 || r < 0.05 ? 5 + Math.floor(rng() * 36) : null;
  }
}

/** Zipf-like demand weight of the SKU at `index`: a few sell a lot, most sell a little. */
export function skuPopularity(index: number): number {
  return 1 / Math.pow(index + 1, 0.8);
}

export { pick };
