/**
 * How the demo catalog's product families are written: their shape (category, Spanish noun and
 * gender, models, colourways, variants, price and weight ranges), the colours in their four Spanish
 * forms, and the helpers for sizes and variants. The families themselves are in
 * demo-families-fashion.ts and demo-families-goods.ts; demo-catalog.ts turns them into SKUs.
 */

/** A colour (or finish) in the four forms Spanish agreement needs: m, f, m plural, f plural. */
export interface Colour {
  readonly forms: readonly [string, string, string, string];
}
export type Gender = 'm' | 'f' | 'mp' | 'fp';
export const GENDER_FORM: Record<Gender, 0 | 1 | 2 | 3> = { m: 0, f: 1, mp: 2, fp: 3 };

const agreeing = (stem: string): Colour => ({ forms: [`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`] });
const invariable = (word: string, plural = word): Colour => ({ forms: [word, word, plural, plural] });
export const COLOURS = {
  negro: agreeing('negr'),
  blanco: agreeing('blanc'),
  rojo: agreeing('roj'),
  plateado: agreeing('platead'),
  dorado: agreeing('dorad'),
  amarillo: agreeing('amarill'),
  gris: invariable('gris', 'grises'),
  azul: invariable('azul', 'azules'),
  verde: invariable('verde', 'verdes'),
  celeste: invariable('celeste', 'celestes'),
  marron: invariable('marrón', 'marrones'),
  natural: invariable('natural', 'naturales'),
  beige: invariable('beige'),
  rosa: invariable('rosa'),
  bordo: invariable('bordó'),
  violeta: invariable('violeta'),
  naranja: invariable('naranja'),
  suela: invariable('suela'),
} as const;
export type ColourName = keyof typeof COLOURS;

export interface Variant {
  /** As it reads in the name, e.g. "42", "2 plazas", "256 GB", "negro". */
  label: string;
  /** As it reads in the SKU: uppercase letters and digits only. */
  code: string;
  /** Price and weight relative to the model's base (a King sheet set costs more than a single). */
  priceFactor: number;
  weightFactor: number;
}

export interface Family {
  code: string;
  category: string;
  noun: string;
  gender: Gender;
  models: readonly string[];
  /** Colourways each model comes in (2–4 of these per model); empty when colour is not a style. */
  colours: readonly ColourName[];
  variants: readonly Variant[];
  /** Word before the variant in the name ("talle 42", "cuadro M"); empty for none. */
  variantWord: string;
  /** ARS range of a model's base price, and grams range of its base weight. */
  price: readonly [number, number];
  weight: readonly [number, number];
  /** Relative share of the catalog's SKUs. */
  share: number;
}

export const v = (label: string, code: string, priceFactor = 1, weightFactor = priceFactor): Variant => ({
  label,
  code,
  priceFactor,
  weightFactor,
});
/** Plain sizes, each a little heavier than the last (shoes, garments). */
export const sizes = (labels: string, step = 0.02): Variant[] =>
  labels.split(' ').map((s, i) => v(s, s.replace(/[^A-Z0-9]/gi, '').toUpperCase(), 1, 1 + i * step));
/** Colours as the variant axis, agreeing with the noun. */
export const colourVariants = (gender: Gender, names: readonly ColourName[]): Variant[] =>
  names.map((n) => v(COLOURS[n].forms[GENDER_FORM[gender]], n.slice(0, 3).toUpperCase()));
export const BED = [
  v('1 plaza', '1P', 0.75),
  v('1½ plazas', '15P', 0.85),
  v('2 plazas', '2P'),
  v('Queen', 'QN', 1.2),
  v('King', 'KG', 1.4),
];
export const LETTER = 'XS S M L XL XXL';
