import type { AtpLookup, OrderLineToSource } from './types';

export interface PartialFill {
  /** The lines as far as they can be sourced now (a line ships whole from one location). */
  fillable: OrderLineToSource[];
  /** What no eligible location can supply now, per SKU. */
  missing: { sku: string; quantity: number }[];
}

/**
 * When no location set can fill the whole order: how much of each line one eligible location can
 * supply now — the most any single one has, since a line ships whole from one place. Lines of the
 * same SKU draw on the same stock in turn. Pure and deterministic (ties: the location listed first).
 */
export function partialFill(lines: readonly OrderLineToSource[], eligible: readonly string[], atp: AtpLookup): PartialFill {
  const used = new Map<string, number>();
  const fillable: OrderLineToSource[] = [];
  const missing = new Map<string, number>();
  for (const line of lines) {
    let best = 0;
    let at: string | null = null;
    for (const loc of eligible) {
      const free = Math.max(0, atp(loc, line.sku)) - (used.get(`${loc}\u0000${line.sku}`) ?? 0);
      if (free > best) {
        best = free;
        at = loc;
      }
    }
    const take = Math.min(line.quantity, best);
    if (take > 0 && at) {
      used.set(`${at}\u0000${line.sku}`, (used.get(`${at}\u0000${line.sku}`) ?? 0) + take);
      fillable.push({ ...line, quantity: take });
    }
    if (take < line.quantity) missing.set(line.sku, (missing.get(line.sku) ?? 0) + line.quantity - take);
  }
  return { fillable, missing: [...missing].map(([sku, quantity]) => ({ sku, quantity })) };
}

/**
 * Spreads per-SKU units over the order's lines (last lines first), never more than a line still
 * has open: which lines give up the units a backorder or a cancellation takes.
 */
export function unitsByLine(
  lines: readonly { lineNo: number; sku: string; quantity: number }[],
  units: readonly { sku: string; quantity: number }[],
): { lineNo: number; sku: string; quantity: number }[] {
  const out: { lineNo: number; sku: string; quantity: number }[] = [];
  for (const u of units) {
    let left = u.quantity;
    for (const line of [...lines].filter((l) => l.sku === u.sku).sort((a, b) => b.lineNo - a.lineNo)) {
      if (left <= 0) break;
      const take = Math.min(left, line.quantity);
      if (take > 0) out.push({ lineNo: line.lineNo, sku: line.sku, quantity: take });
      left -= take;
    }
    if (left > 0) throw new Error(`${u.quantity} × ${u.sku} is more than the order has open`);
  }
  return out.sort((a, b) => a.lineNo - b.lineNo);
}
