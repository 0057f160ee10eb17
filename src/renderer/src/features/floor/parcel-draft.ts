import type { InputOf, Product } from '../../../../shared';

/** One parcel as the packer fills it in: weight in kg and sides in cm (as people measure), and the units in it per SKU. */
export interface ParcelDraft {
  weightKg: string;
  /** The packer typed a weight: it no longer follows the master's weights of the units. */
  weightEdited: boolean;
  lengthCm: string;
  widthCm: string;
  heightCm: string;
  lines: Record<string, number>;
}

export type ParcelInput = InputOf<'packing.pack'>['parcels'][number];

/** What a pack form must be: every unit of the order in exactly one parcel, none empty. */
export type ParcelProblem =
  { key: 'pack.problem.empty'; parcel: number } | { key: 'pack.problem.units'; sku: string; inParcels: number; picked: number };

type Lines = readonly { sku: string; quantity: number }[];
type Master = Readonly<Record<string, Pick<Product, 'weightGrams' | 'lengthMm' | 'widthMm' | 'heightMm'>>>;

const kg = (grams: number) => (grams > 0 ? String(Math.round(grams) / 1000) : '');
const cm = (mm: number | null | undefined) => (mm ? String(mm / 10) : '');

/** The master's weight of some units, in grams (SKUs it does not know weigh nothing here; the engine says so). */
export function masterWeight(lines: Record<string, number>, master: Master): number {
  return Object.entries(lines).reduce((g, [sku, q]) => g + (master[sku]?.weightGrams ?? 0) * q, 0);
}

/**
 * The one-parcel default: every unit picked here, its weight from the master, and the product's own
 * box as the sides when the order is a single unit (otherwise the packer measures the box).
 */
export function defaultParcels(lines: Lines, master: Master): ParcelDraft[] {
  const all = Object.fromEntries(lines.map((l) => [l.sku, l.quantity]));
  const single = lines.length === 1 && lines[0]!.quantity === 1 ? master[lines[0]!.sku] : undefined;
  return [
    {
      weightKg: kg(masterWeight(all, master)),
      weightEdited: false,
      lengthCm: cm(single?.lengthMm),
      widthCm: cm(single?.widthMm),
      heightCm: cm(single?.heightMm),
      lines: all,
    },
  ];
}

/** A draft after its units changed: the weight follows the master unless the packer typed one. */
export function withLines(draft: ParcelDraft, lines: Record<string, number>, master: Master): ParcelDraft {
  return { ...draft, lines, weightKg: draft.weightEdited ? draft.weightKg : kg(masterWeight(lines, master)) };
}

/** Moves units of one SKU into parcel `to` from the others (the first that has them), so the total stays what was picked. */
export function moveUnits(drafts: readonly ParcelDraft[], to: number, sku: string, quantity: number, master: Master): ParcelDraft[] {
  const next = drafts.map((d) => ({ ...d, lines: { ...d.lines } }));
  const target = next[to];
  if (!target) return [...drafts];
  const want = Math.max(0, Math.trunc(quantity));
  let delta = want - (target.lines[sku] ?? 0);
  target.lines[sku] = want;
  // Take from (or give back to) the other parcels, first the first.
  for (let i = 0; i < next.length && delta !== 0; i++) {
    if (i === to) continue;
    const has = next[i]!.lines[sku] ?? 0;
    const give = delta > 0 ? Math.min(has, delta) : delta;
    next[i]!.lines[sku] = has - give;
    delta -= give;
  }
  return next.map((d, i) => withLines(drafts[i]!, d.lines, master));
}

/** An empty parcel added to the form (the packer moves units into it). */
export const emptyParcel = (): ParcelDraft => ({ weightKg: '', weightEdited: false, lengthCm: '', widthCm: '', heightCm: '', lines: {} });

/** What is wrong with the form, or nothing. */
export function parcelProblems(lines: Lines, drafts: readonly ParcelDraft[]): ParcelProblem[] {
  const problems: ParcelProblem[] = [];
  drafts.forEach((d, i) => {
    if (!Object.values(d.lines).some((q) => q > 0)) problems.push({ key: 'pack.problem.empty', parcel: i + 1 });
  });
  for (const l of lines) {
    const inParcels = drafts.reduce((n, d) => n + (d.lines[l.sku] ?? 0), 0);
    if (inParcels !== l.quantity) problems.push({ key: 'pack.problem.units', sku: l.sku, inParcels, picked: l.quantity });
  }
  return problems;
}

const grams = (kgText: string) => {
  const v = Number(kgText.replace(',', '.'));
  return Number.isFinite(v) && v > 0 ? Math.round(v * 1000) : undefined;
};
const mm = (cmText: string) => {
  const v = Number(cmText.replace(',', '.'));
  return Number.isFinite(v) && v > 0 ? Math.max(1, Math.round(v * 10)) : undefined;
};

/**
 * The parcels as `packing.pack` takes them: grams and millimetres; a blank weight is the engine's
 * to compute from the master; a single parcel holding everything names no lines (the engine's default).
 */
export function toParcelInputs(drafts: readonly ParcelDraft[]): ParcelInput[] {
  return drafts.map((d) => {
    const w = grams(d.weightKg);
    const [l, wd, h] = [mm(d.lengthCm), mm(d.widthCm), mm(d.heightCm)];
    const lines = Object.entries(d.lines)
      .filter(([, q]) => q > 0)
      .map(([sku, quantity]) => ({ sku, quantity }));
    return {
      ...(w ? { weightGrams: w } : {}),
      ...(l ? { lengthMm: l } : {}),
      ...(wd ? { widthMm: wd } : {}),
      ...(h ? { heightMm: h } : {}),
      ...(drafts.length > 1 ? { lines } : {}),
    };
  });
}
