/**
 * The batch walk of a pick wave: bins in the order a picker walks them, and the sort-to-order slots.
 * Bin codes are compared naturally — "A2-10" comes before "A10-1" — because aisle and bay numbers
 * are often written without leading zeros; an SKU with no bin at the location is walked last.
 */

const CHUNK = /(\d+)|(\D+)/g;

/** A bin code as chunks: runs of digits (compared as numbers) and runs of other characters (compared as text). */
function chunks(s: string): (string | number)[] {
  return [...s.matchAll(CHUNK)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!.toUpperCase()));
}

/** Natural order of two bin codes: numbers by value, text case-insensitively, then the plain text (so "A02" and "A2" still order). */
export function compareBins(a: string, b: string): number {
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    // A number before text at the same place ("A-1" before "A-B").
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walk order of two lines: by bin (unbinned last), then by SKU. */
export function compareWalk(a: { bin: string | null; sku: string }, b: { bin: string | null; sku: string }): number {
  if (a.bin !== null && b.bin !== null) {
    const byBin = compareBins(a.bin, b.bin);
    if (byBin !== 0) return byBin;
  } else if (a.bin !== b.bin) {
    return a.bin === null ? 1 : -1;
  }
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/** Lines in walk order (a new array). */
export function walkOrder<T extends { bin: string | null; sku: string }>(lines: readonly T[]): T[] {
  return [...lines].sort(compareWalk);
}

/** The sort slot of the order at `index` in a wave: A … Z, then AA, AB … (as spreadsheet columns). */
export function slotName(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`slot index must be a whole number ≥ 0, got ${index}`);
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Slot order: shorter first, then alphabetical (A … Z, AA …), as slotName hands them out. */
export function compareSlots(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Where `units` scanned of one SKU go: to the wave's orders still missing some, in slot order,
 * each up to what it still needs. Null when the scan is more than the wave still needs.
 */
export function distributeScan<T extends { slot: string; quantity: number; picked: number }>(
  orders: readonly T[],
  units: number,
): { order: T; take: number }[] | null {
  const open = [...orders].sort((a, b) => compareSlots(a.slot, b.slot));
  const left = open.reduce((n, o) => n + (o.quantity - o.picked), 0);
  if (units > left) return null;
  const out: { order: T; take: number }[] = [];
  let rest = units;
  for (const o of open) {
    if (rest === 0) break;
    const take = Math.min(rest, o.quantity - o.picked);
    if (take > 0) {
      out.push({ order: o, take });
      rest -= take;
    }
  }
  return out;
}
